// The first schema: tenants, identities, versioned rubrics, gradings, audit and batch jobs,
// with row-level security on every tenant table. Forward-only: never edit a migration that
// has shipped; add a new one.
import { sql, type Kysely } from 'kysely';

/** Tables whose rows belong to one institution (column institution_id). */
export const TENANT_TABLES = [
  'users', 'refresh_tokens', 'rubrics', 'rubric_versions', 'grading_sessions', 'batch_jobs', 'batch_job_items',
] as const;

// The policy predicate. The institution comes from a transaction-local setting that
// withTenant() sets; withPlatform() instead sets medgrade.platform for the few
// cross-institution operations (institution creation, login lookup, token refresh).
const TENANT_MATCH = `institution_id = nullif(current_setting('medgrade.institution_id', true), '')::uuid`;
const PLATFORM = `current_setting('medgrade.platform', true) = 'on'`;

const TABLES = `
CREATE TYPE user_role AS ENUM ('platform_admin', 'institution_admin', 'teacher', 'grader', 'student');
CREATE TYPE rubric_status AS ENUM ('draft', 'approved', 'archived');
CREATE TYPE grading_status AS ENUM ('complete', 'partial', 'failed');
CREATE TYPE job_status AS ENUM ('queued', 'running', 'completed', 'failed');
CREATE TYPE job_item_status AS ENUM ('pending', 'done', 'failed');

CREATE TABLE institutions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  email text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
  password_hash text NOT NULL,
  display_name text NOT NULL DEFAULT '',
  role user_role NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, id)
);
-- Emails are unique platform-wide regardless of case (login does not know the institution).
CREATE UNIQUE INDEX users_email_lower ON users (lower(email));

CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  family_id uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  rotated_at timestamptz,
  revoked_at timestamptz,
  FOREIGN KEY (institution_id, user_id) REFERENCES users (institution_id, id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

CREATE TABLE rubrics (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  rubric_id text NOT NULL CHECK (rubric_id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$'),
  title text,
  head_version text NOT NULL,
  latest_approved_version text,
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz,
  UNIQUE (institution_id, rubric_id)
);

CREATE TABLE rubric_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL,
  rubric_id text NOT NULL,
  version text NOT NULL,
  major integer NOT NULL CHECK (major >= 0),
  minor integer NOT NULL CHECK (minor >= 0),
  patch integer NOT NULL CHECK (patch >= 0),
  status rubric_status NOT NULL DEFAULT 'draft',
  body jsonb NOT NULL,
  qa_report jsonb,
  created_by uuid,
  approved_by uuid,
  created_at timestamptz NOT NULL DEFAULT now(),
  approved_at timestamptz,
  archived_at timestamptz,
  UNIQUE (institution_id, rubric_id, version),
  FOREIGN KEY (institution_id, rubric_id) REFERENCES rubrics (institution_id, rubric_id),
  CHECK (version = major || '.' || minor || '.' || patch),
  CHECK (status <> 'approved' OR (approved_at IS NOT NULL AND qa_report IS NOT NULL))
);
CREATE INDEX rubric_versions_order ON rubric_versions (institution_id, rubric_id, major DESC, minor DESC, patch DESC);

CREATE TABLE batch_jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  created_by uuid NOT NULL,
  rubric_id text NOT NULL,
  rubric_version text NOT NULL,
  status job_status NOT NULL DEFAULT 'queued',
  total integer NOT NULL CHECK (total > 0),
  succeeded integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  UNIQUE (institution_id, id),
  FOREIGN KEY (institution_id, rubric_id, rubric_version) REFERENCES rubric_versions (institution_id, rubric_id, version),
  CHECK (succeeded + failed <= total)
);

CREATE TABLE batch_job_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_id uuid NOT NULL,
  institution_id uuid NOT NULL,
  position integer NOT NULL,
  student_id text,
  transcript text NOT NULL,
  summary_text text,
  style text,
  status job_item_status NOT NULL DEFAULT 'pending',
  grading_id uuid,
  error text,
  attempts integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (job_id, position),
  FOREIGN KEY (institution_id, job_id) REFERENCES batch_jobs (institution_id, id) ON DELETE CASCADE
);

CREATE TABLE grading_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions (id),
  rubric_id text NOT NULL,
  rubric_version text NOT NULL,
  student_id text,
  grader_id uuid,
  transcript text NOT NULL,
  summary_text text,
  style text,
  report jsonb NOT NULL,
  status grading_status NOT NULL,
  overall_score double precision CHECK (overall_score BETWEEN 0 AND 1),
  score_structure double precision,
  score_key_questions double precision,
  score_reasoning double precision,
  score_summary double precision,
  score_communication double precision,
  idempotency_key text,
  -- One grading per batch item, whatever the number of deliveries.
  job_item_id uuid UNIQUE REFERENCES batch_job_items (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, idempotency_key),
  FOREIGN KEY (institution_id, rubric_id, rubric_version) REFERENCES rubric_versions (institution_id, rubric_id, version)
);
CREATE INDEX grading_sessions_recent ON grading_sessions (institution_id, created_at DESC, id DESC);
CREATE INDEX grading_sessions_student ON grading_sessions (institution_id, student_id, created_at DESC, id DESC);
CREATE INDEX grading_sessions_rubric ON grading_sessions (institution_id, rubric_id, created_at DESC, id DESC);

CREATE TABLE audit_logs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid REFERENCES institutions (id),
  actor_id uuid,
  action text NOT NULL,
  resource_type text NOT NULL,
  resource_id text,
  details jsonb NOT NULL DEFAULT '{}',
  request_id text,
  ip text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_recent ON audit_logs (institution_id, created_at DESC);
CREATE INDEX audit_logs_resource ON audit_logs (institution_id, resource_type, resource_id);
`;

// Row-level security has to hold whatever login the pool uses:
// - a plain login (e.g. the RDS IAM user, which also owns the tables) is subject to the
//   policies directly, because every table FORCEs row-level security;
// - a superuser or BYPASSRLS login would skip them, so withTenant() switches such sessions
//   to medgrade_tenant for the transaction: no login, no BYPASSRLS, owns nothing, DML only.
// Creating the role needs CREATEROLE; a login without it does not need the role either.
const TENANT_ROLE_SQL = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'medgrade_tenant') THEN
    BEGIN
      CREATE ROLE medgrade_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS;
    EXCEPTION WHEN duplicate_object OR unique_violation OR insufficient_privilege THEN NULL;
    END;
  END IF;
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'medgrade_tenant') THEN
    GRANT USAGE ON SCHEMA public TO medgrade_tenant;
    GRANT SELECT, INSERT, UPDATE, DELETE ON institutions, users, refresh_tokens, rubrics, rubric_versions,
      grading_sessions, batch_jobs, batch_job_items TO medgrade_tenant;
    GRANT SELECT, INSERT ON audit_logs TO medgrade_tenant;
    -- A BYPASSRLS (non-superuser) login must be a member to switch to it.
    BEGIN
      EXECUTE format('GRANT medgrade_tenant TO %I', current_user);
    EXCEPTION WHEN duplicate_object OR unique_violation OR invalid_grant_operation OR insufficient_privilege THEN NULL;
    END;
  END IF;
END $$;
`;

// Audit rows are append-only for every login, the table owner included.
const APPEND_ONLY_AUDIT_SQL = `
CREATE FUNCTION audit_logs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_logs is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_logs
  FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_append_only();
`;

function policies(): string {
  const tenantTables = TENANT_TABLES.map((table) => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${table} USING (${TENANT_MATCH} OR ${PLATFORM}) WITH CHECK (${TENANT_MATCH} OR ${PLATFORM});`);
  return `${tenantTables.join('\n')}
ALTER TABLE institutions ENABLE ROW LEVEL SECURITY;
ALTER TABLE institutions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON institutions
  USING (id = nullif(current_setting('medgrade.institution_id', true), '')::uuid OR ${PLATFORM})
  WITH CHECK (${PLATFORM});
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_logs
  USING (${TENANT_MATCH} OR ${PLATFORM})
  WITH CHECK (${TENANT_MATCH} OR ${PLATFORM});
`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(TABLES).execute(db);
  await sql.raw(TENANT_ROLE_SQL).execute(db);
  await sql.raw(APPEND_ONLY_AUDIT_SQL).execute(db);
  await sql.raw(policies()).execute(db);
}
