// The API's shapes as the app reads them (see GET /openapi.json for the full schemas). The
// report and QA shapes are the grading core's own types.

import type { Component, GradingReport, JsonPatchOperation, QaReport, RubricDiffEntry } from '@medgrade/core/types';

export { COMPONENTS } from '@medgrade/core/types';
export type { Component, FeedbackItem, GradingReport, JsonPatchOperation, QaIssue, QaReport, RubricDiffEntry } from '@medgrade/core/types';
export type ComponentScores = Record<Component, number | null>;

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export type Role = 'platform_admin' | 'institution_admin' | 'teacher' | 'grader' | 'student';

export interface User {
  id: string;
  email: string;
  role: Role;
  institution_id: string;
  display_name: string | null;
  disabled: boolean;
  created_at: string;
}

export interface Me extends User {
  permissions?: string[];
}

export type RubricStatus = 'draft' | 'approved' | 'archived';

export interface RubricListItem {
  rubric_id: string;
  title: string | null;
  head_version: string;
  head_status?: RubricStatus;
  latest_approved_version: string | null;
  archived: boolean;
  created_at: string;
  updated_at: string;
}

export interface RubricVersionSummary {
  rubric_id: string;
  version: string;
  status: RubricStatus;
  title: string | null;
  created_by: string | null;
  approved_by: string | null;
  created_at: string;
  updated_at: string;
}

export type RubricJson = Record<string, unknown> & { rubric_id: string; version: string; title?: string };

export interface RubricRecord extends RubricVersionSummary {
  rubric: RubricJson;
  qa: QaReport | null;
}

export interface EditPreview {
  base_version: string;
  patch: JsonPatchOperation[];
  diff: RubricDiffEntry[];
  qa: QaReport;
  understood: string[];
  after: RubricJson;
}

export interface VersionDiff {
  rubric_id: string;
  from: string;
  to: string;
  operations: JsonPatchOperation[];
  changes: RubricDiffEntry[];
}

export interface Utterance {
  index: number;
  line: number;
  line_end: number;
  speaker: string;
  speaker_label: string | null;
  text: string;
  timestamp_start: string | null;
  timestamp_end: string | null;
}

/** GET /gradings/{id}/transcript: the input, its utterances, and where each student citation points. */
export interface Transcript {
  grading_id: string;
  oral_transcript: string;
  summary_text: string | null;
  has_timestamps: boolean;
  utterances: Utterance[];
  citations: { citation: string; kind: 'oral' | 'summary'; first_index: number | null; last_index: number | null }[];
}

export type OverrideKind = 'key_question' | 'reasoning_link' | 'summary_element';

export interface Override {
  kind: OverrideKind;
  id: string;
  decision: 'credit' | 'remove';
  reason: string;
  utterance_index?: number;
}

export interface Review {
  reviewed_by: string;
  reviewed_by_name: string | null;
  reviewed_at: string;
  overrides: Override[];
}

export interface GradingSummary {
  grading_id: string;
  rubric_id: string;
  rubric_version: string;
  rubric_title?: string | null;
  student_id: string | null;
  student_display_name?: string | null;
  student_email?: string | null;
  grader_id: string | null;
  status: string;
  overall_score: number | null;
  created_at: string;
  reviewed_at?: string | null;
  reviewed_by?: string | null;
}

export interface StoredGrading extends GradingSummary {
  report: GradingReport;
  machine_report: GradingReport | null;
  review: Review | null;
}

export interface Job {
  job_id: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  completed: number;
  failed: number;
  done: number;
  grading_ids: string[];
  items: { position: number; label: string | null; student_id: string; status: 'pending' | 'done' | 'failed'; grading_id: string | null; error: string | null }[];
  created_at: string;
  updated_at: string;
}

export interface Analytics {
  rubric_id: string;
  version: string | null;
  from: string | null;
  to: string | null;
  gradings: number;
  reviewed: number;
  students: number;
  mean_overall: number | null;
  histogram: { from: number; to: number; count: number }[];
  component_averages: ComponentScores;
  missed_questions: { question_id: string; label: string; critical: boolean; missed: number; total: number; share: number }[];
  missed_links: { link_id: string; description: string; missed: number; total: number; share: number }[];
  penalties: { penalty_id: string; description: string; applied: number; total: number; share: number }[];
}

export interface StudentRow {
  student_id: string;
  display_name: string | null;
  email: string;
  gradings: number;
  mean_overall: number | null;
  last_overall: number | null;
  last_graded_at: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor_id: string | null;
  actor_email: string | null;
  actor_name: string | null;
  action: string;
  resource_type: string;
  resource_id: string | null;
  details: unknown;
  request_id: string | null;
}
