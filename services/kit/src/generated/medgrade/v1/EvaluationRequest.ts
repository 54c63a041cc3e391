// Original file: proto/medgrade/v1/common.proto

import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';
import type { ParsedTranscript as _medgrade_v1_ParsedTranscript, ParsedTranscript__Output as _medgrade_v1_ParsedTranscript__Output } from '../../medgrade/v1/ParsedTranscript';
import type { SectionResult as _medgrade_v1_SectionResult, SectionResult__Output as _medgrade_v1_SectionResult__Output } from '../../medgrade/v1/SectionResult';
import type { RubricRef as _medgrade_v1_RubricRef, RubricRef__Output as _medgrade_v1_RubricRef__Output } from '../../medgrade/v1/RubricRef';

/**
 * What every evaluator receives: the rubric and the parsed, segmented transcript.
 */
export interface EvaluationRequest {
  /**
   * An unstored rubric, whole.
   */
  'rubric'?: (_medgrade_v1_Rubric | null);
  'parsed'?: (_medgrade_v1_ParsedTranscript | null);
  'sections'?: (_medgrade_v1_SectionResult | null);
  /**
   * The separately submitted summary; absent means use the oral Summary section.
   */
  'summary_text'?: (string);
  /**
   * A stored version with its content_hash, of institution_id.
   */
  'rubric_ref'?: (_medgrade_v1_RubricRef | null);
  'institution_id'?: (string);
  'rubric_source'?: "rubric"|"rubric_ref";
  '_summary_text'?: "summary_text";
}

/**
 * What every evaluator receives: the rubric and the parsed, segmented transcript.
 */
export interface EvaluationRequest__Output {
  /**
   * An unstored rubric, whole.
   */
  'rubric'?: (_medgrade_v1_Rubric__Output | null);
  'parsed': (_medgrade_v1_ParsedTranscript__Output | null);
  'sections': (_medgrade_v1_SectionResult__Output | null);
  /**
   * The separately submitted summary; absent means use the oral Summary section.
   */
  'summary_text'?: (string);
  /**
   * A stored version with its content_hash, of institution_id.
   */
  'rubric_ref'?: (_medgrade_v1_RubricRef__Output | null);
  'institution_id': (string);
}
