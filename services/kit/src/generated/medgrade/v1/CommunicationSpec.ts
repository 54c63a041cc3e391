// Original file: proto/medgrade/v1/common.proto

import type { CommunicationRule as _medgrade_v1_CommunicationRule, CommunicationRule__Output as _medgrade_v1_CommunicationRule__Output } from '../../medgrade/v1/CommunicationRule';

export interface CommunicationSpec {
  'anchor'?: (string);
  'weight'?: (number | string);
  'rules'?: (_medgrade_v1_CommunicationRule)[];
}

export interface CommunicationSpec__Output {
  'anchor': (string);
  'weight': (number);
  'rules': (_medgrade_v1_CommunicationRule__Output)[];
}
