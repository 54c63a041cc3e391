// Original file: proto/medgrade/v1/orchestrator.proto


export interface RubricRef {
  'rubric_id'?: (string);
  /**
   * Empty: the latest approved version.
   */
  'version'?: (string);
}

export interface RubricRef__Output {
  'rubric_id': (string);
  /**
   * Empty: the latest approved version.
   */
  'version': (string);
}
