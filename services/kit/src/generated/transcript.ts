import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CitedUtterance as _medgrade_v1_CitedUtterance, CitedUtterance__Output as _medgrade_v1_CitedUtterance__Output } from './medgrade/v1/CitedUtterance';
import type { CommunicationResult as _medgrade_v1_CommunicationResult, CommunicationResult__Output as _medgrade_v1_CommunicationResult__Output } from './medgrade/v1/CommunicationResult';
import type { CommunicationRule as _medgrade_v1_CommunicationRule, CommunicationRule__Output as _medgrade_v1_CommunicationRule__Output } from './medgrade/v1/CommunicationRule';
import type { CommunicationSpec as _medgrade_v1_CommunicationSpec, CommunicationSpec__Output as _medgrade_v1_CommunicationSpec__Output } from './medgrade/v1/CommunicationSpec';
import type { ComponentScores as _medgrade_v1_ComponentScores, ComponentScores__Output as _medgrade_v1_ComponentScores__Output } from './medgrade/v1/ComponentScores';
import type { EvaluationRequest as _medgrade_v1_EvaluationRequest, EvaluationRequest__Output as _medgrade_v1_EvaluationRequest__Output } from './medgrade/v1/EvaluationRequest';
import type { Feedback as _medgrade_v1_Feedback, Feedback__Output as _medgrade_v1_Feedback__Output } from './medgrade/v1/Feedback';
import type { FeedbackCitations as _medgrade_v1_FeedbackCitations, FeedbackCitations__Output as _medgrade_v1_FeedbackCitations__Output } from './medgrade/v1/FeedbackCitations';
import type { FeedbackItem as _medgrade_v1_FeedbackItem, FeedbackItem__Output as _medgrade_v1_FeedbackItem__Output } from './medgrade/v1/FeedbackItem';
import type { FeedbackSection as _medgrade_v1_FeedbackSection, FeedbackSection__Output as _medgrade_v1_FeedbackSection__Output } from './medgrade/v1/FeedbackSection';
import type { GradingReport as _medgrade_v1_GradingReport, GradingReport__Output as _medgrade_v1_GradingReport__Output } from './medgrade/v1/GradingReport';
import type { JsonPatchOperation as _medgrade_v1_JsonPatchOperation, JsonPatchOperation__Output as _medgrade_v1_JsonPatchOperation__Output } from './medgrade/v1/JsonPatchOperation';
import type { KeyQuestion as _medgrade_v1_KeyQuestion, KeyQuestion__Output as _medgrade_v1_KeyQuestion__Output } from './medgrade/v1/KeyQuestion';
import type { KeyQuestionsPolicy as _medgrade_v1_KeyQuestionsPolicy, KeyQuestionsPolicy__Output as _medgrade_v1_KeyQuestionsPolicy__Output } from './medgrade/v1/KeyQuestionsPolicy';
import type { ParseRequest as _medgrade_v1_ParseRequest, ParseRequest__Output as _medgrade_v1_ParseRequest__Output } from './medgrade/v1/ParseRequest';
import type { ParseResponse as _medgrade_v1_ParseResponse, ParseResponse__Output as _medgrade_v1_ParseResponse__Output } from './medgrade/v1/ParseResponse';
import type { ParsedTranscript as _medgrade_v1_ParsedTranscript, ParsedTranscript__Output as _medgrade_v1_ParsedTranscript__Output } from './medgrade/v1/ParsedTranscript';
import type { PenaltyApplied as _medgrade_v1_PenaltyApplied, PenaltyApplied__Output as _medgrade_v1_PenaltyApplied__Output } from './medgrade/v1/PenaltyApplied';
import type { PenaltyRule as _medgrade_v1_PenaltyRule, PenaltyRule__Output as _medgrade_v1_PenaltyRule__Output } from './medgrade/v1/PenaltyRule';
import type { QaIssue as _medgrade_v1_QaIssue, QaIssue__Output as _medgrade_v1_QaIssue__Output } from './medgrade/v1/QaIssue';
import type { QaReport as _medgrade_v1_QaReport, QaReport__Output as _medgrade_v1_QaReport__Output } from './medgrade/v1/QaReport';
import type { QuestionMatch as _medgrade_v1_QuestionMatch, QuestionMatch__Output as _medgrade_v1_QuestionMatch__Output } from './medgrade/v1/QuestionMatch';
import type { QuestionsResult as _medgrade_v1_QuestionsResult, QuestionsResult__Output as _medgrade_v1_QuestionsResult__Output } from './medgrade/v1/QuestionsResult';
import type { ReasoningDetection as _medgrade_v1_ReasoningDetection, ReasoningDetection__Output as _medgrade_v1_ReasoningDetection__Output } from './medgrade/v1/ReasoningDetection';
import type { ReasoningLink as _medgrade_v1_ReasoningLink, ReasoningLink__Output as _medgrade_v1_ReasoningLink__Output } from './medgrade/v1/ReasoningLink';
import type { ReasoningResult as _medgrade_v1_ReasoningResult, ReasoningResult__Output as _medgrade_v1_ReasoningResult__Output } from './medgrade/v1/ReasoningResult';
import type { ReasoningSpec as _medgrade_v1_ReasoningSpec, ReasoningSpec__Output as _medgrade_v1_ReasoningSpec__Output } from './medgrade/v1/ReasoningSpec';
import type { ReportDetails as _medgrade_v1_ReportDetails, ReportDetails__Output as _medgrade_v1_ReportDetails__Output } from './medgrade/v1/ReportDetails';
import type { Rubric as _medgrade_v1_Rubric, Rubric__Output as _medgrade_v1_Rubric__Output } from './medgrade/v1/Rubric';
import type { RubricRef as _medgrade_v1_RubricRef, RubricRef__Output as _medgrade_v1_RubricRef__Output } from './medgrade/v1/RubricRef';
import type { Section as _medgrade_v1_Section, Section__Output as _medgrade_v1_Section__Output } from './medgrade/v1/Section';
import type { SectionResult as _medgrade_v1_SectionResult, SectionResult__Output as _medgrade_v1_SectionResult__Output } from './medgrade/v1/SectionResult';
import type { StructurePenalty as _medgrade_v1_StructurePenalty, StructurePenalty__Output as _medgrade_v1_StructurePenalty__Output } from './medgrade/v1/StructurePenalty';
import type { StructureResult as _medgrade_v1_StructureResult, StructureResult__Output as _medgrade_v1_StructureResult__Output } from './medgrade/v1/StructureResult';
import type { StructureSpec as _medgrade_v1_StructureSpec, StructureSpec__Output as _medgrade_v1_StructureSpec__Output } from './medgrade/v1/StructureSpec';
import type { SummaryElement as _medgrade_v1_SummaryElement, SummaryElement__Output as _medgrade_v1_SummaryElement__Output } from './medgrade/v1/SummaryElement';
import type { SummaryResult as _medgrade_v1_SummaryResult, SummaryResult__Output as _medgrade_v1_SummaryResult__Output } from './medgrade/v1/SummaryResult';
import type { SummarySpec as _medgrade_v1_SummarySpec, SummarySpec__Output as _medgrade_v1_SummarySpec__Output } from './medgrade/v1/SummarySpec';
import type { TranscriptServiceClient as _medgrade_v1_TranscriptServiceClient, TranscriptServiceDefinition as _medgrade_v1_TranscriptServiceDefinition } from './medgrade/v1/TranscriptService';
import type { Utterance as _medgrade_v1_Utterance, Utterance__Output as _medgrade_v1_Utterance__Output } from './medgrade/v1/Utterance';
import type { Weights as _medgrade_v1_Weights, Weights__Output as _medgrade_v1_Weights__Output } from './medgrade/v1/Weights';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  medgrade: {
    v1: {
      CitedUtterance: MessageTypeDefinition<_medgrade_v1_CitedUtterance, _medgrade_v1_CitedUtterance__Output>
      CommunicationResult: MessageTypeDefinition<_medgrade_v1_CommunicationResult, _medgrade_v1_CommunicationResult__Output>
      CommunicationRule: MessageTypeDefinition<_medgrade_v1_CommunicationRule, _medgrade_v1_CommunicationRule__Output>
      CommunicationSpec: MessageTypeDefinition<_medgrade_v1_CommunicationSpec, _medgrade_v1_CommunicationSpec__Output>
      ComponentScores: MessageTypeDefinition<_medgrade_v1_ComponentScores, _medgrade_v1_ComponentScores__Output>
      EvaluationRequest: MessageTypeDefinition<_medgrade_v1_EvaluationRequest, _medgrade_v1_EvaluationRequest__Output>
      Feedback: MessageTypeDefinition<_medgrade_v1_Feedback, _medgrade_v1_Feedback__Output>
      FeedbackCitations: MessageTypeDefinition<_medgrade_v1_FeedbackCitations, _medgrade_v1_FeedbackCitations__Output>
      FeedbackItem: MessageTypeDefinition<_medgrade_v1_FeedbackItem, _medgrade_v1_FeedbackItem__Output>
      FeedbackSection: MessageTypeDefinition<_medgrade_v1_FeedbackSection, _medgrade_v1_FeedbackSection__Output>
      GradingReport: MessageTypeDefinition<_medgrade_v1_GradingReport, _medgrade_v1_GradingReport__Output>
      JsonPatchOperation: MessageTypeDefinition<_medgrade_v1_JsonPatchOperation, _medgrade_v1_JsonPatchOperation__Output>
      KeyQuestion: MessageTypeDefinition<_medgrade_v1_KeyQuestion, _medgrade_v1_KeyQuestion__Output>
      KeyQuestionsPolicy: MessageTypeDefinition<_medgrade_v1_KeyQuestionsPolicy, _medgrade_v1_KeyQuestionsPolicy__Output>
      ParseRequest: MessageTypeDefinition<_medgrade_v1_ParseRequest, _medgrade_v1_ParseRequest__Output>
      ParseResponse: MessageTypeDefinition<_medgrade_v1_ParseResponse, _medgrade_v1_ParseResponse__Output>
      ParsedTranscript: MessageTypeDefinition<_medgrade_v1_ParsedTranscript, _medgrade_v1_ParsedTranscript__Output>
      PenaltyApplied: MessageTypeDefinition<_medgrade_v1_PenaltyApplied, _medgrade_v1_PenaltyApplied__Output>
      PenaltyRule: MessageTypeDefinition<_medgrade_v1_PenaltyRule, _medgrade_v1_PenaltyRule__Output>
      QaIssue: MessageTypeDefinition<_medgrade_v1_QaIssue, _medgrade_v1_QaIssue__Output>
      QaReport: MessageTypeDefinition<_medgrade_v1_QaReport, _medgrade_v1_QaReport__Output>
      QuestionMatch: MessageTypeDefinition<_medgrade_v1_QuestionMatch, _medgrade_v1_QuestionMatch__Output>
      QuestionsResult: MessageTypeDefinition<_medgrade_v1_QuestionsResult, _medgrade_v1_QuestionsResult__Output>
      ReasoningDetection: MessageTypeDefinition<_medgrade_v1_ReasoningDetection, _medgrade_v1_ReasoningDetection__Output>
      ReasoningLink: MessageTypeDefinition<_medgrade_v1_ReasoningLink, _medgrade_v1_ReasoningLink__Output>
      ReasoningResult: MessageTypeDefinition<_medgrade_v1_ReasoningResult, _medgrade_v1_ReasoningResult__Output>
      ReasoningSpec: MessageTypeDefinition<_medgrade_v1_ReasoningSpec, _medgrade_v1_ReasoningSpec__Output>
      ReportDetails: MessageTypeDefinition<_medgrade_v1_ReportDetails, _medgrade_v1_ReportDetails__Output>
      Rubric: MessageTypeDefinition<_medgrade_v1_Rubric, _medgrade_v1_Rubric__Output>
      RubricRef: MessageTypeDefinition<_medgrade_v1_RubricRef, _medgrade_v1_RubricRef__Output>
      Section: MessageTypeDefinition<_medgrade_v1_Section, _medgrade_v1_Section__Output>
      SectionResult: MessageTypeDefinition<_medgrade_v1_SectionResult, _medgrade_v1_SectionResult__Output>
      StructurePenalty: MessageTypeDefinition<_medgrade_v1_StructurePenalty, _medgrade_v1_StructurePenalty__Output>
      StructureResult: MessageTypeDefinition<_medgrade_v1_StructureResult, _medgrade_v1_StructureResult__Output>
      StructureSpec: MessageTypeDefinition<_medgrade_v1_StructureSpec, _medgrade_v1_StructureSpec__Output>
      SummaryElement: MessageTypeDefinition<_medgrade_v1_SummaryElement, _medgrade_v1_SummaryElement__Output>
      SummaryResult: MessageTypeDefinition<_medgrade_v1_SummaryResult, _medgrade_v1_SummaryResult__Output>
      SummarySpec: MessageTypeDefinition<_medgrade_v1_SummarySpec, _medgrade_v1_SummarySpec__Output>
      TranscriptService: SubtypeConstructor<typeof grpc.Client, _medgrade_v1_TranscriptServiceClient> & { service: _medgrade_v1_TranscriptServiceDefinition }
      Utterance: MessageTypeDefinition<_medgrade_v1_Utterance, _medgrade_v1_Utterance__Output>
      Weights: MessageTypeDefinition<_medgrade_v1_Weights, _medgrade_v1_Weights__Output>
    }
  }
}

