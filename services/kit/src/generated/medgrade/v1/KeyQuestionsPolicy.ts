// Original file: proto/medgrade/v1/common.proto


export interface KeyQuestionsPolicy {
  'anchor'?: (string);
  'critical_weight'?: (number | string);
  'noncritical_weight'?: (number | string);
  'coverage_threshold'?: (number | string);
}

export interface KeyQuestionsPolicy__Output {
  'anchor': (string);
  'critical_weight': (number);
  'noncritical_weight': (number);
  'coverage_threshold': (number);
}
