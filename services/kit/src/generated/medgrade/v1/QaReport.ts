// Original file: proto/medgrade/v1/common.proto

import type { QaIssue as _medgrade_v1_QaIssue, QaIssue__Output as _medgrade_v1_QaIssue__Output } from '../../medgrade/v1/QaIssue';

export interface QaReport {
  'valid'?: (boolean);
  'errors'?: (_medgrade_v1_QaIssue)[];
  'warnings'?: (_medgrade_v1_QaIssue)[];
}

export interface QaReport__Output {
  'valid': (boolean);
  'errors': (_medgrade_v1_QaIssue__Output)[];
  'warnings': (_medgrade_v1_QaIssue__Output)[];
}
