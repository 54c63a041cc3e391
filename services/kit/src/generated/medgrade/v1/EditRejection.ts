// Original file: proto/medgrade/v1/rubric_edit.proto


export interface EditRejection {
  'message'?: (string);
  'understood'?: (string)[];
  'not_understood'?: (string)[];
}

export interface EditRejection__Output {
  'message': (string);
  'understood': (string)[];
  'not_understood': (string)[];
}
