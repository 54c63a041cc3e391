// The data layer's public vocabulary. Repositories speak in these shapes (camelCase
// records, ISO timestamps as Date); the rubric body itself keeps the snake_case
// format of @medgrade/core because it is stored and returned unchanged.
import type { GradingReport, QaReport, ReviewOverride, Rubric, FeedbackStyle } from '@medgrade/core';

export const ROLES = ['platform_admin', 'institution_admin', 'teacher', 'grader', 'student'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting, for which institution. Every repository call takes one: queries are
 * filtered by `institutionId` in code and, as a second wall, by PostgreSQL row-level
 * security under the same institution id.
 */
export interface TenantContext {
  institutionId: string;
  userId: string;
  role: Role;
  /** Copied into audit rows. */
  requestId?: string;
  ip?: string;
}

// ---------------------------------------------------------------- institutions and users

export interface Institution {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
}

export interface User {
  id: string;
  institutionId: string;
  email: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  email: string;
  password: string;
  role: Role;
  displayName?: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  password?: string;
  disabled?: boolean;
}

export interface UserFilter {
  role?: Role;
  /** Case-insensitive substring of the email or the display name. */
  q?: string;
  disabled?: boolean;
  cursor?: string | null;
  /** 1..100, default 20. */
  limit?: number;
}

// ---------------------------------------------------------------- refresh tokens

export interface RefreshTokenGrant {
  userId: string;
  institutionId: string;
  familyId: string;
  expiresAt: Date;
}

export type RefreshRotation =
  | { status: 'rotated'; grant: RefreshTokenGrant }
  /** The presented token had already been rotated or revoked: its whole family is now revoked. */
  | { status: 'reused'; familyId: string }
  | { status: 'expired' }
  | { status: 'unknown' };

// ---------------------------------------------------------------- rubrics

export const RUBRIC_STATUSES = ['draft', 'approved', 'archived'] as const;
export type RubricStatus = (typeof RUBRIC_STATUSES)[number];

export interface RubricSummary {
  /** The rubric's own id (the `rubric_id` of its JSON), unique within an institution. */
  rubricId: string;
  title: string | null;
  /** Newest version of any status: the version the next edit must state. */
  headVersion: string;
  headStatus: RubricStatus;
  /** Highest approved version, or null when none is approved. */
  latestApprovedVersion: string | null;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface RubricVersion {
  rubricId: string;
  version: string;
  status: RubricStatus;
  /** The rubric JSON; its `rubric_id` and `version` always equal the stored ones. */
  body: Rubric;
  qaReport: QaReport | null;
  createdBy: string | null;
  approvedBy: string | null;
  createdAt: Date;
  approvedAt: Date | null;
  archivedAt: Date | null;
}

/** Version metadata without the body, for listings. */
export type RubricVersionInfo = Omit<RubricVersion, 'body'>;

export interface Page<T> {
  items: T[];
  /** Opaque; pass back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

// ---------------------------------------------------------------- gradings

export const GRADING_STATUSES = ['complete', 'partial', 'failed'] as const;
export type GradingStatus = (typeof GRADING_STATUSES)[number];

export interface NewGrading {
  rubricId: string;
  rubricVersion: string;
  studentId: string | null;
  graderId: string | null;
  transcript: string;
  summaryText: string | null;
  style: FeedbackStyle | null;
  report: GradingReport;
  /** Client-supplied Idempotency-Key; unique per institution. */
  idempotencyKey?: string | null;
  /** Batch item this grading answers; unique, so a redelivered item never stores twice. */
  jobItemId?: string | null;
  /** The grading's id when the caller has chosen it (the report's grading_id); generated otherwise. */
  id?: string;
  /** JSON.stringify(report), when the caller has it already: stored as it is instead of serialised again. */
  reportJson?: string;
}

export interface Grading {
  id: string;
  institutionId: string;
  rubricId: string;
  rubricVersion: string;
  studentId: string | null;
  graderId: string | null;
  status: GradingStatus;
  overallScore: number | null;
  componentScores: GradingReport['component_scores'];
  /** The current report: the reviewed one once a person reviewed the grading. */
  report: GradingReport;
  /** The engine's own report, kept when the grading was reviewed; null before. */
  machineReport: GradingReport | null;
  review: GradingReview | null;
  idempotencyKey: string | null;
  jobItemId: string | null;
  createdAt: Date;
}

/** A grading as listed and fetched: with whom it is for and the rubric's title, as they are now. */
export interface NamedGrading extends Grading {
  studentEmail: string | null;
  studentName: string | null;
  rubricTitle: string | null;
}

/**
 * A grading as listings show it: named, with who reviewed it and when, but neither report
 * nor the review's overrides, which listings do not read.
 */
export type GradingListItem = Omit<NamedGrading, 'report' | 'machineReport' | 'review'> & {
  review: Omit<GradingReview, 'overrides'> | null;
};

export interface GradingReview {
  reviewedBy: string;
  reviewedAt: Date;
  overrides: ReviewOverride[];
}

/** A grading with its input texts (only for callers allowed to see them). */
export interface GradingWithInput extends NamedGrading {
  transcript: string;
  summaryText: string | null;
  style: FeedbackStyle | null;
}

/** A time range: from inclusive, to exclusive; either side may be open. */
export interface DateRange {
  from?: Date;
  to?: Date;
}

export interface GradingFilter extends DateRange {
  rubricId?: string;
  studentId?: string;
  cursor?: string | null;
  /** 1..100, default 20. */
  limit?: number;
}

/** `created` is false when the idempotency key or job item already had a grading (returned instead). */
export interface StoredGrading {
  grading: Grading;
  created: boolean;
}

// ---------------------------------------------------------------- batch jobs

export const JOB_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export type JobItemStatus = 'pending' | 'done' | 'failed';

export interface NewJobItem {
  studentId: string | null;
  /** The client's name for the item (e.g. its file name), shown back in the job. */
  label?: string | null;
  transcript: string;
  summaryText?: string | null;
  style?: FeedbackStyle | null;
}

export interface NewJob {
  rubricId: string;
  rubricVersion: string;
  items: NewJobItem[];
}

export interface Job {
  id: string;
  institutionId: string;
  createdBy: string;
  rubricId: string;
  rubricVersion: string;
  status: JobStatus;
  total: number;
  succeeded: number;
  failed: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export interface JobItem {
  id: string;
  jobId: string;
  institutionId: string;
  position: number;
  label: string | null;
  studentId: string | null;
  transcript: string;
  summaryText: string | null;
  style: FeedbackStyle | null;
  status: JobItemStatus;
  gradingId: string | null;
  error: string | null;
  attempts: number;
}

/** A batch item as its job's progress shows it: without its input texts. */
export type JobItemProgress = Pick<JobItem, 'position' | 'label' | 'studentId' | 'status' | 'attempts' | 'gradingId' | 'error'>;

/** What travels through the queue: ids only, never transcript text. */
export interface BatchQueueMessage {
  institutionId: string;
  jobId: string;
  itemId: string;
  /** The user who submitted the job; the worker acts on their behalf. */
  userId: string;
  role: Role;
  /** W3C traceparent of the request that created the job, when known. */
  traceparent?: string;
}

// ---------------------------------------------------------------- audit

export interface AuditEntry {
  id: string;
  institutionId: string | null;
  actorId: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
  ip: string | null;
  createdAt: Date;
  /** The actor's account as it is now (null for system actions or a user of another institution). */
  actorEmail: string | null;
  actorName: string | null;
}

export interface AuditFilter extends DateRange {
  actorId?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  cursor?: string | null;
  /** 1..100, default 50. */
  limit?: number;
}

// ---------------------------------------------------------------- cohort analytics

/** Which gradings a cohort figure counts: one rubric, optionally one version, over a time range. */
export interface CohortFilter extends DateRange {
  rubricId: string;
  version?: string;
}

export interface ItemShare {
  id: string;
  /** The question's label, the link's or penalty's description, from the newest version defining it. */
  label: string | null;
  /** Gradings that missed it (questions, links) or had it applied (penalties). */
  count: number;
  /** Gradings judged on it (their rubric version has it and the component was evaluated). */
  total: number;
  share: number;
}

export interface CohortAnalytics {
  gradings: number;
  reviewed: number;
  students: number;
  meanOverall: number | null;
  /** Ten bins over [0, 1]; the last includes 1. */
  histogram: { from: number; to: number; count: number }[];
  componentAverages: Record<'structure' | 'key_questions' | 'reasoning' | 'summary' | 'communication', number | null>;
  missedQuestions: (ItemShare & { critical: boolean })[];
  missedLinks: ItemShare[];
  penalties: ItemShare[];
}

export interface StudentCohortRow {
  studentId: string;
  email: string | null;
  displayName: string | null;
  gradings: number;
  meanOverall: number | null;
  lastOverall: number | null;
  lastGradedAt: Date;
}

/** One grading as the CSV export lists it. */
export interface GradingExportRow {
  id: string;
  createdAt: Date;
  rubricId: string;
  rubricVersion: string;
  studentId: string | null;
  studentEmail: string | null;
  studentName: string | null;
  graderId: string | null;
  status: GradingStatus;
  overallScore: number | null;
  componentScores: Grading['componentScores'];
  reviewedBy: string | null;
  reviewedAt: Date | null;
}

// ---------------------------------------------------------------- Redis-backed services

export interface RateLimit {
  /** Requests allowed within the window. */
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Requests still allowed in the current window (0 when refused). */
  remaining: number;
  /** Seconds until a refused caller may retry; 0 when allowed. */
  retryAfterSeconds: number;
}

/** Sliding-window limiter keyed by an arbitrary string (e.g. `user:<id>`, `institution:<id>`). */
export interface RateLimiter {
  consume(key: string, limit: RateLimit): Promise<RateDecision>;
  reset(key: string): Promise<void>;
}

/** Mutual exclusion for an in-flight request (e.g. one POST /gradings per Idempotency-Key). */
export interface IdempotencyLock {
  /** Returns a release token when acquired, null when someone else holds the key. */
  acquire(key: string, ttlSeconds: number): Promise<string | null>;
  /** Releases only if `token` still owns the key (an expired-and-retaken lock is left alone). */
  release(key: string, token: string): Promise<void>;
}

/** Small string cache with per-entry time-to-live. */
export interface CacheStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

export interface QueueEntry<T> {
  /** Queue-assigned id (a Redis stream id); pass to ack. */
  id: string;
  body: T;
  /** 1 on first delivery, higher after redelivery to this or another consumer. */
  deliveries: number;
}

export interface QueueDepth {
  /** Entries not yet delivered to any consumer. */
  waiting: number;
  /** Delivered but not acknowledged. */
  pending: number;
  /** Age of the oldest unacknowledged or undelivered entry, 0 when empty. */
  oldestAgeSeconds: number;
}

/**
 * At-least-once work queue with consumer groups: an entry stays pending until acked;
 * entries left pending by a dead consumer longer than `minIdleMs` can be claimed by another.
 */
export interface WorkQueue<T> {
  enqueue(bodies: T[]): Promise<string[]>;
  /** New entries for this consumer; waits up to `blockMs` when none are ready. */
  read(consumer: string, count: number, blockMs: number): Promise<QueueEntry<T>[]>;
  /** Takes over entries idle longer than `minIdleMs` in other consumers' pending lists. */
  claimStale(consumer: string, minIdleMs: number, count: number): Promise<QueueEntry<T>[]>;
  ack(ids: string[]): Promise<void>;
  depth(): Promise<QueueDepth>;
  /** Wakes up blocked reads and frees connections. */
  close(): Promise<void>;
}
