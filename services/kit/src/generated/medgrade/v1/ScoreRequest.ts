// Original file: proto/medgrade/v1/scoring.proto

import type { EvaluationRequest as _medgrade_v1_EvaluationRequest, EvaluationRequest__Output as _medgrade_v1_EvaluationRequest__Output } from '../../medgrade/v1/EvaluationRequest';
import type { ReportDetails as _medgrade_v1_ReportDetails, ReportDetails__Output as _medgrade_v1_ReportDetails__Output } from '../../medgrade/v1/ReportDetails';

export interface ScoreRequest {
  'input'?: (_medgrade_v1_EvaluationRequest | null);
  /**
   * The four evaluator results; an absent one is a component that could not be evaluated.
   */
  'details'?: (_medgrade_v1_ReportDetails | null);
}

export interface ScoreRequest__Output {
  'input': (_medgrade_v1_EvaluationRequest__Output | null);
  /**
   * The four evaluator results; an absent one is a component that could not be evaluated.
   */
  'details': (_medgrade_v1_ReportDetails__Output | null);
}
