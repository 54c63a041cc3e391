// Original file: proto/medgrade/v1/orchestrator.proto

import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';
import type { RubricRef as _medgrade_v1_RubricRef, RubricRef__Output as _medgrade_v1_RubricRef__Output } from '../../medgrade/v1/RubricRef';

export interface GradeRequest {
  /**
   * A rubric that is not stored (a draft under edit): it travels whole to every evaluator.
   */
  'rubric'?: (_medgrade_v1_Rubric | null);
  /**
   * A stored version; without content_hash the rubric store is asked which one it is.
   */
  'ref'?: (_medgrade_v1_RubricRef | null);
  'institution_id'?: (string);
  'oral_transcript'?: (string);
  'summary_text'?: (string);
  /**
   * constructive | detailed | concise; empty means constructive.
   */
  'style'?: (string);
  /**
   * Set by callers that already assigned an id (REST, batch jobs); generated otherwise.
   */
  'grading_id'?: (string);
  'rubric_source'?: "rubric"|"ref";
  '_summary_text'?: "summary_text";
  '_grading_id'?: "grading_id";
}

export interface GradeRequest__Output {
  /**
   * A rubric that is not stored (a draft under edit): it travels whole to every evaluator.
   */
  'rubric'?: (_medgrade_v1_Rubric__Output | null);
  /**
   * A stored version; without content_hash the rubric store is asked which one it is.
   */
  'ref'?: (_medgrade_v1_RubricRef__Output | null);
  'institution_id': (string);
  'oral_transcript': (string);
  'summary_text'?: (string);
  /**
   * constructive | detailed | concise; empty means constructive.
   */
  'style': (string);
  /**
   * Set by callers that already assigned an id (REST, batch jobs); generated otherwise.
   */
  'grading_id'?: (string);
}
