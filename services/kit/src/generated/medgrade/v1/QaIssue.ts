// Original file: proto/medgrade/v1/common.proto


export interface QaIssue {
  /**
   * RFC 6901 JSON Pointer into the rubric ("" for the whole document).
   */
  'pointer'?: (string);
  'code'?: (string);
  'message'?: (string);
}

export interface QaIssue__Output {
  /**
   * RFC 6901 JSON Pointer into the rubric ("" for the whole document).
   */
  'pointer': (string);
  'code': (string);
  'message': (string);
}
