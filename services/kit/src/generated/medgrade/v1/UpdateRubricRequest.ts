// Original file: proto/medgrade/v1/rubric_store.proto


export interface UpdateRubricRequest {
  'rubric_id'?: (string);
  /**
   * The version the caller edited (optimistic concurrency).
   */
  'base_version'?: (string);
  'rubric_json'?: (string);
}

export interface UpdateRubricRequest__Output {
  'rubric_id': (string);
  /**
   * The version the caller edited (optimistic concurrency).
   */
  'base_version': (string);
  'rubric_json': (string);
}
