// Original file: proto/medgrade/v1/common.proto

import type { SummaryElement as _medgrade_v1_SummaryElement, SummaryElement__Output as _medgrade_v1_SummaryElement__Output } from '../../medgrade/v1/SummaryElement';

export interface SummarySpec {
  'anchor'?: (string);
  'max_tokens'?: (number | string);
  'overflow_divisor'?: (number | string);
  'required_elements'?: (_medgrade_v1_SummaryElement)[];
}

export interface SummarySpec__Output {
  'anchor': (string);
  'max_tokens': (number);
  'overflow_divisor': (number);
  'required_elements': (_medgrade_v1_SummaryElement__Output)[];
}
