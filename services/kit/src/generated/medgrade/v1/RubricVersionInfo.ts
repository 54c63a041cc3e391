// Original file: proto/medgrade/v1/rubric_store.proto


export interface RubricVersionInfo {
  'version'?: (string);
  'status'?: (string);
  'created_by'?: (string);
  'approved_by'?: (string);
  'created_at'?: (string);
  'approved_at'?: (string);
  'archived_at'?: (string);
}

export interface RubricVersionInfo__Output {
  'version': (string);
  'status': (string);
  'created_by': (string);
  'approved_by': (string);
  'created_at': (string);
  'approved_at': (string);
  'archived_at': (string);
}
