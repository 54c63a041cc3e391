// Original file: proto/medgrade/v1/rubric_store.proto

import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';

export interface RubricRecord {
  'rubric'?: (_medgrade_v1_Rubric | null);
  'status'?: (string);
  'version'?: (string);
  'rubric_id'?: (string);
  'created_at'?: (string);
  'updated_at'?: (string);
}

export interface RubricRecord__Output {
  'rubric': (_medgrade_v1_Rubric__Output | null);
  'status': (string);
  'version': (string);
  'rubric_id': (string);
  'created_at': (string);
  'updated_at': (string);
}
