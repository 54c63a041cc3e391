// Original file: proto/medgrade/v1/rubric_edit.proto

import type { JsonPatchOperation as _medgrade_v1_JsonPatchOperation, JsonPatchOperation__Output as _medgrade_v1_JsonPatchOperation__Output } from '../../medgrade/v1/JsonPatchOperation';
import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';
import type { DiffEntry as _medgrade_v1_DiffEntry, DiffEntry__Output as _medgrade_v1_DiffEntry__Output } from '../../medgrade/v1/DiffEntry';
import type { QaReport as _medgrade_v1_QaReport, QaReport__Output as _medgrade_v1_QaReport__Output } from '../../medgrade/v1/QaReport';

export interface PreviewEditResponse {
  'patch'?: (_medgrade_v1_JsonPatchOperation)[];
  'before'?: (_medgrade_v1_Rubric | null);
  'after'?: (_medgrade_v1_Rubric | null);
  'diff'?: (_medgrade_v1_DiffEntry)[];
  /**
   * QA report of the edited rubric.
   */
  'qa'?: (_medgrade_v1_QaReport | null);
  /**
   * The parts of the instruction that were understood, one per clause.
   */
  'understood'?: (string)[];
}

export interface PreviewEditResponse__Output {
  'patch': (_medgrade_v1_JsonPatchOperation__Output)[];
  'before': (_medgrade_v1_Rubric__Output | null);
  'after': (_medgrade_v1_Rubric__Output | null);
  'diff': (_medgrade_v1_DiffEntry__Output)[];
  /**
   * QA report of the edited rubric.
   */
  'qa': (_medgrade_v1_QaReport__Output | null);
  /**
   * The parts of the instruction that were understood, one per clause.
   */
  'understood': (string)[];
}
