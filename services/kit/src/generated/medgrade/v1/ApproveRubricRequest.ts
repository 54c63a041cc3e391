// Original file: proto/medgrade/v1/rubric_store.proto


export interface ApproveRubricRequest {
  'rubric_id'?: (string);
  'version'?: (string);
}

export interface ApproveRubricRequest__Output {
  'rubric_id': (string);
  'version': (string);
}
