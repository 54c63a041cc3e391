// Original file: proto/medgrade/v1/common.proto

import type { Weights as _medgrade_v1_Weights, Weights__Output as _medgrade_v1_Weights__Output } from '../../medgrade/v1/Weights';
import type { StructureSpec as _medgrade_v1_StructureSpec, StructureSpec__Output as _medgrade_v1_StructureSpec__Output } from '../../medgrade/v1/StructureSpec';
import type { KeyQuestion as _medgrade_v1_KeyQuestion, KeyQuestion__Output as _medgrade_v1_KeyQuestion__Output } from '../../medgrade/v1/KeyQuestion';
import type { KeyQuestionsPolicy as _medgrade_v1_KeyQuestionsPolicy, KeyQuestionsPolicy__Output as _medgrade_v1_KeyQuestionsPolicy__Output } from '../../medgrade/v1/KeyQuestionsPolicy';
import type { ReasoningSpec as _medgrade_v1_ReasoningSpec, ReasoningSpec__Output as _medgrade_v1_ReasoningSpec__Output } from '../../medgrade/v1/ReasoningSpec';
import type { SummarySpec as _medgrade_v1_SummarySpec, SummarySpec__Output as _medgrade_v1_SummarySpec__Output } from '../../medgrade/v1/SummarySpec';
import type { CommunicationSpec as _medgrade_v1_CommunicationSpec, CommunicationSpec__Output as _medgrade_v1_CommunicationSpec__Output } from '../../medgrade/v1/CommunicationSpec';

export interface Rubric {
  'rubric_id'?: (string);
  'version'?: (string);
  'status'?: (string);
  'title'?: (string);
  'created_at'?: (string);
  'updated_at'?: (string);
  'weights'?: (_medgrade_v1_Weights | null);
  'structure'?: (_medgrade_v1_StructureSpec | null);
  'key_questions'?: (_medgrade_v1_KeyQuestion)[];
  'key_questions_policy'?: (_medgrade_v1_KeyQuestionsPolicy | null);
  'reasoning'?: (_medgrade_v1_ReasoningSpec | null);
  'summary'?: (_medgrade_v1_SummarySpec | null);
  'communication'?: (_medgrade_v1_CommunicationSpec | null);
  '_status'?: "status";
  '_title'?: "title";
  '_created_at'?: "created_at";
  '_updated_at'?: "updated_at";
}

export interface Rubric__Output {
  'rubric_id': (string);
  'version': (string);
  'status'?: (string);
  'title'?: (string);
  'created_at'?: (string);
  'updated_at'?: (string);
  'weights': (_medgrade_v1_Weights__Output | null);
  'structure': (_medgrade_v1_StructureSpec__Output | null);
  'key_questions': (_medgrade_v1_KeyQuestion__Output)[];
  'key_questions_policy': (_medgrade_v1_KeyQuestionsPolicy__Output | null);
  'reasoning': (_medgrade_v1_ReasoningSpec__Output | null);
  'summary': (_medgrade_v1_SummarySpec__Output | null);
  'communication': (_medgrade_v1_CommunicationSpec__Output | null);
}
