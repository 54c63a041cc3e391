// Original file: proto/medgrade/v1/common.proto

import type { CitedUtterance as _medgrade_v1_CitedUtterance, CitedUtterance__Output as _medgrade_v1_CitedUtterance__Output } from '../../medgrade/v1/CitedUtterance';

export interface QuestionMatch {
  'question_id'?: (string);
  'anchor'?: (string);
  'utterance_index'?: (number);
  'utterance'?: (_medgrade_v1_CitedUtterance | null);
  'confidence'?: (number | string);
  'citation'?: (string);
}

export interface QuestionMatch__Output {
  'question_id': (string);
  'anchor': (string);
  'utterance_index': (number);
  'utterance': (_medgrade_v1_CitedUtterance__Output | null);
  'confidence': (number);
  'citation': (string);
}
