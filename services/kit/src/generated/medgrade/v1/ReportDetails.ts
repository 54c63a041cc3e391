// Original file: proto/medgrade/v1/common.proto

import type { StructureResult as _medgrade_v1_StructureResult, StructureResult__Output as _medgrade_v1_StructureResult__Output } from '../../medgrade/v1/StructureResult';
import type { QuestionsResult as _medgrade_v1_QuestionsResult, QuestionsResult__Output as _medgrade_v1_QuestionsResult__Output } from '../../medgrade/v1/QuestionsResult';
import type { ReasoningResult as _medgrade_v1_ReasoningResult, ReasoningResult__Output as _medgrade_v1_ReasoningResult__Output } from '../../medgrade/v1/ReasoningResult';
import type { SummaryResult as _medgrade_v1_SummaryResult, SummaryResult__Output as _medgrade_v1_SummaryResult__Output } from '../../medgrade/v1/SummaryResult';

/**
 * Evaluator details of a report; an evaluator that failed is absent (null).
 */
export interface ReportDetails {
  'structure'?: (_medgrade_v1_StructureResult | null);
  'key_questions'?: (_medgrade_v1_QuestionsResult | null);
  'reasoning'?: (_medgrade_v1_ReasoningResult | null);
  'summary'?: (_medgrade_v1_SummaryResult | null);
  '_structure'?: "structure";
  '_key_questions'?: "key_questions";
  '_reasoning'?: "reasoning";
  '_summary'?: "summary";
}

/**
 * Evaluator details of a report; an evaluator that failed is absent (null).
 */
export interface ReportDetails__Output {
  'structure'?: (_medgrade_v1_StructureResult__Output | null);
  'key_questions'?: (_medgrade_v1_QuestionsResult__Output | null);
  'reasoning'?: (_medgrade_v1_ReasoningResult__Output | null);
  'summary'?: (_medgrade_v1_SummaryResult__Output | null);
}
