// Original file: proto/medgrade/v1/rubric_edit.proto

import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';

export interface PreviewEditRequest {
  'rubric'?: (_medgrade_v1_Rubric | null);
  'instruction'?: (string);
}

export interface PreviewEditRequest__Output {
  'rubric': (_medgrade_v1_Rubric__Output | null);
  'instruction': (string);
}
