// Original file: proto/medgrade/v1/rubric_store.proto


export interface ArchiveRubricRequest {
  'rubric_id'?: (string);
  /**
   * Empty: archive every version and the rubric itself.
   */
  'version'?: (string);
}

export interface ArchiveRubricRequest__Output {
  'rubric_id': (string);
  /**
   * Empty: archive every version and the rubric itself.
   */
  'version': (string);
}
