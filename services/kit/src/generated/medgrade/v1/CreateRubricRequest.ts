// Original file: proto/medgrade/v1/rubric_store.proto


export interface CreateRubricRequest {
  'rubric_json'?: (string);
}

export interface CreateRubricRequest__Output {
  'rubric_json': (string);
}
