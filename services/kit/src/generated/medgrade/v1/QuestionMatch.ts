// Original file: proto/medgrade/v1/common.proto

import type { CitedUtterance as _medgrade_v1_CitedUtterance, CitedUtterance__Output as _medgrade_v1_CitedUtterance__Output } from '../../medgrade/v1/CitedUtterance';

/**
 * Declaration order is the report's key order (utterance_index comes last there).
 */
export interface QuestionMatch {
  'question_id'?: (string);
  'anchor'?: (string);
  'utterance_index'?: (number);
  'utterance'?: (_medgrade_v1_CitedUtterance | null);
  'confidence'?: (number | string);
  'citation'?: (string);
  /**
   * phrase, synonym, concept+intent or reviewer: why the question counts as asked.
   */
  'matched_by'?: (string);
}

/**
 * Declaration order is the report's key order (utterance_index comes last there).
 */
export interface QuestionMatch__Output {
  'question_id': (string);
  'anchor': (string);
  'utterance_index': (number);
  'utterance': (_medgrade_v1_CitedUtterance__Output | null);
  'confidence': (number);
  'citation': (string);
  /**
   * phrase, synonym, concept+intent or reviewer: why the question counts as asked.
   */
  'matched_by': (string);
}
