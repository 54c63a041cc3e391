// Original file: proto/medgrade/v1/question_matching.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EvaluationRequest as _medgrade_v1_EvaluationRequest, EvaluationRequest__Output as _medgrade_v1_EvaluationRequest__Output } from '../../medgrade/v1/EvaluationRequest';
import type { QuestionsResult as _medgrade_v1_QuestionsResult, QuestionsResult__Output as _medgrade_v1_QuestionsResult__Output } from '../../medgrade/v1/QuestionsResult';

export interface QuestionMatchingServiceClient extends grpc.Client {
  /**
   * Matches the questions the student asked to the rubric's key questions.
   */
  Evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_QuestionsResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_QuestionsResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_QuestionsResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, callback: grpc.requestCallback<_medgrade_v1_QuestionsResult__Output>): grpc.ClientUnaryCall;
  /**
   * Matches the questions the student asked to the rubric's key questions.
   */
  evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_QuestionsResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_QuestionsResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_QuestionsResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, callback: grpc.requestCallback<_medgrade_v1_QuestionsResult__Output>): grpc.ClientUnaryCall;
  
}

export interface QuestionMatchingServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Matches the questions the student asked to the rubric's key questions.
   */
  Evaluate: grpc.handleUnaryCall<_medgrade_v1_EvaluationRequest__Output, _medgrade_v1_QuestionsResult>;
  
}

export interface QuestionMatchingServiceDefinition extends grpc.ServiceDefinition {
  Evaluate: MethodDefinition<_medgrade_v1_EvaluationRequest, _medgrade_v1_QuestionsResult, _medgrade_v1_EvaluationRequest__Output, _medgrade_v1_QuestionsResult__Output>
}
