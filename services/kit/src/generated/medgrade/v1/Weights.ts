// Original file: proto/medgrade/v1/common.proto


export interface Weights {
  'structure'?: (number | string);
  'key_questions'?: (number | string);
  'reasoning'?: (number | string);
  'summary'?: (number | string);
  'communication'?: (number | string);
}

export interface Weights__Output {
  'structure': (number);
  'key_questions': (number);
  'reasoning': (number);
  'summary': (number);
  'communication': (number);
}
