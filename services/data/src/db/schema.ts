// Row types of the PostgreSQL schema as kysely sees them. Must match the migrations
// (services/data/src/db/migrations); a mismatch shows up as failing repository tests.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { GradingReport, QaReport, ReviewOverride, Rubric } from '@medgrade/core';
import type { GradingStatus, JobItemStatus, JobStatus, Role, RubricStatus } from '../types';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface InstitutionsTable {
  id: Generated<string>;
  name: string;
  slug: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  institution_id: string;
  email: string;
  password_hash: string;
  display_name: Generated<string>;
  role: Role;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  institution_id: string;
  family_id: string;
  expires_at: ColumnType<Date, Date, never>;
  created_at: CreatedAt;
  rotated_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface RubricsTable {
  id: Generated<string>;
  institution_id: string;
  rubric_id: string;
  title: string | null;
  head_version: string;
  latest_approved_version: string | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  archived_at: NullableTimestamp;
}

export interface RubricVersionsTable {
  id: Generated<string>;
  institution_id: string;
  rubric_id: string;
  version: string;
  major: number;
  minor: number;
  patch: number;
  status: RubricStatus;
  body: JSONColumnType<Rubric>;
  qa_report: JSONColumnType<QaReport | null, string | null, string | null>;
  created_by: string | null;
  approved_by: string | null;
  created_at: CreatedAt;
  approved_at: NullableTimestamp;
  archived_at: NullableTimestamp;
}

export interface GradingSessionsTable {
  id: Generated<string>;
  institution_id: string;
  rubric_id: string;
  rubric_version: string;
  student_id: string | null;
  grader_id: string | null;
  transcript: string;
  summary_text: string | null;
  style: string | null;
  report: JSONColumnType<GradingReport>;
  status: GradingStatus;
  overall_score: number | null;
  score_structure: number | null;
  score_key_questions: number | null;
  score_reasoning: number | null;
  score_summary: number | null;
  score_communication: number | null;
  idempotency_key: string | null;
  job_item_id: string | null;
  created_at: CreatedAt;
  /** The engine's own report, kept once the grading is reviewed (report then holds the reviewed one). */
  machine_report: JSONColumnType<GradingReport | null, string | null | undefined, string | null>;
  review: JSONColumnType<StoredReview | null, string | null | undefined, string | null>;
  reviewed_by: ColumnType<string | null, string | null | undefined, string | null>;
  reviewed_at: NullableTimestamp;
}

/** What a review stored beside the reviewed report. */
export interface StoredReview {
  overrides: ReviewOverride[];
}

export interface AuditLogsTable {
  id: Generated<string>;
  institution_id: string | null;
  actor_id: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  details: JSONColumnType<Record<string, unknown>>;
  request_id: string | null;
  ip: string | null;
  created_at: CreatedAt;
}

export interface BatchJobsTable {
  id: Generated<string>;
  institution_id: string;
  created_by: string;
  rubric_id: string;
  rubric_version: string;
  status: JobStatus;
  total: number;
  succeeded: Generated<number>;
  failed: Generated<number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface BatchJobItemsTable {
  id: Generated<string>;
  job_id: string;
  institution_id: string;
  position: number;
  student_id: string | null;
  transcript: string;
  summary_text: string | null;
  style: string | null;
  status: Generated<JobItemStatus>;
  grading_id: string | null;
  error: string | null;
  attempts: Generated<number>;
  updated_at: Timestamp;
  label: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Database {
  institutions: InstitutionsTable;
  users: UsersTable;
  refresh_tokens: RefreshTokensTable;
  rubrics: RubricsTable;
  rubric_versions: RubricVersionsTable;
  grading_sessions: GradingSessionsTable;
  audit_logs: AuditLogsTable;
  batch_jobs: BatchJobsTable;
  batch_job_items: BatchJobItemsTable;
}
