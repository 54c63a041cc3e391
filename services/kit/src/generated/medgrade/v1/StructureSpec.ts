// Original file: proto/medgrade/v1/common.proto

import type { StructurePenalty as _medgrade_v1_StructurePenalty, StructurePenalty__Output as _medgrade_v1_StructurePenalty__Output } from '../../medgrade/v1/StructurePenalty';

export interface StructureSpec {
  'anchor'?: (string);
  'expected_order'?: (string)[];
  'penalties'?: (_medgrade_v1_StructurePenalty)[];
}

export interface StructureSpec__Output {
  'anchor': (string);
  'expected_order': (string)[];
  'penalties': (_medgrade_v1_StructurePenalty__Output)[];
}
