// Original file: proto/medgrade/v1/summary.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EvaluationRequest as _medgrade_v1_EvaluationRequest, EvaluationRequest__Output as _medgrade_v1_EvaluationRequest__Output } from '../../medgrade/v1/EvaluationRequest';
import type { SummaryResult as _medgrade_v1_SummaryResult, SummaryResult__Output as _medgrade_v1_SummaryResult__Output } from '../../medgrade/v1/SummaryResult';

export interface SummaryServiceClient extends grpc.Client {
  /**
   * Scores the summary's succinctness and required elements.
   */
  Evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_SummaryResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_SummaryResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_SummaryResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, callback: grpc.requestCallback<_medgrade_v1_SummaryResult__Output>): grpc.ClientUnaryCall;
  /**
   * Scores the summary's succinctness and required elements.
   */
  evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_SummaryResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_SummaryResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_SummaryResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, callback: grpc.requestCallback<_medgrade_v1_SummaryResult__Output>): grpc.ClientUnaryCall;
  
}

export interface SummaryServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Scores the summary's succinctness and required elements.
   */
  Evaluate: grpc.handleUnaryCall<_medgrade_v1_EvaluationRequest__Output, _medgrade_v1_SummaryResult>;
  
}

export interface SummaryServiceDefinition extends grpc.ServiceDefinition {
  Evaluate: MethodDefinition<_medgrade_v1_EvaluationRequest, _medgrade_v1_SummaryResult, _medgrade_v1_EvaluationRequest__Output, _medgrade_v1_SummaryResult__Output>
}
