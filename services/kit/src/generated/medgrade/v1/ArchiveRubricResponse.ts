// Original file: proto/medgrade/v1/rubric_store.proto

import type { RubricVersionInfo as _medgrade_v1_RubricVersionInfo, RubricVersionInfo__Output as _medgrade_v1_RubricVersionInfo__Output } from '../../medgrade/v1/RubricVersionInfo';

export interface ArchiveRubricResponse {
  'rubric_id'?: (string);
  /**
   * Versions that changed to archived by this call.
   */
  'archived_versions'?: (string)[];
  /**
   * The same versions with their metadata.
   */
  'archived'?: (_medgrade_v1_RubricVersionInfo)[];
}

export interface ArchiveRubricResponse__Output {
  'rubric_id': (string);
  /**
   * Versions that changed to archived by this call.
   */
  'archived_versions': (string)[];
  /**
   * The same versions with their metadata.
   */
  'archived': (_medgrade_v1_RubricVersionInfo__Output)[];
}
