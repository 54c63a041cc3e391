// Public surface of the grading core. Each line names the module that owns it.
export * from './types';
export { parseTranscript } from './transcript/parse';
export { segmentSections } from './transcript/sections';
export { matchQuestions } from './questions/match';
export { evaluateStructure } from './evaluators/structure';
export { evaluateReasoning } from './evaluators/reasoning';
export { evaluateSummary } from './evaluators/summary';
export { evaluateCommunication } from './evaluators/communication';
export { scoreComponents, overallScore } from './scoring/score';
export { composeFeedback } from './feedback/compose';
export { validateCitations } from './citations/citations';
export { grade } from './grade';
export { validateRubric } from './qa/validate';
export { planRubricEdit, RubricEditError } from './edit/plan';
export { applyJsonPatch, JsonPatchError } from './edit/json-patch';
export { diffRubrics, rubricPatch } from './edit/diff';
export { reviewReport, ReviewRejected, REVIEW_KINDS, type ReviewKind, type ReviewOverride, type ReviewProblem } from './review';
// Parsing and citing a transcript, for callers that show it beside its report.
export { oralCitation, parseCitation } from './citations/format';
// The rubric warnings grade() puts in a report; the orchestrator service reproduces them.
export { structureWarnings } from './evaluators/structure';
export { summaryWarnings } from './evaluators/summary';
export { communicationWarnings } from './evaluators/communication';
// Types and errors of the evaluation half, for callers that build results or catch failures.
export type { EvaluationResults } from './feedback/compose';
export { InvalidCitationsError, type GradeOptions } from './grade';
export { PatternError } from './evaluators/linear-regex';
