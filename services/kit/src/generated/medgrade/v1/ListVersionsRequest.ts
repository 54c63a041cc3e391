// Original file: proto/medgrade/v1/rubric_store.proto


export interface ListVersionsRequest {
  'rubric_id'?: (string);
}

export interface ListVersionsRequest__Output {
  'rubric_id': (string);
}
