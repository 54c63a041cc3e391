// Original file: proto/medgrade/v1/rubric_edit.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { PreviewEditRequest as _medgrade_v1_PreviewEditRequest, PreviewEditRequest__Output as _medgrade_v1_PreviewEditRequest__Output } from '../../medgrade/v1/PreviewEditRequest';
import type { PreviewEditResponse as _medgrade_v1_PreviewEditResponse, PreviewEditResponse__Output as _medgrade_v1_PreviewEditResponse__Output } from '../../medgrade/v1/PreviewEditResponse';

export interface RubricEditServiceClient extends grpc.Client {
  /**
   * Plans the edit without storing anything. An instruction that cannot be parsed, or that
   * names something the rubric lacks, fails with INVALID_ARGUMENT; the trailing metadata key
   * `medgrade-edit-rejection-bin` then carries an EditRejection.
   */
  Preview(argument: _medgrade_v1_PreviewEditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_PreviewEditResponse__Output>): grpc.ClientUnaryCall;
  Preview(argument: _medgrade_v1_PreviewEditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_PreviewEditResponse__Output>): grpc.ClientUnaryCall;
  Preview(argument: _medgrade_v1_PreviewEditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_PreviewEditResponse__Output>): grpc.ClientUnaryCall;
  Preview(argument: _medgrade_v1_PreviewEditRequest, callback: grpc.requestCallback<_medgrade_v1_PreviewEditResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Plans the edit without storing anything. An instruction that cannot be parsed, or that
   * names something the rubric lacks, fails with INVALID_ARGUMENT; the trailing metadata key
   * `medgrade-edit-rejection-bin` then carries an EditRejection.
   */
  preview(argument: _medgrade_v1_PreviewEditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_PreviewEditResponse__Output>): grpc.ClientUnaryCall;
  preview(argument: _medgrade_v1_PreviewEditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_PreviewEditResponse__Output>): grpc.ClientUnaryCall;
  preview(argument: _medgrade_v1_PreviewEditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_PreviewEditResponse__Output>): grpc.ClientUnaryCall;
  preview(argument: _medgrade_v1_PreviewEditRequest, callback: grpc.requestCallback<_medgrade_v1_PreviewEditResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface RubricEditServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Plans the edit without storing anything. An instruction that cannot be parsed, or that
   * names something the rubric lacks, fails with INVALID_ARGUMENT; the trailing metadata key
   * `medgrade-edit-rejection-bin` then carries an EditRejection.
   */
  Preview: grpc.handleUnaryCall<_medgrade_v1_PreviewEditRequest__Output, _medgrade_v1_PreviewEditResponse>;
  
}

export interface RubricEditServiceDefinition extends grpc.ServiceDefinition {
  Preview: MethodDefinition<_medgrade_v1_PreviewEditRequest, _medgrade_v1_PreviewEditResponse, _medgrade_v1_PreviewEditRequest__Output, _medgrade_v1_PreviewEditResponse__Output>
}
