// Every QA code the validator can emit, with its severity. Codes are stable: clients
// (gateway, rubric store, UI) key on them. docs/rubric-format.md lists the same table.

export type QaSeverity = 'error' | 'warning';

export const QA_CODES = {
  // shape
  invalid_type: { severity: 'error', meaning: 'A field has the wrong JSON type (or the rubric is not an object).' },
  missing_field: { severity: 'error', meaning: 'A required field is absent.' },
  invalid_value: { severity: 'error', meaning: 'A field holds a value outside its allowed set (e.g. a penalty rule kind).' },
  empty_value: { severity: 'error', meaning: 'An id, label, section name or phrase is empty or blank.' },
  unknown_field: { severity: 'warning', meaning: 'A field the format does not define (often a typo); it is ignored.' },
  // identity and metadata
  rubric_id_format: { severity: 'error', meaning: 'rubric_id is not slug-safe: 1-128 letters, digits, "_" or "-", starting with a letter or digit.' },
  version_format: { severity: 'error', meaning: 'version is not a semantic version (MAJOR.MINOR.PATCH).' },
  timestamp_format: { severity: 'error', meaning: 'created_at / updated_at is not an ISO 8601 date-time with a time zone.' },
  unknown_status: { severity: 'warning', meaning: 'status is not one of draft, approved, archived.' },
  // weights
  weights_sum: { severity: 'error', meaning: 'The five component weights do not sum to 1 (tolerance 1e-6).' },
  weight_range: { severity: 'error', meaning: 'A component weight is outside [0, 1].' },
  zero_weight_with_rules: { severity: 'warning', meaning: 'A component has weight 0 but defines rules, which therefore never count.' },
  communication_weight_mismatch: { severity: 'warning', meaning: 'communication.weight differs from weights.communication (weights.communication is used).' },
  // anchors and ids
  anchor_format: { severity: 'error', meaning: 'An anchor does not start with "#" followed by at least one non-space character, or contains spaces.' },
  duplicate_anchor: { severity: 'error', meaning: 'Two places in the rubric use the same anchor.' },
  duplicate_id: { severity: 'error', meaning: 'Two items of the same list share an id.' },
  // key questions
  no_critical_question: { severity: 'error', meaning: 'No key question is marked critical.' },
  no_phrases: { severity: 'warning', meaning: 'A key question has no phrases and its label names nothing the clinical lexicon knows, so it can never be matched.' },
  duplicate_phrase: { severity: 'error', meaning: 'The same phrase (ignoring case and spacing) belongs to two questions.' },
  repeated_phrase: { severity: 'warning', meaning: 'A question lists the same phrase twice.' },
  short_phrase: { severity: 'warning', meaning: 'A phrase is shorter than 3 characters and may match too eagerly.' },
  policy_weight_range: { severity: 'error', meaning: 'critical_weight must be > 0 and noncritical_weight >= 0.' },
  critical_weight_low: { severity: 'warning', meaning: 'critical_weight is below noncritical_weight.' },
  coverage_threshold_range: { severity: 'warning', meaning: 'coverage_threshold is outside (0, 1], so the coverage call-out never or always fires.' },
  // summary
  max_tokens_range: { severity: 'error', meaning: 'summary.max_tokens is not an integer in [40, 120].' },
  overflow_divisor_range: { severity: 'error', meaning: 'summary.overflow_divisor is not > 0.' },
  // patterns
  pattern_syntax: { severity: 'error', meaning: 'A pattern is not a valid regular expression.' },
  pattern_unsupported: { severity: 'error', meaning: 'A pattern uses syntax the linear-time engine cannot run (backreferences, lookaround, ...).' },
  pattern_matches_empty: { severity: 'warning', meaning: 'A pattern matches the empty string, so it is satisfied by any text.' },
  no_detector: { severity: 'warning', meaning: 'A summary element has a null pattern and no built-in detector has its id, so it is never matched.' },
  // structure
  expected_order_empty: { severity: 'error', meaning: 'structure.expected_order is empty.' },
  expected_order_repeat: { severity: 'error', meaning: 'A section appears twice in expected_order (case-insensitive).' },
  penalty_rule_section: { severity: 'error', meaning: 'A penalty rule names a section that is not in expected_order.' },
  penalty_convention_section: { severity: 'warning', meaning: 'A penalty id of the form missing_<x> / swap_<a>_before_<b> names a section not in expected_order.' },
  penalty_never_applies: { severity: 'warning', meaning: 'A penalty has no rule and its id follows neither naming convention, so it never applies.' },
  penalty_positive: { severity: 'warning', meaning: 'A penalty (or major_gap_penalty) is positive and would raise the score.' },
} as const satisfies Record<string, { severity: QaSeverity; meaning: string }>;

export type QaCode = keyof typeof QA_CODES;
