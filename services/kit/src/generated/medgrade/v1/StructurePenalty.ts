// Original file: proto/medgrade/v1/common.proto

import type { PenaltyRule as _medgrade_v1_PenaltyRule, PenaltyRule__Output as _medgrade_v1_PenaltyRule__Output } from '../../medgrade/v1/PenaltyRule';

export interface StructurePenalty {
  'id'?: (string);
  'anchor'?: (string);
  'description'?: (string);
  /**
   * Usually negative; added to the LCS ratio before clamping.
   */
  'value'?: (number | string);
  /**
   * Without it the id convention missing_<section> / swap_<a>_before_<b> decides.
   */
  'rule'?: (_medgrade_v1_PenaltyRule | null);
  '_rule'?: "rule";
}

export interface StructurePenalty__Output {
  'id': (string);
  'anchor': (string);
  'description': (string);
  /**
   * Usually negative; added to the LCS ratio before clamping.
   */
  'value': (number);
  /**
   * Without it the id convention missing_<section> / swap_<a>_before_<b> decides.
   */
  'rule'?: (_medgrade_v1_PenaltyRule__Output | null);
}
