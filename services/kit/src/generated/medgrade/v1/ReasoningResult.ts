// Original file: proto/medgrade/v1/common.proto

import type { ReasoningDetection as _medgrade_v1_ReasoningDetection, ReasoningDetection__Output as _medgrade_v1_ReasoningDetection__Output } from '../../medgrade/v1/ReasoningDetection';

export interface ReasoningResult {
  'score'?: (number | string);
  'detected'?: (_medgrade_v1_ReasoningDetection)[];
  'missing'?: (string)[];
}

export interface ReasoningResult__Output {
  'score': (number);
  'detected': (_medgrade_v1_ReasoningDetection__Output)[];
  'missing': (string)[];
}
