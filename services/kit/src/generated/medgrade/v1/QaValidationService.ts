// Original file: proto/medgrade/v1/qa_validation.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { QaReport as _medgrade_v1_QaReport, QaReport__Output as _medgrade_v1_QaReport__Output } from '../../medgrade/v1/QaReport';
import type { ValidateRubricRequest as _medgrade_v1_ValidateRubricRequest, ValidateRubricRequest__Output as _medgrade_v1_ValidateRubricRequest__Output } from '../../medgrade/v1/ValidateRubricRequest';

export interface QaValidationServiceClient extends grpc.Client {
  /**
   * Errors and warnings, each with a JSON Pointer into the rubric.
   */
  Validate(argument: _medgrade_v1_ValidateRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_QaReport__Output>): grpc.ClientUnaryCall;
  Validate(argument: _medgrade_v1_ValidateRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_QaReport__Output>): grpc.ClientUnaryCall;
  Validate(argument: _medgrade_v1_ValidateRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_QaReport__Output>): grpc.ClientUnaryCall;
  Validate(argument: _medgrade_v1_ValidateRubricRequest, callback: grpc.requestCallback<_medgrade_v1_QaReport__Output>): grpc.ClientUnaryCall;
  /**
   * Errors and warnings, each with a JSON Pointer into the rubric.
   */
  validate(argument: _medgrade_v1_ValidateRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_QaReport__Output>): grpc.ClientUnaryCall;
  validate(argument: _medgrade_v1_ValidateRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_QaReport__Output>): grpc.ClientUnaryCall;
  validate(argument: _medgrade_v1_ValidateRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_QaReport__Output>): grpc.ClientUnaryCall;
  validate(argument: _medgrade_v1_ValidateRubricRequest, callback: grpc.requestCallback<_medgrade_v1_QaReport__Output>): grpc.ClientUnaryCall;
  
}

export interface QaValidationServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Errors and warnings, each with a JSON Pointer into the rubric.
   */
  Validate: grpc.handleUnaryCall<_medgrade_v1_ValidateRubricRequest__Output, _medgrade_v1_QaReport>;
  
}

export interface QaValidationServiceDefinition extends grpc.ServiceDefinition {
  Validate: MethodDefinition<_medgrade_v1_ValidateRubricRequest, _medgrade_v1_QaReport, _medgrade_v1_ValidateRubricRequest__Output, _medgrade_v1_QaReport__Output>
}
