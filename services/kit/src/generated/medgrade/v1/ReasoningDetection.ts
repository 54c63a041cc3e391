// Original file: proto/medgrade/v1/common.proto


export interface ReasoningDetection {
  'link_id'?: (string);
  'matched_text'?: (string);
  'timestamp_start'?: (string);
  'timestamp_end'?: (string);
  'citation'?: (string);
  '_timestamp_start'?: "timestamp_start";
  '_timestamp_end'?: "timestamp_end";
}

export interface ReasoningDetection__Output {
  'link_id': (string);
  'matched_text': (string);
  'timestamp_start'?: (string);
  'timestamp_end'?: (string);
  'citation': (string);
}
