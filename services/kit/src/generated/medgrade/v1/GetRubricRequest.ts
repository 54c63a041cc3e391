// Original file: proto/medgrade/v1/rubric_store.proto


export interface GetRubricRequest {
  /**
   * Optional when x-medgrade-institution-id is sent; must agree with it when both are set.
   */
  'institution_id'?: (string);
  'rubric_id'?: (string);
  /**
   * Empty: the latest approved version.
   */
  'version'?: (string);
}

export interface GetRubricRequest__Output {
  /**
   * Optional when x-medgrade-institution-id is sent; must agree with it when both are set.
   */
  'institution_id': (string);
  'rubric_id': (string);
  /**
   * Empty: the latest approved version.
   */
  'version': (string);
}
