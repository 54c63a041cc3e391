// Original file: proto/medgrade/v1/common.proto


/**
 * A component that could not be evaluated is absent (null), never zero.
 */
export interface ComponentScores {
  'structure'?: (number | string);
  'key_questions'?: (number | string);
  'reasoning'?: (number | string);
  'summary'?: (number | string);
  'communication'?: (number | string);
  '_structure'?: "structure";
  '_key_questions'?: "key_questions";
  '_reasoning'?: "reasoning";
  '_summary'?: "summary";
  '_communication'?: "communication";
}

/**
 * A component that could not be evaluated is absent (null), never zero.
 */
export interface ComponentScores__Output {
  'structure'?: (number);
  'key_questions'?: (number);
  'reasoning'?: (number);
  'summary'?: (number);
  'communication'?: (number);
}
