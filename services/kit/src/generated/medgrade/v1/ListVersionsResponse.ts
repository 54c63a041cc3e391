// Original file: proto/medgrade/v1/rubric_store.proto

import type { RubricVersionInfo as _medgrade_v1_RubricVersionInfo, RubricVersionInfo__Output as _medgrade_v1_RubricVersionInfo__Output } from '../../medgrade/v1/RubricVersionInfo';

export interface ListVersionsResponse {
  'rubric_id'?: (string);
  /**
   * Newest first.
   */
  'versions'?: (_medgrade_v1_RubricVersionInfo)[];
}

export interface ListVersionsResponse__Output {
  'rubric_id': (string);
  /**
   * Newest first.
   */
  'versions': (_medgrade_v1_RubricVersionInfo__Output)[];
}
