// Original file: proto/medgrade/v1/common.proto

import type { FeedbackItem as _medgrade_v1_FeedbackItem, FeedbackItem__Output as _medgrade_v1_FeedbackItem__Output } from '../../medgrade/v1/FeedbackItem';

export interface FeedbackSection {
  /**
   * structure | key_questions | reasoning | summary | communication | overall
   */
  'category'?: (string);
  'items'?: (_medgrade_v1_FeedbackItem)[];
}

export interface FeedbackSection__Output {
  /**
   * structure | key_questions | reasoning | summary | communication | overall
   */
  'category': (string);
  'items': (_medgrade_v1_FeedbackItem__Output)[];
}
