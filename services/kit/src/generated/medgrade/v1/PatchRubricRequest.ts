// Original file: proto/medgrade/v1/rubric_store.proto

import type { JsonPatchOperation as _medgrade_v1_JsonPatchOperation, JsonPatchOperation__Output as _medgrade_v1_JsonPatchOperation__Output } from '../../medgrade/v1/JsonPatchOperation';

export interface PatchRubricRequest {
  'rubric_id'?: (string);
  'base_version'?: (string);
  'operations'?: (_medgrade_v1_JsonPatchOperation)[];
}

export interface PatchRubricRequest__Output {
  'rubric_id': (string);
  'base_version': (string);
  'operations': (_medgrade_v1_JsonPatchOperation__Output)[];
}
