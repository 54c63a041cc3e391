// Original file: proto/medgrade/v1/rubric_edit.proto


export interface DiffEntry {
  /**
   * JSON Pointer of the changed value: into `before` for removals, into `after` otherwise.
   */
  'path'?: (string);
  /**
   * JSON text of the value before and after; absent when the value did not exist.
   */
  'before_json'?: (string);
  'after_json'?: (string);
  /**
   * add | remove | replace
   */
  'change'?: (string);
  '_before_json'?: "before_json";
  '_after_json'?: "after_json";
}

export interface DiffEntry__Output {
  /**
   * JSON Pointer of the changed value: into `before` for removals, into `after` otherwise.
   */
  'path': (string);
  /**
   * JSON text of the value before and after; absent when the value did not exist.
   */
  'before_json'?: (string);
  'after_json'?: (string);
  /**
   * add | remove | replace
   */
  'change': (string);
}
