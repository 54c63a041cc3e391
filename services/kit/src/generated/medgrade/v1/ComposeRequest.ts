// Original file: proto/medgrade/v1/feedback.proto

import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from '../../medgrade/v1/Rubric';
import type { ReportDetails as _medgrade_v1_ReportDetails, ReportDetails__Output as _medgrade_v1_ReportDetails__Output } from '../../medgrade/v1/ReportDetails';
import type { CommunicationResult as _medgrade_v1_CommunicationResult, CommunicationResult__Output as _medgrade_v1_CommunicationResult__Output } from '../../medgrade/v1/CommunicationResult';
import type { RubricRef as _medgrade_v1_RubricRef, RubricRef__Output as _medgrade_v1_RubricRef__Output } from '../../medgrade/v1/RubricRef';

export interface ComposeRequest {
  'rubric'?: (_medgrade_v1_Rubric | null);
  /**
   * The evaluator results; an absent one is a component that could not be evaluated.
   */
  'details'?: (_medgrade_v1_ReportDetails | null);
  'communication'?: (_medgrade_v1_CommunicationResult | null);
  /**
   * constructive | detailed | concise; empty means constructive.
   */
  'style'?: (string);
  /**
   * Why a component is missing (component name -> reason), shown in its feedback item.
   */
  'missing_reasons'?: ({[key: string]: string});
  /**
   * A stored version with its content_hash, of institution_id (see EvaluationRequest).
   */
  'rubric_ref'?: (_medgrade_v1_RubricRef | null);
  'institution_id'?: (string);
  'rubric_source'?: "rubric"|"rubric_ref";
  '_communication'?: "communication";
}

export interface ComposeRequest__Output {
  'rubric'?: (_medgrade_v1_Rubric__Output | null);
  /**
   * The evaluator results; an absent one is a component that could not be evaluated.
   */
  'details': (_medgrade_v1_ReportDetails__Output | null);
  'communication'?: (_medgrade_v1_CommunicationResult__Output | null);
  /**
   * constructive | detailed | concise; empty means constructive.
   */
  'style': (string);
  /**
   * Why a component is missing (component name -> reason), shown in its feedback item.
   */
  'missing_reasons': ({[key: string]: string});
  /**
   * A stored version with its content_hash, of institution_id (see EvaluationRequest).
   */
  'rubric_ref'?: (_medgrade_v1_RubricRef__Output | null);
  'institution_id': (string);
}
