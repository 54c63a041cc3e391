import { z } from 'zod';
import { COMPONENTS, FEEDBACK_STYLES, REVIEW_KINDS } from '@medgrade/core';

// Every request and response body of the REST API, defined once. The same objects validate
// requests at run time and become the OpenAPI document's components (see openapi.ts), so the
// published contract cannot drift from what the server enforces.

/** The API's named schemas; openapi.ts turns this registry into components.schemas. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

const named = <T extends z.ZodType>(id: string, schema: T, description?: string): T => {
  apiSchemas.add(schema, { id, ...(description ? { description } : {}) });
  return schema;
};

export const ROLE_NAMES = ['platform_admin', 'institution_admin', 'teacher', 'grader', 'student'] as const;
export const Role = named('Role', z.enum(ROLE_NAMES));

const id = z.string().min(1).max(200);
const email = z.email().max(320);
const password = z.string().min(12, 'at least 12 characters').max(200);
const semver = z.string().regex(/^\d+\.\d+\.\d+$/, 'a semantic version like 1.0.0');
const timestamp = z.string().describe('ISO 8601 date-time');

// ---------------------------------------------------------------- auth

export const LoginRequest = named('LoginRequest', z.object({
  email,
  password: z.string().min(1).max(200),
  refresh_cookie: z.boolean().optional()
    .describe('Browsers: true sets the refresh token as an HttpOnly cookie instead of returning it in the body'),
}));
export const RefreshRequest = named('RefreshRequest', z.object({
  refresh_token: z.string().min(1).max(500).optional()
    .describe('Omit to use the medgrade_refresh cookie (then the X-Medgrade-CSRF: 1 header is required)'),
}));
export const TokenPair = named('TokenPair', z.object({
  access_token: z.string(),
  refresh_token: z.string().optional().describe('Absent when the refresh token travels in the medgrade_refresh cookie'),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().describe('Seconds until the access token expires'),
}));

// ---------------------------------------------------------------- institutions and users

export const User = named('User', z.object({
  id,
  email,
  role: Role,
  institution_id: id,
  display_name: z.string().nullable(),
  disabled: z.boolean(),
  created_at: timestamp,
}));

const cursor = z.string().max(500).optional();
const pageLimit = z.coerce.number().int().min(1).max(100).default(20);
const nextCursor = z.string().nullable().describe('Pass as ?cursor= to fetch the next page; null on the last page');
const trueOrFalse = z.enum(['true', 'false']);

const institutionRole = z.enum(['institution_admin', 'teacher', 'grader', 'student']);

export const Me = named('Me', User.extend({
  permissions: z.array(z.string()).describe('The permissions your role has (see docs/permissions.md): what the app may show you'),
}));

export const UserPage = named('UserPage', z.object({ items: z.array(User), next_cursor: nextCursor }));

export const ListUsersQuery = named('ListUsersQuery', z.object({
  role: Role.optional(),
  q: z.string().trim().min(1).max(200).optional().describe('Case-insensitive part of the email or display name'),
  disabled: trueOrFalse.optional(),
  cursor,
  limit: pageLimit,
}));

export const CreateUserRequest = named('CreateUserRequest', z.object({
  email,
  password,
  role: institutionRole,
  display_name: z.string().min(1).max(200).optional(),
}));

export const UpdateUserRequest = named('UpdateUserRequest', z.object({
  role: institutionRole.optional(),
  display_name: z.string().min(1).max(200).optional(),
  password: password.optional(),
  disabled: z.boolean().optional(),
}).refine((body) => Object.keys(body).length > 0, 'name at least one field to change'));

export const CreateInstitutionRequest = named('CreateInstitutionRequest', z.object({
  name: z.string().min(1).max(200),
  admin: z.object({ email, password, display_name: z.string().min(1).max(200).optional() })
    .describe('The institution\'s first institution_admin'),
}));

export const Institution = named('Institution', z.object({
  id,
  name: z.string(),
  created_at: timestamp,
  admin: User,
}));

// ---------------------------------------------------------------- rubrics

const anchor = z.string().min(1).max(200);
const penaltyRule = z.union([
  z.object({ kind: z.literal('missing'), section: z.string() }),
  z.object({ kind: z.literal('order'), first: z.string(), then: z.string() }),
]);

export const Rubric = named('Rubric', z.looseObject({
  rubric_id: id,
  version: semver,
  status: z.string().optional(),
  title: z.string().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  weights: z.object(Object.fromEntries(COMPONENTS.map((c) => [c, z.number()])) as Record<(typeof COMPONENTS)[number], z.ZodNumber>),
  structure: z.object({
    anchor,
    expected_order: z.array(z.string()),
    penalties: z.array(z.object({ id, anchor, description: z.string(), value: z.number(), rule: penaltyRule.optional() })),
  }),
  key_questions: z.array(z.object({ id, anchor, label: z.string(), critical: z.boolean(), phrases: z.array(z.string()) })),
  key_questions_policy: z.object({
    anchor, critical_weight: z.number(), noncritical_weight: z.number(), coverage_threshold: z.number(),
  }),
  reasoning: z.object({
    anchor,
    required_links: z.array(z.object({ id, anchor, description: z.string(), pattern: z.string() })),
    major_gap_penalty: z.number(),
  }),
  summary: z.object({
    anchor,
    max_tokens: z.number(),
    overflow_divisor: z.number(),
    required_elements: z.array(z.object({ id, anchor, description: z.string(), pattern: z.string().nullable() })),
  }),
  communication: z.object({
    anchor,
    weight: z.number(),
    rules: z.array(z.object({ id, anchor, description: z.string().optional(), pattern: z.string().nullable().optional() })),
  }),
}), 'A rubric in the medgrade rubric JSON format (accepted unchanged).');

export const QaIssue = named('QaIssue', z.object({
  pointer: z.string().describe('RFC 6901 JSON Pointer into the rubric'),
  code: z.string(),
  message: z.string(),
}));
export const QaReport = named('QaReport', z.object({
  valid: z.boolean(), errors: z.array(QaIssue), warnings: z.array(QaIssue),
}));

export const RubricStatus = named('RubricStatus', z.enum(['draft', 'approved', 'archived']));

export const RubricVersionSummary = named('RubricVersionSummary', z.object({
  rubric_id: id,
  version: semver,
  status: RubricStatus,
  title: z.string().nullable(),
  created_by: id.nullable(),
  approved_by: id.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
}));

export const RubricRecord = named('RubricRecord', RubricVersionSummary.extend({
  rubric: Rubric,
  qa: QaReport.nullable(),
}));

export const RubricVersionList = named('RubricVersionList', z.object({ items: z.array(RubricVersionSummary) }));

export const RubricListItem = named('RubricListItem', z.object({
  rubric_id: id,
  title: z.string().nullable(),
  head_version: semver.describe('Newest version of any status: the base_version of your next edit'),
  head_status: RubricStatus.describe('Status of head_version'),
  latest_approved_version: semver.nullable().describe('What gradings use by default; null when none is approved'),
  archived: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
}));

export const RubricPage = named('RubricPage', z.object({
  items: z.array(RubricListItem),
  next_cursor: z.string().nullable(),
}));

export const ListRubricsQuery = named('ListRubricsQuery', z.object({
  q: z.string().trim().min(1).max(200).optional().describe('Case-insensitive part of the rubric id or title'),
  status: RubricStatus.optional().describe('Status of the head version; archived rubrics are listed when asking for archived'),
  cursor,
  limit: pageLimit,
  include_archived: trueOrFalse.default('false'),
}));

export const CreatedRubric = named('CreatedRubric', RubricVersionSummary.extend({
  qa: QaReport.describe('QA report of the stored draft; approval requires it to be valid'),
}));

export const ValidateRubricRequest = named('ValidateRubricRequest', z.looseObject({}),
  'Any JSON object; shape and type mistakes are reported in the QA report rather than refused');

export const JsonPatchOperation = named('JsonPatchOperation', z.union([
  z.object({ op: z.enum(['add', 'replace', 'test']), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal('remove'), path: z.string() }),
  z.object({ op: z.enum(['move', 'copy']), from: z.string(), path: z.string() }),
]), 'One RFC 6902 operation');

export const UpdateRubricRequest = named('UpdateRubricRequest', z.object({
  base_version: semver.describe('The version you edited; a newer one existing answers 409'),
  rubric: Rubric,
}));

export const PatchRubricRequest = named('PatchRubricRequest', z.object({
  base_version: semver.describe('The version you edited; a newer one existing answers 409'),
  operations: z.array(JsonPatchOperation).min(1).max(500),
}));

export const EditPreviewRequest = named('EditPreviewRequest', z.object({
  instruction: z.string().min(1).max(2000),
  version: semver.optional().describe('Version to edit; default the latest version'),
}));

export const EditPreview = named('EditPreview', z.object({
  base_version: semver,
  patch: z.array(JsonPatchOperation),
  diff: z.array(z.object({ path: z.string(), before: z.unknown().optional(), after: z.unknown().optional() })),
  qa: QaReport,
  understood: z.array(z.string()),
  after: Rubric,
}));

// ---------------------------------------------------------------- dates

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 3600 * 1000;

/** A YYYY-MM-DD date (UTC midnight) or an ISO 8601 date-time; `endOfDay` moves a plain date to the next midnight. */
function instant(endOfDay: boolean) {
  return z.string().max(40).transform((text, ctx) => {
    const dateOnly = DATE_ONLY.test(text);
    const isoish = dateOnly || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text);
    const time = isoish ? Date.parse(dateOnly ? `${text}T00:00:00Z` : text) : Number.NaN;
    if (Number.isNaN(time)) {
      ctx.addIssue({ code: 'custom', message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a zone' });
      return z.NEVER;
    }
    return new Date(dateOnly && endOfDay ? time + DAY_MS : time);
  });
}

const rangeFrom = instant(false).optional().describe('Inclusive: a date (YYYY-MM-DD, UTC) or an ISO 8601 date-time');
const rangeTo = instant(true).optional().describe('A date includes that whole day (UTC); a date-time is exclusive');

/** from must not come after to. */
function orderedRange<T extends { from?: Date; to?: Date }>(value: T, ctx: z.RefinementCtx): void {
  if (value.from && value.to && value.from.getTime() > value.to.getTime()) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
  }
}

// ---------------------------------------------------------------- gradings

export const FeedbackStyle = named('FeedbackStyle', z.enum(FEEDBACK_STYLES as unknown as [string, ...string[]]));

const transcriptText = z.string().min(1).describe('The oral transcript; limited to MAX_TRANSCRIPT_LINES lines');

export const CreateGradingRequest = named('CreateGradingRequest', z.object({
  rubric_id: id,
  rubric_version: semver.optional().describe('Default: the latest approved version'),
  student_id: id.optional().describe('Required for teachers and graders; a student grades only themself'),
  oral_transcript: transcriptText,
  summary_text: z.string().max(20000).optional(),
  style: FeedbackStyle.optional(),
}));

const citations = z.object({ rubric: z.array(z.string()), student: z.array(z.string()) });
const citedUtterance = z.object({ text: z.string(), timestamp_start: z.string().nullable(), timestamp_end: z.string().nullable() });
const nullableScore = z.number().nullable();

export const GradingReport = named('GradingReport', z.looseObject({
  grading_id: id,
  rubric_id: id,
  rubric_version: semver,
  status: z.enum(['complete', 'partial']),
  graded_at: timestamp,
  overall_score: nullableScore,
  component_scores: z.object(Object.fromEntries(COMPONENTS.map((c) => [c, nullableScore])) as Record<(typeof COMPONENTS)[number], typeof nullableScore>),
  details: z.object({
    structure: z.looseObject({
      score: z.number(), lcs_score: z.number(), detected_order: z.array(z.string()), expected_order: z.array(z.string()),
      penalties_applied: z.array(z.object({ id: z.string(), value: z.number() })), violations: z.array(z.string()), successes: z.array(z.string()),
    }).nullable(),
    key_questions: z.looseObject({
      score: z.number(),
      matches: z.array(z.looseObject({ question_id: z.string(), anchor: z.string(), utterance: citedUtterance, confidence: z.number(), citation: z.string() })),
      unmatched: z.array(z.string()),
    }).nullable(),
    reasoning: z.looseObject({
      score: z.number(),
      detected: z.array(z.looseObject({ link_id: z.string(), matched_text: z.string(), timestamp_start: z.string().nullable(), timestamp_end: z.string().nullable() })),
      missing: z.array(z.string()),
    }).nullable(),
    summary: z.looseObject({
      score: z.number(), token_count: z.number(), succinct_score: z.number(), elements_score: z.number(),
      matched_elements: z.array(z.string()), missing_elements: z.array(z.string()),
    }).nullable(),
  }),
  feedback: z.object({
    overall_summary: z.string(),
    sections: z.array(z.object({
      category: z.string(),
      items: z.array(z.object({ type: z.enum(['strength', 'improvement', 'info']), text: z.string(), citations })),
    })),
  }),
  warnings: z.array(z.string()),
}), 'The grading report; every feedback sentence cites a rubric anchor and the student\'s words.');

export const ReviewOverride = named('ReviewOverride', z.object({
  kind: z.enum(REVIEW_KINDS),
  id: z.string().min(1).max(200).describe('The key question, reasoning link or summary element id in the rubric'),
  decision: z.enum(['credit', 'remove']).describe('credit: count it as met; remove: count it as not met'),
  reason: z.string().trim().min(1).max(1000),
  utterance_index: z.number().int().min(0).optional()
    .describe('The student utterance that meets it (GET /gradings/{id}/transcript); required to credit a question or link the engine did not find'),
}));

export const GradingSummary = named('GradingSummary', z.object({
  grading_id: id,
  rubric_id: id,
  rubric_title: z.string().nullable(),
  rubric_version: semver,
  student_id: id.nullable().describe('null for a practice grading'),
  student_email: z.string().nullable(),
  student_display_name: z.string().nullable(),
  grader_id: id.nullable(),
  status: z.string(),
  overall_score: nullableScore.describe('The reviewed score once the grading was reviewed'),
  created_at: timestamp,
  reviewed_by: id.nullable(),
  reviewed_at: timestamp.nullable(),
}));

export const GradingReview = named('GradingReview', z.object({
  reviewed_by: id,
  reviewed_by_name: z.string().nullable(),
  reviewed_at: timestamp,
  overrides: z.array(ReviewOverride),
}));

export const StoredGrading = named('StoredGrading', GradingSummary.extend({
  report: GradingReport.describe('The current report: recomputed from the overrides once reviewed'),
  machine_report: GradingReport.nullable().describe('The engine\'s own report, kept when the grading is reviewed; null before'),
  review: GradingReview.nullable(),
}));

export const GradingPage = named('GradingPage', z.object({
  items: z.array(GradingSummary),
  next_cursor: nextCursor,
}));

export const ListGradingsQuery = named('ListGradingsQuery', z.object({
  rubric_id: id.optional(),
  student_id: id.optional(),
  from: rangeFrom,
  to: rangeTo,
  cursor,
  limit: pageLimit,
}).superRefine(orderedRange));

export const ReviewRequest = named('ReviewRequest', z.object({
  overrides: z.array(ReviewOverride).min(1).max(200),
}));

export const ReviewQueueQuery = named('ReviewQueueQuery', z.object({ rubric_id: id.optional(), cursor, limit: pageLimit }));

export const TranscriptView = named('TranscriptView', z.object({
  grading_id: id,
  oral_transcript: z.string(),
  summary_text: z.string().nullable(),
  has_timestamps: z.boolean(),
  utterances: z.array(z.object({
    index: z.number().int(),
    line: z.number().int(),
    line_end: z.number().int(),
    speaker: z.enum(['student', 'patient', 'examiner', 'unknown']),
    speaker_label: z.string().nullable(),
    text: z.string(),
    timestamp_start: z.string().nullable(),
    timestamp_end: z.string().nullable(),
  })),
  citations: z.array(z.object({
    citation: z.string(),
    kind: z.enum(['oral', 'summary']),
    first_index: z.number().int().nullable(),
    last_index: z.number().int().nullable(),
  })).describe('Every student citation of the report and the machine report, with the utterances it spans'),
}), 'A grading\'s input as the engine parsed it, to show beside its report');

export const GradingExportQuery = named('GradingExportQuery', z.object({
  rubric_id: id.optional(),
  version: semver.optional(),
  student_id: id.optional(),
  from: rangeFrom,
  to: rangeTo,
}).superRefine(orderedRange));

export const BatchGradingRequest = named('BatchGradingRequest', z.object({
  rubric_id: id,
  rubric_version: semver.optional(),
  style: FeedbackStyle.optional(),
  items: z.array(z.object({
    student_id: id,
    oral_transcript: transcriptText,
    summary_text: z.string().max(20000).optional(),
    label: z.string().max(200).optional().describe('Your name for the item, e.g. its file name; shown back in the job'),
  })).min(1).max(500),
}));

export const Job = named('Job', z.object({
  job_id: id,
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  total: z.number().int(),
  completed: z.number().int().describe('Items graded and stored'),
  failed: z.number().int().describe('Items that failed for good'),
  done: z.number().int().describe('completed + failed: progress is done / total'),
  grading_ids: z.array(id),
  items: z.array(z.object({
    position: z.number().int(),
    label: z.string().nullable(),
    student_id: id.nullable(),
    status: z.enum(['pending', 'done', 'failed']),
    grading_id: id.nullable(),
    error: z.string().nullable(),
  })).describe('Every item in submission order (empty in the 202 answer)'),
  created_at: timestamp,
  updated_at: timestamp,
}));

// ---------------------------------------------------------------- audit

export const ListAuditQuery = named('ListAuditQuery', z.object({
  actor_id: id.optional(),
  action: z.string().min(1).max(100).optional(),
  resource_type: z.string().min(1).max(100).optional(),
  resource_id: z.string().min(1).max(200).optional(),
  from: rangeFrom,
  to: rangeTo,
  cursor,
  limit: pageLimit,
}).superRefine(orderedRange));

export const AuditEntry = named('AuditEntry', z.object({
  id,
  at: timestamp,
  actor_id: id.nullable(),
  actor_email: z.string().nullable(),
  actor_name: z.string().nullable(),
  action: z.string(),
  resource_type: z.string(),
  resource_id: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  request_id: z.string().nullable(),
}));

export const AuditPage = named('AuditPage', z.object({ items: z.array(AuditEntry), next_cursor: nextCursor }));

// ---------------------------------------------------------------- analytics

export const AnalyticsQuery = named('AnalyticsQuery', z.object({
  version: semver.optional().describe('One version; default every version of the rubric'),
  from: rangeFrom,
  to: rangeTo,
}).superRefine(orderedRange));

export const AnalyticsStudentsQuery = named('AnalyticsStudentsQuery', z.object({
  version: semver.optional(),
  from: rangeFrom,
  to: rangeTo,
  cursor,
  limit: pageLimit,
}).superRefine(orderedRange));

const share = z.number().describe('count / total, 0..1');

export const CohortAnalytics = named('CohortAnalytics', z.object({
  rubric_id: id,
  version: semver.nullable(),
  from: timestamp.nullable(),
  to: timestamp.nullable(),
  gradings: z.number().int(),
  reviewed: z.number().int(),
  students: z.number().int(),
  mean_overall: nullableScore,
  histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() }))
    .describe('Ten bins of the overall score over [0, 1]; the last includes 1'),
  component_averages: z.object(Object.fromEntries(COMPONENTS.map((c) => [c, nullableScore])) as Record<(typeof COMPONENTS)[number], typeof nullableScore>),
  missed_questions: z.array(z.object({
    question_id: z.string(), label: z.string().nullable(), critical: z.boolean(),
    missed: z.number().int(), total: z.number().int(), share,
  })),
  missed_links: z.array(z.object({
    link_id: z.string(), description: z.string().nullable(), missed: z.number().int(), total: z.number().int(), share,
  })),
  penalties: z.array(z.object({
    penalty_id: z.string(), description: z.string().nullable(), applied: z.number().int(), total: z.number().int(), share,
  })),
}), 'Cohort figures of one rubric, counting reviewed gradings as reviewed');

export const StudentCohortRow = named('StudentCohortRow', z.object({
  student_id: id,
  email: z.string().nullable(),
  display_name: z.string().nullable(),
  gradings: z.number().int(),
  mean_overall: nullableScore,
  last_overall: nullableScore,
  last_graded_at: timestamp,
}));

export const StudentCohortPage = named('StudentCohortPage', z.object({ items: z.array(StudentCohortRow), next_cursor: nextCursor }));

// ---------------------------------------------------------------- rubric diff

export const RubricDiffQuery = named('RubricDiffQuery', z.object({ from: semver, to: semver }));

export const RubricDiff = named('RubricDiff', z.object({
  rubric_id: id,
  from: semver,
  to: semver,
  operations: z.array(JsonPatchOperation).describe('RFC 6902: applied to version `from` it yields version `to`'),
  changes: z.array(z.object({
    path: z.string().describe('RFC 6901 pointer: into `from` for removals, into `to` otherwise'),
    change: z.enum(['add', 'remove', 'replace']),
    before: z.unknown(),
    after: z.unknown(),
  })),
}));

// ---------------------------------------------------------------- common

export const IdParam = named('IdParam', z.object({ id }));
export const VersionParams = named('VersionParams', z.object({ id, version: semver }));
export const RubricVersionQuery = named('RubricVersionQuery', z.object({ version: semver.optional().describe('Default: the latest approved version') }));

export const Problem = named('Problem', z.looseObject({
  type: z.string().describe('Stable URI identifying the kind of problem'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  request_id: z.string().optional(),
}), 'RFC 9457 problem details (media type application/problem+json)');

export const ArchiveQuery = named('ArchiveQuery', z.object({
  version: semver.optional().describe('Archive only this version; default the whole rubric and every version'),
}));
