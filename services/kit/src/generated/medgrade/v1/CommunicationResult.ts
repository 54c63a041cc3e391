// Original file: proto/medgrade/v1/common.proto


export interface CommunicationResult {
  'score'?: (number | string);
  'matched_rules'?: (string)[];
  'missing_rules'?: (string)[];
}

export interface CommunicationResult__Output {
  'score': (number);
  'matched_rules': (string)[];
  'missing_rules': (string)[];
}
