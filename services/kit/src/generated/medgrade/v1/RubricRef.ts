// Original file: proto/medgrade/v1/common.proto


/**
 * A stored rubric version. Stored versions never change (an edit is a new version; approval
 * and archiving change the status, which is part of the content), so a service keeps the
 * compiled rubric under (institution, rubric_id, version, content_hash) and asks the rubric
 * store for it only when it does not have it.
 */
export interface RubricRef {
  'rubric_id'?: (string);
  /**
   * Empty (GradeRequest only): the latest approved version.
   */
  'version'?: (string);
  /**
   * Hex SHA-256 of the version's rubric_json as the rubric store serves it; empty when unknown.
   */
  'content_hash'?: (string);
}

/**
 * A stored rubric version. Stored versions never change (an edit is a new version; approval
 * and archiving change the status, which is part of the content), so a service keeps the
 * compiled rubric under (institution, rubric_id, version, content_hash) and asks the rubric
 * store for it only when it does not have it.
 */
export interface RubricRef__Output {
  'rubric_id': (string);
  /**
   * Empty (GradeRequest only): the latest approved version.
   */
  'version': (string);
  /**
   * Hex SHA-256 of the version's rubric_json as the rubric store serves it; empty when unknown.
   */
  'content_hash': (string);
}
