// Original file: proto/medgrade/v1/feedback.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CitationCheck as _medgrade_v1_CitationCheck, CitationCheck__Output as _medgrade_v1_CitationCheck__Output } from '../../medgrade/v1/CitationCheck';
import type { ComposeRequest as _medgrade_v1_ComposeRequest, ComposeRequest__Output as _medgrade_v1_ComposeRequest__Output } from '../../medgrade/v1/ComposeRequest';
import type { Feedback as _medgrade_v1_Feedback, Feedback__Output as _medgrade_v1_Feedback__Output } from '../../medgrade/v1/Feedback';
import type { ValidateCitationsRequest as _medgrade_v1_ValidateCitationsRequest, ValidateCitationsRequest__Output as _medgrade_v1_ValidateCitationsRequest__Output } from '../../medgrade/v1/ValidateCitationsRequest';

export interface FeedbackServiceClient extends grpc.Client {
  /**
   * Writes feedback in the requested style; every item cites the rubric (and the student where it can).
   */
  Compose(argument: _medgrade_v1_ComposeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_Feedback__Output>): grpc.ClientUnaryCall;
  Compose(argument: _medgrade_v1_ComposeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_Feedback__Output>): grpc.ClientUnaryCall;
  Compose(argument: _medgrade_v1_ComposeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_Feedback__Output>): grpc.ClientUnaryCall;
  Compose(argument: _medgrade_v1_ComposeRequest, callback: grpc.requestCallback<_medgrade_v1_Feedback__Output>): grpc.ClientUnaryCall;
  /**
   * Writes feedback in the requested style; every item cites the rubric (and the student where it can).
   */
  compose(argument: _medgrade_v1_ComposeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_Feedback__Output>): grpc.ClientUnaryCall;
  compose(argument: _medgrade_v1_ComposeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_Feedback__Output>): grpc.ClientUnaryCall;
  compose(argument: _medgrade_v1_ComposeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_Feedback__Output>): grpc.ClientUnaryCall;
  compose(argument: _medgrade_v1_ComposeRequest, callback: grpc.requestCallback<_medgrade_v1_Feedback__Output>): grpc.ClientUnaryCall;
  
  /**
   * Checks every citation of a report against the rubric and the transcript.
   */
  ValidateCitations(argument: _medgrade_v1_ValidateCitationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_CitationCheck__Output>): grpc.ClientUnaryCall;
  ValidateCitations(argument: _medgrade_v1_ValidateCitationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_CitationCheck__Output>): grpc.ClientUnaryCall;
  ValidateCitations(argument: _medgrade_v1_ValidateCitationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_CitationCheck__Output>): grpc.ClientUnaryCall;
  ValidateCitations(argument: _medgrade_v1_ValidateCitationsRequest, callback: grpc.requestCallback<_medgrade_v1_CitationCheck__Output>): grpc.ClientUnaryCall;
  /**
   * Checks every citation of a report against the rubric and the transcript.
   */
  validateCitations(argument: _medgrade_v1_ValidateCitationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_CitationCheck__Output>): grpc.ClientUnaryCall;
  validateCitations(argument: _medgrade_v1_ValidateCitationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_CitationCheck__Output>): grpc.ClientUnaryCall;
  validateCitations(argument: _medgrade_v1_ValidateCitationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_CitationCheck__Output>): grpc.ClientUnaryCall;
  validateCitations(argument: _medgrade_v1_ValidateCitationsRequest, callback: grpc.requestCallback<_medgrade_v1_CitationCheck__Output>): grpc.ClientUnaryCall;
  
}

export interface FeedbackServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Writes feedback in the requested style; every item cites the rubric (and the student where it can).
   */
  Compose: grpc.handleUnaryCall<_medgrade_v1_ComposeRequest__Output, _medgrade_v1_Feedback>;
  
  /**
   * Checks every citation of a report against the rubric and the transcript.
   */
  ValidateCitations: grpc.handleUnaryCall<_medgrade_v1_ValidateCitationsRequest__Output, _medgrade_v1_CitationCheck>;
  
}

export interface FeedbackServiceDefinition extends grpc.ServiceDefinition {
  Compose: MethodDefinition<_medgrade_v1_ComposeRequest, _medgrade_v1_Feedback, _medgrade_v1_ComposeRequest__Output, _medgrade_v1_Feedback__Output>
  ValidateCitations: MethodDefinition<_medgrade_v1_ValidateCitationsRequest, _medgrade_v1_CitationCheck, _medgrade_v1_ValidateCitationsRequest__Output, _medgrade_v1_CitationCheck__Output>
}
