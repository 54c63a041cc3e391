// Original file: proto/medgrade/v1/common.proto


export interface PenaltyApplied {
  'id'?: (string);
  'value'?: (number | string);
}

export interface PenaltyApplied__Output {
  'id': (string);
  'value': (number);
}
