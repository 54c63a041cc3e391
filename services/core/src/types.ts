// The shared vocabulary of the grading core. Field names are snake_case on purpose:
// they are the rubric JSON format (accepted unchanged) and the report JSON that the
// REST API returns, so one name travels from file to wire to screen.

// ---------------------------------------------------------------- rubric

export const COMPONENTS = ['structure', 'key_questions', 'reasoning', 'summary', 'communication'] as const;
export type Component = (typeof COMPONENTS)[number];
export type Weights = Record<Component, number>;

/** Explicit rule deciding when a structure penalty applies. */
export type PenaltyRule =
  | { kind: 'missing'; section: string }
  | { kind: 'order'; first: string; then: string };

export interface StructurePenalty {
  id: string;
  anchor: string;
  description: string;
  /** Usually negative; added to the LCS ratio before clamping. */
  value: number;
  /** Optional; without it the id convention `missing_<section>` / `swap_<a>_before_<b>` decides. */
  rule?: PenaltyRule;
}

export interface KeyQuestion {
  id: string;
  anchor: string;
  label: string;
  critical: boolean;
  /** Wordings the teacher expects; optional: the label and the clinical lexicon also match. */
  phrases?: string[];
}

export interface KeyQuestionsPolicy {
  anchor: string;
  critical_weight: number;
  noncritical_weight: number;
  coverage_threshold: number;
}

export interface ReasoningLink {
  id: string;
  anchor: string;
  description: string;
  pattern: string;
}

export interface SummaryElement {
  id: string;
  anchor: string;
  description: string;
  /** null: decided by a documented built-in detector keyed by id (e.g. `pos2`). */
  pattern: string | null;
}

export interface CommunicationRule {
  id: string;
  anchor: string;
  description?: string;
  pattern?: string | null;
}

export interface Rubric {
  rubric_id: string;
  version: string;
  status?: string;
  title?: string;
  created_at?: string;
  updated_at?: string;
  weights: Weights;
  structure: { anchor: string; expected_order: string[]; penalties: StructurePenalty[] };
  key_questions: KeyQuestion[];
  key_questions_policy: KeyQuestionsPolicy;
  reasoning: { anchor: string; required_links: ReasoningLink[]; major_gap_penalty: number };
  summary: { anchor: string; max_tokens: number; overflow_divisor: number; required_elements: SummaryElement[] };
  communication: { anchor: string; weight: number; rules: CommunicationRule[] };
}

// ---------------------------------------------------------------- transcript

/** `relative`: anyone answering for or with the patient (a parent, a partner, a carer). */
export type Speaker = 'student' | 'patient' | 'relative' | 'examiner' | 'unknown';

export interface Utterance {
  /** Position among the kept (non-duplicate) utterances, 0-based. */
  index: number;
  /** 1-based line numbers in the original text (first and last physical line of this utterance). */
  line: number;
  line_end: number;
  /** First line of the next kept utterance (this utterance's own line_end when it is the last): the end of its line span. */
  line_span_end: number;
  speaker: Speaker;
  /** The label as written ("Dr", "pt", ...), or null when the line had none. */
  speaker_label: string | null;
  text: string;
  /** Seconds from the transcript start, null when the transcript has no timestamps. */
  start_seconds: number | null;
  end_seconds: number | null;
  /** Times in the transcript's own notation ("01:35" or "00:01:35"); null without timestamps. */
  timestamp_start: string | null;
  timestamp_end: string | null;
}

export interface ParsedTranscript {
  utterances: Utterance[];
  has_timestamps: boolean;
  /** How many verbatim-repeated lines were recognised and dropped. */
  duplicates_removed: number;
  warnings: string[];
}

export interface Section {
  /** Canonical label: CC, HPI, ROS, PMH, Meds, Allergies, SH, FH, PE, Summary, or Preamble for lines before the first section. */
  label: string;
  /** Utterance indexes (into ParsedTranscript.utterances) belonging to this section, in order. */
  utterance_indexes: number[];
}

export interface SectionResult {
  sections: Section[];
  /** Section labels in order of appearance, consecutive repeats collapsed, Preamble excluded. */
  detected_order: string[];
}

// ---------------------------------------------------------------- evaluator results

export interface CitedUtterance {
  text: string;
  timestamp_start: string | null;
  timestamp_end: string | null;
}

export interface StructureResult {
  score: number;
  lcs_score: number;
  detected_order: string[];
  expected_order: string[];
  penalties_applied: { id: string; value: number }[];
  violations: string[];
  successes: string[];
}

/**
 * Why a question was matched: `phrase` (a rubric phrase occurs in the student's words),
 * `synonym` (the student named the question's subject in other words of the clinical
 * lexicon), `concept+intent` (the student asked the question's when / where / how fast ...
 * about its subject or about the complaint itself); `reviewer` when a grader credited it
 * on review.
 */
export type MatchedBy = 'phrase' | 'synonym' | 'concept+intent' | 'reviewer';

export interface QuestionMatch {
  question_id: string;
  anchor: string;
  utterance_index: number;
  utterance: CitedUtterance;
  /** In (0, 1]; 1 for an exact phrase on word boundaries. */
  confidence: number;
  matched_by: MatchedBy;
  /** student://oral#... of the asking utterance. */
  citation: string;
}

export interface QuestionsResult {
  score: number;
  matches: QuestionMatch[];
  /** Ids of the questions not asked, in rubric order. */
  unmatched: string[];
  /** Matched weight / total weight (equals score; kept for the coverage call-out). */
  coverage: number;
}

export interface ReasoningDetection {
  link_id: string;
  matched_text: string;
  timestamp_start: string | null;
  timestamp_end: string | null;
  /** student://oral#... or student://summary#tokens=n */
  citation: string;
}

export interface ReasoningResult {
  score: number;
  detected: ReasoningDetection[];
  /** Ids of required links not detected, in rubric order. */
  missing: string[];
}

export interface SummaryResult {
  score: number;
  token_count: number;
  succinct_score: number;
  elements_score: number;
  matched_elements: string[];
  missing_elements: string[];
  /** Where the summary came from. */
  source: 'summary_text' | 'oral_summary_section' | 'none';
  /** student://summary#tokens=n or the oral span of the Summary section; null when there is no summary. */
  citation: string | null;
}

export interface CommunicationResult {
  score: number;
  matched_rules: string[];
  missing_rules: string[];
}

export type ComponentScores = Record<Component, number>;

// ---------------------------------------------------------------- feedback and report

export type FeedbackStyle = 'constructive' | 'detailed' | 'concise';
export const FEEDBACK_STYLES: readonly FeedbackStyle[] = ['constructive', 'detailed', 'concise'];

export interface FeedbackItem {
  type: 'strength' | 'improvement' | 'info';
  text: string;
  citations: { rubric: string[]; student: string[] };
}

export interface FeedbackSection {
  category: Component | 'overall';
  items: FeedbackItem[];
}

export interface Feedback {
  overall_summary: string;
  sections: FeedbackSection[];
}

export interface GradingReport {
  grading_id: string;
  rubric_id: string;
  rubric_version: string;
  /** `complete`, or `partial` when a component could not be evaluated (named in warnings). */
  status: 'complete' | 'partial';
  graded_at: string;
  /** null only in a `partial` report, where a component is missing. */
  overall_score: number | null;
  /** A component that could not be evaluated is null (never a silent zero); warnings say why. */
  component_scores: Record<Component, number | null>;
  details: {
    structure: StructureResult | null;
    key_questions: QuestionsResult | null;
    reasoning: ReasoningResult | null;
    summary: SummaryResult | null;
  };
  feedback: Feedback;
  warnings: string[];
}

// ---------------------------------------------------------------- QA and edits

export interface QaIssue {
  /** RFC 6901 JSON Pointer into the rubric ("" for the whole document). */
  pointer: string;
  /** Stable machine code, e.g. `weights_sum`, `duplicate_id`. */
  code: string;
  message: string;
}

export interface QaReport {
  valid: boolean;
  errors: QaIssue[];
  warnings: QaIssue[];
}

export type JsonPatchOperation =
  | { op: 'add' | 'replace' | 'test'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'move' | 'copy'; from: string; path: string };

/** One change between two rubrics; the side where the value is absent is null. */
export interface RubricDiffEntry {
  /** RFC 6901 pointer: into `before` for removals, into `after` otherwise. */
  path: string;
  change: 'add' | 'remove' | 'replace';
  before: unknown;
  after: unknown;
}

/** What a natural-language rubric edit would do, computed without changing anything. */
export interface EditPreview {
  /** RFC 6902 patch that turns `before` into `after`. */
  patch: JsonPatchOperation[];
  before: Rubric;
  after: Rubric;
  diff: RubricDiffEntry[];
  /** QA of `after`; an edit leading to an invalid rubric is still previewed, with its errors. */
  qa: QaReport;
  /** One line per clause of the instruction, saying what it was taken to mean. */
  understood: string[];
}
