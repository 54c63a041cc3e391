// Original file: proto/medgrade/v1/rubric_store.proto


export interface ListRubricsRequest {
  /**
   * 1..100, 0 means 20.
   */
  'limit'?: (number);
  'cursor'?: (string);
  'include_archived'?: (boolean);
  /**
   * Case-insensitive part of the rubric id or title; empty means any.
   */
  'q'?: (string);
  /**
   * Only rubrics whose head version has this status (draft, approved, archived); empty means any.
   */
  'status'?: (string);
}

export interface ListRubricsRequest__Output {
  /**
   * 1..100, 0 means 20.
   */
  'limit': (number);
  'cursor': (string);
  'include_archived': (boolean);
  /**
   * Case-insensitive part of the rubric id or title; empty means any.
   */
  'q': (string);
  /**
   * Only rubrics whose head version has this status (draft, approved, archived); empty means any.
   */
  'status': (string);
}
