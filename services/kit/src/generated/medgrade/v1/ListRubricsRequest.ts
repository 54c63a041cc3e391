// Original file: proto/medgrade/v1/rubric_store.proto


export interface ListRubricsRequest {
  /**
   * 1..100, 0 means 20.
   */
  'limit'?: (number);
  'cursor'?: (string);
  'include_archived'?: (boolean);
}

export interface ListRubricsRequest__Output {
  /**
   * 1..100, 0 means 20.
   */
  'limit': (number);
  'cursor': (string);
  'include_archived': (boolean);
}
