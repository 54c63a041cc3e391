// Original file: proto/medgrade/v1/rubric_store.proto


export interface ArchiveRubricResponse {
  'rubric_id'?: (string);
  /**
   * Versions that changed to archived by this call.
   */
  'archived_versions'?: (string)[];
}

export interface ArchiveRubricResponse__Output {
  'rubric_id': (string);
  /**
   * Versions that changed to archived by this call.
   */
  'archived_versions': (string)[];
}
