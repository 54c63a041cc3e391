// Original file: proto/medgrade/v1/common.proto

import type { FeedbackSection as _medgrade_v1_FeedbackSection, FeedbackSection__Output as _medgrade_v1_FeedbackSection__Output } from '../../medgrade/v1/FeedbackSection';

export interface Feedback {
  'overall_summary'?: (string);
  'sections'?: (_medgrade_v1_FeedbackSection)[];
}

export interface Feedback__Output {
  'overall_summary': (string);
  'sections': (_medgrade_v1_FeedbackSection__Output)[];
}
