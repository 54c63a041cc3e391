// Original file: proto/medgrade/v1/rubric_store.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetRubricRequest as _medgrade_v1_GetRubricRequest, GetRubricRequest__Output as _medgrade_v1_GetRubricRequest__Output } from '../../medgrade/v1/GetRubricRequest';
import type { RubricRecord as _medgrade_v1_RubricRecord, RubricRecord__Output as _medgrade_v1_RubricRecord__Output } from '../../medgrade/v1/RubricRecord';

export interface RubricStoreServiceClient extends grpc.Client {
  GetRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  GetRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  GetRubric(argument: _medgrade_v1_GetRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  GetRubric(argument: _medgrade_v1_GetRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  getRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  getRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  getRubric(argument: _medgrade_v1_GetRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  getRubric(argument: _medgrade_v1_GetRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  
}

export interface RubricStoreServiceHandlers extends grpc.UntypedServiceImplementation {
  GetRubric: grpc.handleUnaryCall<_medgrade_v1_GetRubricRequest__Output, _medgrade_v1_RubricRecord>;
  
}

export interface RubricStoreServiceDefinition extends grpc.ServiceDefinition {
  GetRubric: MethodDefinition<_medgrade_v1_GetRubricRequest, _medgrade_v1_RubricRecord, _medgrade_v1_GetRubricRequest__Output, _medgrade_v1_RubricRecord__Output>
}
