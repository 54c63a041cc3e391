// Original file: proto/medgrade/v1/structure.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { EvaluationRequest as _medgrade_v1_EvaluationRequest, EvaluationRequest__Output as _medgrade_v1_EvaluationRequest__Output } from '../../medgrade/v1/EvaluationRequest';
import type { StructureResult as _medgrade_v1_StructureResult, StructureResult__Output as _medgrade_v1_StructureResult__Output } from '../../medgrade/v1/StructureResult';

export interface StructureServiceClient extends grpc.Client {
  /**
   * Scores the section order (LCS) and applies the structure penalties.
   */
  Evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_StructureResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_StructureResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_StructureResult__Output>): grpc.ClientUnaryCall;
  Evaluate(argument: _medgrade_v1_EvaluationRequest, callback: grpc.requestCallback<_medgrade_v1_StructureResult__Output>): grpc.ClientUnaryCall;
  /**
   * Scores the section order (LCS) and applies the structure penalties.
   */
  evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_StructureResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_StructureResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_StructureResult__Output>): grpc.ClientUnaryCall;
  evaluate(argument: _medgrade_v1_EvaluationRequest, callback: grpc.requestCallback<_medgrade_v1_StructureResult__Output>): grpc.ClientUnaryCall;
  
}

export interface StructureServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Scores the section order (LCS) and applies the structure penalties.
   */
  Evaluate: grpc.handleUnaryCall<_medgrade_v1_EvaluationRequest__Output, _medgrade_v1_StructureResult>;
  
}

export interface StructureServiceDefinition extends grpc.ServiceDefinition {
  Evaluate: MethodDefinition<_medgrade_v1_EvaluationRequest, _medgrade_v1_StructureResult, _medgrade_v1_EvaluationRequest__Output, _medgrade_v1_StructureResult__Output>
}
