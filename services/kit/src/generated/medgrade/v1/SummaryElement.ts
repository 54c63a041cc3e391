// Original file: proto/medgrade/v1/common.proto


export interface SummaryElement {
  'id'?: (string);
  'anchor'?: (string);
  'description'?: (string);
  /**
   * Absent (null): decided by a documented built-in detector keyed by id.
   */
  'pattern'?: (string);
  '_pattern'?: "pattern";
}

export interface SummaryElement__Output {
  'id': (string);
  'anchor': (string);
  'description': (string);
  /**
   * Absent (null): decided by a documented built-in detector keyed by id.
   */
  'pattern'?: (string);
}
