// Original file: proto/medgrade/v1/feedback.proto

import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';
import type { ParsedTranscript as _medgrade_v1_ParsedTranscript, ParsedTranscript__Output as _medgrade_v1_ParsedTranscript__Output } from '../../medgrade/v1/ParsedTranscript';
import type { GradingReport as _medgrade_v1_GradingReport, GradingReport__Output as _medgrade_v1_GradingReport__Output } from '../../medgrade/v1/GradingReport';

export interface ValidateCitationsRequest {
  'rubric'?: (_medgrade_v1_Rubric | null);
  'parsed'?: (_medgrade_v1_ParsedTranscript | null);
  'report'?: (_medgrade_v1_GradingReport | null);
}

export interface ValidateCitationsRequest__Output {
  'rubric': (_medgrade_v1_Rubric__Output | null);
  'parsed': (_medgrade_v1_ParsedTranscript__Output | null);
  'report': (_medgrade_v1_GradingReport__Output | null);
}
