// Original file: proto/medgrade/v1/orchestrator.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GradeRequest as _medgrade_v1_GradeRequest, GradeRequest__Output as _medgrade_v1_GradeRequest__Output } from '../../medgrade/v1/GradeRequest';
import type { GradingReport as _medgrade_v1_GradingReport, GradingReport__Output as _medgrade_v1_GradingReport__Output } from '../../medgrade/v1/GradingReport';

export interface OrchestratorClient extends grpc.Client {
  /**
   * Parses, runs the four evaluators in parallel, scores, composes feedback and validates
   * every citation. An evaluator that still fails after retries yields a `partial` report.
   */
  Grade(argument: _medgrade_v1_GradeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_GradingReport__Output>): grpc.ClientUnaryCall;
  Grade(argument: _medgrade_v1_GradeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_GradingReport__Output>): grpc.ClientUnaryCall;
  Grade(argument: _medgrade_v1_GradeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_GradingReport__Output>): grpc.ClientUnaryCall;
  Grade(argument: _medgrade_v1_GradeRequest, callback: grpc.requestCallback<_medgrade_v1_GradingReport__Output>): grpc.ClientUnaryCall;
  /**
   * Parses, runs the four evaluators in parallel, scores, composes feedback and validates
   * every citation. An evaluator that still fails after retries yields a `partial` report.
   */
  grade(argument: _medgrade_v1_GradeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_GradingReport__Output>): grpc.ClientUnaryCall;
  grade(argument: _medgrade_v1_GradeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_GradingReport__Output>): grpc.ClientUnaryCall;
  grade(argument: _medgrade_v1_GradeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_GradingReport__Output>): grpc.ClientUnaryCall;
  grade(argument: _medgrade_v1_GradeRequest, callback: grpc.requestCallback<_medgrade_v1_GradingReport__Output>): grpc.ClientUnaryCall;
  
}

export interface OrchestratorHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Parses, runs the four evaluators in parallel, scores, composes feedback and validates
   * every citation. An evaluator that still fails after retries yields a `partial` report.
   */
  Grade: grpc.handleUnaryCall<_medgrade_v1_GradeRequest__Output, _medgrade_v1_GradingReport>;
  
}

export interface OrchestratorDefinition extends grpc.ServiceDefinition {
  Grade: MethodDefinition<_medgrade_v1_GradeRequest, _medgrade_v1_GradingReport, _medgrade_v1_GradeRequest__Output, _medgrade_v1_GradingReport__Output>
}
