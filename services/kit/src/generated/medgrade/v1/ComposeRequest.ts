// Original file: proto/medgrade/v1/feedback.proto

import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';
import type { ParsedTranscript as _medgrade_v1_ParsedTranscript, ParsedTranscript__Output as _medgrade_v1_ParsedTranscript__Output } from '../../medgrade/v1/ParsedTranscript';
import type { GradingReport as _medgrade_v1_GradingReport, GradingReport__Output as _medgrade_v1_GradingReport__Output } from '../../medgrade/v1/GradingReport';
import type { CommunicationResult as _medgrade_v1_CommunicationResult, CommunicationResult__Output as _medgrade_v1_CommunicationResult__Output } from '../../medgrade/v1/CommunicationResult';

export interface ComposeRequest {
  'rubric'?: (_medgrade_v1_Rubric | null);
  'parsed'?: (_medgrade_v1_ParsedTranscript | null);
  /**
   * The report so far: scores, details and warnings (its feedback is ignored).
   */
  'report'?: (_medgrade_v1_GradingReport | null);
  'communication'?: (_medgrade_v1_CommunicationResult | null);
  /**
   * constructive | detailed | concise
   */
  'style'?: (string);
}

export interface ComposeRequest__Output {
  'rubric': (_medgrade_v1_Rubric__Output | null);
  'parsed': (_medgrade_v1_ParsedTranscript__Output | null);
  /**
   * The report so far: scores, details and warnings (its feedback is ignored).
   */
  'report': (_medgrade_v1_GradingReport__Output | null);
  'communication': (_medgrade_v1_CommunicationResult__Output | null);
  /**
   * constructive | detailed | concise
   */
  'style': (string);
}
