// Original file: proto/medgrade/v1/transcript.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ParseRequest as _medgrade_v1_ParseRequest, ParseRequest__Output as _medgrade_v1_ParseRequest__Output } from '../../medgrade/v1/ParseRequest';
import type { ParseResponse as _medgrade_v1_ParseResponse, ParseResponse__Output as _medgrade_v1_ParseResponse__Output } from '../../medgrade/v1/ParseResponse';

export interface TranscriptServiceClient extends grpc.Client {
  /**
   * Parses the oral transcript into utterances and segments the student's lines into sections.
   */
  Parse(argument: _medgrade_v1_ParseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ParseResponse__Output>): grpc.ClientUnaryCall;
  Parse(argument: _medgrade_v1_ParseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ParseResponse__Output>): grpc.ClientUnaryCall;
  Parse(argument: _medgrade_v1_ParseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ParseResponse__Output>): grpc.ClientUnaryCall;
  Parse(argument: _medgrade_v1_ParseRequest, callback: grpc.requestCallback<_medgrade_v1_ParseResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Parses the oral transcript into utterances and segments the student's lines into sections.
   */
  parse(argument: _medgrade_v1_ParseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ParseResponse__Output>): grpc.ClientUnaryCall;
  parse(argument: _medgrade_v1_ParseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ParseResponse__Output>): grpc.ClientUnaryCall;
  parse(argument: _medgrade_v1_ParseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ParseResponse__Output>): grpc.ClientUnaryCall;
  parse(argument: _medgrade_v1_ParseRequest, callback: grpc.requestCallback<_medgrade_v1_ParseResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface TranscriptServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Parses the oral transcript into utterances and segments the student's lines into sections.
   */
  Parse: grpc.handleUnaryCall<_medgrade_v1_ParseRequest__Output, _medgrade_v1_ParseResponse>;
  
}

export interface TranscriptServiceDefinition extends grpc.ServiceDefinition {
  Parse: MethodDefinition<_medgrade_v1_ParseRequest, _medgrade_v1_ParseResponse, _medgrade_v1_ParseRequest__Output, _medgrade_v1_ParseResponse__Output>
}
