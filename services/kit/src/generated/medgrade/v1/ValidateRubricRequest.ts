// Original file: proto/medgrade/v1/qa_validation.proto

import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';

export interface ValidateRubricRequest {
  'rubric'?: (_medgrade_v1_Rubric | null);
  /**
   * The rubric exactly as submitted (JSON text), so type and shape mistakes are reported too.
   */
  'rubric_json'?: (string);
  'source'?: "rubric"|"rubric_json";
}

export interface ValidateRubricRequest__Output {
  'rubric'?: (_medgrade_v1_Rubric__Output | null);
  /**
   * The rubric exactly as submitted (JSON text), so type and shape mistakes are reported too.
   */
  'rubric_json'?: (string);
}
