// Original file: proto/medgrade/v1/common.proto


export interface CitedUtterance {
  'text'?: (string);
  'timestamp_start'?: (string);
  'timestamp_end'?: (string);
  '_timestamp_start'?: "timestamp_start";
  '_timestamp_end'?: "timestamp_end";
}

export interface CitedUtterance__Output {
  'text': (string);
  'timestamp_start'?: (string);
  'timestamp_end'?: (string);
}
