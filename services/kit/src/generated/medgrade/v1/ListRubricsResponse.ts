// Original file: proto/medgrade/v1/rubric_store.proto

import type { RubricSummary as _medgrade_v1_RubricSummary, RubricSummary__Output as _medgrade_v1_RubricSummary__Output } from '../../medgrade/v1/RubricSummary';

export interface ListRubricsResponse {
  'rubrics'?: (_medgrade_v1_RubricSummary)[];
  /**
   * Empty on the last page.
   */
  'next_cursor'?: (string);
}

export interface ListRubricsResponse__Output {
  'rubrics': (_medgrade_v1_RubricSummary__Output)[];
  /**
   * Empty on the last page.
   */
  'next_cursor': (string);
}
