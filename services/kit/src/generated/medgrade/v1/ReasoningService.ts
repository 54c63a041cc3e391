// Original file: proto/medgrade/v1/reasoning.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EvaluationRequest as _medgrade_v1_EvaluationRequest, EvaluationRequest__Output as _medgrade_v1_EvaluationRequest__Output } from '../../medgrade/v1/EvaluationRequest';
import type { ReasoningResult as _medgrade_v1_ReasoningResult, ReasoningResult__Output as _medgrade_v1_ReasoningResult__Output } from '../../medgrade/v1/ReasoningResult';

export interface ReasoningServiceClient extends grpc.Client {
  /**
   * Detects the rubric's required reasoning links in the student's words.
   */
  Evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ReasoningResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ReasoningResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ReasoningResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, callback: grpc.requestCallback<_medgrade_v1_ReasoningResult__Output>): grpc.ClientUnaryCall;
  /**
   * Detects the rubric's required reasoning links in the student's words.
   */
  evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ReasoningResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ReasoningResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ReasoningResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, callback: grpc.requestCallback<_medgrade_v1_ReasoningResult__Output>): grpc.ClientUnaryCall;
  
}

export interface ReasoningServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Detects the rubric's required reasoning links in the student's words.
   */
  Evaluate: grpc.handleUnaryCall<_medgrade_v1_EvaluationRequest__Output, _medgrade_v1_ReasoningResult>;
  
}

export interface ReasoningServiceDefinition extends grpc.ServiceDefinition {
  Evaluate: MethodDefinition<_medgrade_v1_EvaluationRequest, _medgrade_v1_ReasoningResult, _medgrade_v1_EvaluationRequest__Output, _medgrade_v1_ReasoningResult__Output>
}
