// What the web app needs of the schema: human review of gradings (the engine's report is kept
// beside the reviewed one), labels of batch items, and the indexes behind the review queue,
// the audit log view and the user list (the cohort analytics use 0001's grading_sessions_rubric;
// bench/analytics.ts found no gain in a per-version index, which every grading would also pay
// for when it is stored). Forward-only.
import { sql, type Kysely } from 'kysely';

const REVIEW = `
ALTER TABLE grading_sessions
  ADD COLUMN machine_report jsonb,
  ADD COLUMN review jsonb,
  ADD COLUMN reviewed_by uuid,
  ADD COLUMN reviewed_at timestamptz,
  -- A review sets all four at once; a grading never reviewed has none of them.
  ADD CONSTRAINT grading_sessions_review_complete CHECK (
    (reviewed_at IS NULL AND reviewed_by IS NULL AND review IS NULL AND machine_report IS NULL)
    OR (reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL AND review IS NOT NULL AND machine_report IS NOT NULL));

-- The review queue: unreviewed gradings, oldest first. The predicate is the queue's own filter:
-- under row-level security the planner cannot use the column statistics to estimate those
-- conditions, but it does recognise an index whose predicate they imply.
CREATE INDEX grading_sessions_unreviewed ON grading_sessions (institution_id, created_at, id)
  WHERE reviewed_at IS NULL AND status <> 'failed';
`;

const BATCH_LABELS = `
ALTER TABLE batch_job_items ADD COLUMN label text CHECK (length(label) <= 200);
`;

const AUDIT_AND_USERS = `
-- Newest-first pages of the audit log, whole or by actor or action.
CREATE INDEX audit_logs_page ON audit_logs (institution_id, created_at DESC, id DESC);
CREATE INDEX audit_logs_actor ON audit_logs (institution_id, actor_id, created_at DESC, id DESC);
CREATE INDEX audit_logs_action ON audit_logs (institution_id, action, created_at DESC, id DESC);
DROP INDEX audit_logs_recent;
-- Newest-first pages of an institution's users.
CREATE INDEX users_page ON users (institution_id, created_at DESC, id DESC);
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(REVIEW).execute(db);
  await sql.raw(BATCH_LABELS).execute(db);
  await sql.raw(AUDIT_AND_USERS).execute(db);
}
