// Original file: proto/medgrade/v1/rubric_store.proto


export interface RubricSummary {
  'rubric_id'?: (string);
  'title'?: (string);
  /**
   * The version the next edit must name as base_version.
   */
  'head_version'?: (string);
  /**
   * Empty when no version is approved.
   */
  'latest_approved_version'?: (string);
  'archived'?: (boolean);
  'created_at'?: (string);
  'updated_at'?: (string);
  /**
   * Status of head_version.
   */
  'head_status'?: (string);
}

export interface RubricSummary__Output {
  'rubric_id': (string);
  'title': (string);
  /**
   * The version the next edit must name as base_version.
   */
  'head_version': (string);
  /**
   * Empty when no version is approved.
   */
  'latest_approved_version': (string);
  'archived': (boolean);
  'created_at': (string);
  'updated_at': (string);
  /**
   * Status of head_version.
   */
  'head_status': (string);
}
