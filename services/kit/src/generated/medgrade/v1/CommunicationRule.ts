// Original file: proto/medgrade/v1/common.proto


export interface CommunicationRule {
  'id'?: (string);
  'anchor'?: (string);
  'description'?: (string);
  'pattern'?: (string);
  '_description'?: "description";
  '_pattern'?: "pattern";
}

export interface CommunicationRule__Output {
  'id': (string);
  'anchor': (string);
  'description'?: (string);
  'pattern'?: (string);
}
