// Original file: proto/medgrade/v1/common.proto

import type { PenaltyApplied as _medgrade_v1_PenaltyApplied, PenaltyApplied__Output as _medgrade_v1_PenaltyApplied__Output } from '../../medgrade/v1/PenaltyApplied';

export interface StructureResult {
  'score'?: (number | string);
  'lcs_score'?: (number | string);
  'detected_order'?: (string)[];
  'expected_order'?: (string)[];
  'penalties_applied'?: (_medgrade_v1_PenaltyApplied)[];
  'violations'?: (string)[];
  'successes'?: (string)[];
}

export interface StructureResult__Output {
  'score': (number);
  'lcs_score': (number);
  'detected_order': (string)[];
  'expected_order': (string)[];
  'penalties_applied': (_medgrade_v1_PenaltyApplied__Output)[];
  'violations': (string)[];
  'successes': (string)[];
}
