// Original file: proto/medgrade/v1/common.proto

import type { QuestionMatch as _medgrade_v1_QuestionMatch, QuestionMatch__Output as _medgrade_v1_QuestionMatch__Output } from '../../medgrade/v1/QuestionMatch';

export interface QuestionsResult {
  'score'?: (number | string);
  'matches'?: (_medgrade_v1_QuestionMatch)[];
  'unmatched'?: (string)[];
  'coverage'?: (number | string);
}

export interface QuestionsResult__Output {
  'score': (number);
  'matches': (_medgrade_v1_QuestionMatch__Output)[];
  'unmatched': (string)[];
  'coverage': (number);
}
