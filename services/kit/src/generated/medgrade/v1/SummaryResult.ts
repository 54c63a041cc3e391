// Original file: proto/medgrade/v1/common.proto


export interface SummaryResult {
  'score'?: (number | string);
  'token_count'?: (number);
  'succinct_score'?: (number | string);
  'elements_score'?: (number | string);
  'matched_elements'?: (string)[];
  'missing_elements'?: (string)[];
  /**
   * summary_text | oral_summary_section | none
   */
  'source'?: (string);
  'citation'?: (string);
  '_citation'?: "citation";
}

export interface SummaryResult__Output {
  'score': (number);
  'token_count': (number);
  'succinct_score': (number);
  'elements_score': (number);
  'matched_elements': (string)[];
  'missing_elements': (string)[];
  /**
   * summary_text | oral_summary_section | none
   */
  'source': (string);
  'citation'?: (string);
}
