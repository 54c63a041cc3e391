// Original file: proto/medgrade/v1/common.proto


export interface KeyQuestion {
  'id'?: (string);
  'anchor'?: (string);
  'label'?: (string);
  'critical'?: (boolean);
  'phrases'?: (string)[];
}

export interface KeyQuestion__Output {
  'id': (string);
  'anchor': (string);
  'label': (string);
  'critical': (boolean);
  'phrases': (string)[];
}
