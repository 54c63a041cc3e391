// Original file: proto/medgrade/v1/common.proto

import type { ComponentScores as _medgrade_v1_ComponentScores, ComponentScores__Output as _medgrade_v1_ComponentScores__Output } from '../../medgrade/v1/ComponentScores';
import type { ReportDetails as _medgrade_v1_ReportDetails, ReportDetails__Output as _medgrade_v1_ReportDetails__Output } from '../../medgrade/v1/ReportDetails';
import type { Feedback as _medgrade_v1_Feedback, Feedback__Output as _medgrade_v1_Feedback__Output } from '../../medgrade/v1/Feedback';

export interface GradingReport {
  'grading_id'?: (string);
  'rubric_id'?: (string);
  'rubric_version'?: (string);
  /**
   * complete | partial
   */
  'status'?: (string);
  'graded_at'?: (string);
  'overall_score'?: (number | string);
  'component_scores'?: (_medgrade_v1_ComponentScores | null);
  'details'?: (_medgrade_v1_ReportDetails | null);
  'feedback'?: (_medgrade_v1_Feedback | null);
  'warnings'?: (string)[];
  '_overall_score'?: "overall_score";
}

export interface GradingReport__Output {
  'grading_id': (string);
  'rubric_id': (string);
  'rubric_version': (string);
  /**
   * complete | partial
   */
  'status': (string);
  'graded_at': (string);
  'overall_score'?: (number);
  'component_scores': (_medgrade_v1_ComponentScores__Output | null);
  'details': (_medgrade_v1_ReportDetails__Output | null);
  'feedback': (_medgrade_v1_Feedback__Output | null);
  'warnings': (string)[];
}
