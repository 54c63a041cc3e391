// Original file: proto/medgrade/v1/scoring.proto

import type { ComponentScores as _medgrade_v1_ComponentScores, ComponentScores__Output as _medgrade_v1_ComponentScores__Output } from '../../medgrade/v1/ComponentScores';
import type { CommunicationResult as _medgrade_v1_CommunicationResult, CommunicationResult__Output as _medgrade_v1_CommunicationResult__Output } from '../../medgrade/v1/CommunicationResult';

export interface ScoreResponse {
  'component_scores'?: (_medgrade_v1_ComponentScores | null);
  'overall_score'?: (number | string);
  'communication'?: (_medgrade_v1_CommunicationResult | null);
  '_overall_score'?: "overall_score";
}

export interface ScoreResponse__Output {
  'component_scores': (_medgrade_v1_ComponentScores__Output | null);
  'overall_score'?: (number);
  'communication': (_medgrade_v1_CommunicationResult__Output | null);
}
