// The contracts the gateway, rubric store and worker program against. Implementations
// live beside them (repositories/*, redis/*, memory/*); openDataLayer wires them up.
import type { GradingReport, QaReport, ReviewOverride, Rubric } from '@medgrade/core';
import type {
  AuditEntry, AuditFilter, BatchQueueMessage, CacheStore, CohortAnalytics, CohortFilter, Grading, GradingExportRow, GradingFilter,
  GradingListItem, GradingWithInput, IdempotencyLock, Institution, Job, JobItem, JobItemProgress, NamedGrading, NewGrading, NewJob,
  NewUser, Page, RateLimiter, RefreshRotation, RefreshTokenGrant, Role, RubricStatus, RubricSummary, RubricVersion, RubricVersionInfo,
  StoredGrading, StudentCohortRow, TenantContext, User, UserChanges, UserFilter, WorkQueue,
} from './types';

/** Platform-level operations; each checks that ctx.role is platform_admin. */
export interface InstitutionRepository {
  /** Creates an institution (privileged path: it is not scoped to the caller's institution). */
  create(ctx: TenantContext, input: { name: string; slug: string }): Promise<Institution>;
  /** The caller's own institution, or any institution for a platform admin; null when not visible. */
  get(ctx: TenantContext, id: string): Promise<Institution | null>;
  list(ctx: TenantContext): Promise<Institution[]>;
}

export interface UserRepository {
  create(ctx: TenantContext, input: NewUser): Promise<User>;
  get(ctx: TenantContext, id: string): Promise<User | null>;
  /** Newest first, filtered by role, enabled state and a search of email and name. */
  list(ctx: TenantContext, filter?: UserFilter): Promise<Page<User>>;
  /** Null when the user does not exist in ctx's institution. */
  update(ctx: TenantContext, id: string, changes: UserChanges): Promise<User | null>;
  /**
   * Login lookup across institutions (emails are unique platform-wide). Returns the user
   * only when the password matches and the account is enabled; constant work otherwise.
   */
  verifyLogin(email: string, password: string): Promise<User | null>;
  /** Loads an enabled user by id without a tenant (token refresh, /me); null if disabled or gone. */
  findActive(userId: string): Promise<User | null>;
}

export interface RefreshTokenRepository {
  /** Stores the token's SHA-256 (never the token). Omit familyId to start a new family (login). */
  issue(input: { token: string; userId: string; institutionId: string; familyId?: string; expiresAt: Date }): Promise<RefreshTokenGrant>;
  /** Marks `presented` rotated and stores `next` in the same family; reuse revokes the family. */
  rotate(presented: string, next: string, nextExpiresAt: Date): Promise<RefreshRotation>;
  /** Logout: revokes the family the token belongs to. Unknown tokens are ignored. */
  revokeFamilyOf(token: string): Promise<void>;
}

export interface RubricRepository {
  /** Stores a new rubric as a draft (version from the JSON when it is semver, else 1.0.0). */
  create(ctx: TenantContext, body: Rubric): Promise<RubricVersion>;
  /** A given version (any status), or the latest approved when version is omitted/empty. */
  get(ctx: TenantContext, rubricId: string, version?: string | null): Promise<RubricVersion | null>;
  /** By rubric id; `q` searches id and title, `status` is the head version's (archived ones only when asked for). */
  list(ctx: TenantContext, page?: { cursor?: string | null; limit?: number; includeArchived?: boolean; q?: string; status?: RubricStatus }): Promise<Page<RubricSummary>>;
  listVersions(ctx: TenantContext, rubricId: string): Promise<RubricVersionInfo[] | null>;
  /**
   * New draft version (minor bump of the head) with `body`. `baseVersion` is the version
   * the caller edited; if it is no longer the head the call fails with DataError 'stale_version'.
   */
  update(ctx: TenantContext, rubricId: string, baseVersion: string, body: Rubric): Promise<RubricVersion>;
  /** Marks a draft approved with its QA report; fails 'qa_failed' (report attached) when invalid. */
  approve(ctx: TenantContext, rubricId: string, version: string, qa: QaReport): Promise<RubricVersion>;
  /** Archives one version, or every version and the rubric itself when version is omitted. */
  archive(ctx: TenantContext, rubricId: string, version?: string | null): Promise<RubricVersionInfo[]>;
}

export interface GradingRepository {
  /**
   * Stores a grading. With an idempotency key or job item id already used, stores nothing
   * and returns the existing grading with created=false.
   */
  create(ctx: TenantContext, input: NewGrading): Promise<StoredGrading>;
  /** Students only see their own gradings (others answer null, like a missing id). */
  get(ctx: TenantContext, id: string): Promise<NamedGrading | null>;
  getWithInput(ctx: TenantContext, id: string): Promise<GradingWithInput | null>;
  findByIdempotencyKey(ctx: TenantContext, key: string): Promise<Grading | null>;
  /** Newest first, cursor-paginated; a student's listing is always restricted to themselves. */
  list(ctx: TenantContext, filter?: GradingFilter): Promise<Page<GradingListItem>>;
  /**
   * Stores a review: `report` becomes the current report (and its scores), the engine's report
   * is kept the first time, the overrides replace any earlier review's; audited in the same
   * transaction. Null when the grading is not visible.
   */
  review(ctx: TenantContext, id: string, review: { report: GradingReport; overrides: ReviewOverride[] }): Promise<Grading | null>;
  /** Gradings nobody reviewed yet (failed ones aside), oldest first. */
  reviewQueue(ctx: TenantContext, filter?: { rubricId?: string; cursor?: string | null; limit?: number }): Promise<Page<GradingListItem>>;
}

/** Cohort figures, computed by PostgreSQL over the stored reports (reviewed ones as reviewed). */
export interface AnalyticsRepository {
  cohort(ctx: TenantContext, filter: CohortFilter): Promise<CohortAnalytics>;
  /** Per student, by email. */
  students(ctx: TenantContext, filter: CohortFilter & { cursor?: string | null; limit?: number }): Promise<Page<StudentCohortRow>>;
  /** Every grading the filter selects, newest first (for the CSV export). */
  gradingRows(ctx: TenantContext, filter: Partial<CohortFilter> & { studentId?: string }): Promise<GradingExportRow[]>;
}

export interface JobRepository {
  /** Creates the job and its items (status queued) and returns the queue messages to publish. */
  create(ctx: TenantContext, input: NewJob): Promise<{ job: Job; messages: BatchQueueMessage[] }>;
  get(ctx: TenantContext, id: string): Promise<Job | null>;
  getItem(ctx: TenantContext, itemId: string): Promise<JobItem | null>;
  /** Items of a job without their input texts, in submission order (what its progress shows). */
  progress(ctx: TenantContext, jobId: string): Promise<JobItemProgress[]>;
  /**
   * Stores the item's grading and marks it done, once: a redelivered item that is already
   * done stores nothing and returns the existing grading.
   */
  completeItem(ctx: TenantContext, itemId: string, grading: NewGrading): Promise<StoredGrading>;
  /** Records a failed attempt; `final` marks the item failed for good (counted in the job). */
  failItem(ctx: TenantContext, itemId: string, error: string, final: boolean): Promise<JobItem | null>;
}

export interface AuditRepository {
  /** Audit rows of ctx's institution, newest first, a page at a time. Writes happen inside each mutation. */
  list(ctx: TenantContext, filter?: AuditFilter): Promise<Page<AuditEntry>>;
}

/** Approved rubric versions (immutable) cached by institution, id and version. */
export interface RubricCache {
  get(institutionId: string, rubricId: string, version: string): Promise<RubricVersion | null>;
  put(institutionId: string, value: RubricVersion): Promise<void>;
  /** The cached answer to "latest approved version of this rubric". */
  getLatestVersion(institutionId: string, rubricId: string): Promise<string | null>;
  putLatestVersion(institutionId: string, rubricId: string, version: string): Promise<void>;
  /** Drops the latest pointer and the given versions (archive, approve). */
  invalidate(institutionId: string, rubricId: string, versions: string[]): Promise<void>;
}

export interface BootstrapInput {
  email: string;
  password: string;
  institutionName: string;
  institutionSlug: string;
  /** Default platform_admin (who may also create further institutions). */
  role?: Role;
  displayName?: string;
}

export interface DependencyHealth {
  postgres: boolean;
  /** null when running on in-process implementations (no REDIS_URL). */
  redis: boolean | null;
}

export interface DataLayer {
  institutions: InstitutionRepository;
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  rubrics: RubricRepository;
  gradings: GradingRepository;
  jobs: JobRepository;
  audit: AuditRepository;
  analytics: AnalyticsRepository;
  rubricCache: RubricCache;
  rateLimiter: RateLimiter;
  idempotency: IdempotencyLock;
  /** Batch grading queue (Redis Streams consumer group, or in-process). */
  batchQueue: WorkQueue<BatchQueueMessage>;
  cacheStore: CacheStore;
  /** 'redis' with REDIS_URL, 'memory' for the in-process implementations. */
  redisMode: 'redis' | 'memory';
  /**
   * First start: when no user exists, creates the institution and its admin. Returns
   * what it created, or null when users already exist.
   */
  bootstrapAdmin(input: BootstrapInput): Promise<{ institution: Institution; admin: User } | null>;
  /** Live pool counts (for the db_pool_connections gauge). */
  dbPool: { readonly totalCount: number; readonly idleCount: number; readonly waitingCount: number };
  /** Reachability of PostgreSQL and Redis (short timeouts, never throws). */
  health(): Promise<DependencyHealth>;
  close(): Promise<void>;
}

export type { RubricStatus };
