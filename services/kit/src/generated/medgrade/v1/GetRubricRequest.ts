// Original file: proto/medgrade/v1/rubric_store.proto


export interface GetRubricRequest {
  'institution_id'?: (string);
  'rubric_id'?: (string);
  /**
   * Empty: the latest approved version.
   */
  'version'?: (string);
}

export interface GetRubricRequest__Output {
  'institution_id': (string);
  'rubric_id': (string);
  /**
   * Empty: the latest approved version.
   */
  'version': (string);
}
