// Original file: proto/medgrade/v1/scoring.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ScoreRequest as _medgrade_v1_ScoreRequest, ScoreRequest__Output as _medgrade_v1_ScoreRequest__Output } from '../../medgrade/v1/ScoreRequest';
import type { ScoreResponse as _medgrade_v1_ScoreResponse, ScoreResponse__Output as _medgrade_v1_ScoreResponse__Output } from '../../medgrade/v1/ScoreResponse';

export interface ScoringServiceClient extends grpc.Client {
  /**
   * Evaluates communication itself, then weighs the five components. A component whose
   * result is absent stays absent (null) in the scores, and so does the overall score.
   */
  Score(argument: _medgrade_v1_ScoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ScoreResponse__Output>): grpc.ClientUnaryCall;
  Score(argument: _medgrade_v1_ScoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ScoreResponse__Output>): grpc.ClientUnaryCall;
  Score(argument: _medgrade_v1_ScoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ScoreResponse__Output>): grpc.ClientUnaryCall;
  Score(argument: _medgrade_v1_ScoreRequest, callback: grpc.requestCallback<_medgrade_v1_ScoreResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Evaluates communication itself, then weighs the five components. A component whose
   * result is absent stays absent (null) in the scores, and so does the overall score.
   */
  score(argument: _medgrade_v1_ScoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ScoreResponse__Output>): grpc.ClientUnaryCall;
  score(argument: _medgrade_v1_ScoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ScoreResponse__Output>): grpc.ClientUnaryCall;
  score(argument: _medgrade_v1_ScoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ScoreResponse__Output>): grpc.ClientUnaryCall;
  score(argument: _medgrade_v1_ScoreRequest, callback: grpc.requestCallback<_medgrade_v1_ScoreResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ScoringServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Evaluates communication itself, then weighs the five components. A component whose
   * result is absent stays absent (null) in the scores, and so does the overall score.
   */
  Score: grpc.handleUnaryCall<_medgrade_v1_ScoreRequest__Output, _medgrade_v1_ScoreResponse>;
  
}

export interface ScoringServiceDefinition extends grpc.ServiceDefinition {
  Score: MethodDefinition<_medgrade_v1_ScoreRequest, _medgrade_v1_ScoreResponse, _medgrade_v1_ScoreRequest__Output, _medgrade_v1_ScoreResponse__Output>
}
