// Original file: proto/medgrade/v1/common.proto

import type { FeedbackCitations as _medgrade_v1_FeedbackCitations, FeedbackCitations__Output as _medgrade_v1_FeedbackCitations__Output } from '../../medgrade/v1/FeedbackCitations';

export interface FeedbackItem {
  /**
   * strength | improvement | info
   */
  'type'?: (string);
  'text'?: (string);
  'citations'?: (_medgrade_v1_FeedbackCitations | null);
}

export interface FeedbackItem__Output {
  /**
   * strength | improvement | info
   */
  'type': (string);
  'text': (string);
  'citations': (_medgrade_v1_FeedbackCitations__Output | null);
}
