// Original file: proto/medgrade/v1/common.proto

import type { ReasoningLink as _medgrade_v1_ReasoningLink, ReasoningLink__Output as _medgrade_v1_ReasoningLink__Output } from '../../medgrade/v1/ReasoningLink';

export interface ReasoningSpec {
  'anchor'?: (string);
  'required_links'?: (_medgrade_v1_ReasoningLink)[];
  'major_gap_penalty'?: (number | string);
}

export interface ReasoningSpec__Output {
  'anchor': (string);
  'required_links': (_medgrade_v1_ReasoningLink__Output)[];
  'major_gap_penalty': (number);
}
