// Original file: proto/medgrade/v1/common.proto


export interface ReasoningLink {
  'id'?: (string);
  'anchor'?: (string);
  'description'?: (string);
  'pattern'?: (string);
}

export interface ReasoningLink__Output {
  'id': (string);
  'anchor': (string);
  'description': (string);
  'pattern': (string);
}
