// Original file: proto/medgrade/v1/rubric_store.proto

import type { RubricRef as _medgrade_v1_RubricRef, RubricRef__Output as _medgrade_v1_RubricRef__Output } from '../../medgrade/v1/RubricRef';

export interface ResolvedRubric {
  'ref'?: (_medgrade_v1_RubricRef | null);
  /**
   * draft | approved | archived
   */
  'status'?: (string);
}

export interface ResolvedRubric__Output {
  'ref': (_medgrade_v1_RubricRef__Output | null);
  /**
   * draft | approved | archived
   */
  'status': (string);
}
