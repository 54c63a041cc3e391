// Original file: proto/medgrade/v1/rubric_store.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApproveRubricRequest as _medgrade_v1_ApproveRubricRequest, ApproveRubricRequest__Output as _medgrade_v1_ApproveRubricRequest__Output } from '../../medgrade/v1/ApproveRubricRequest';
import type { ArchiveRubricRequest as _medgrade_v1_ArchiveRubricRequest, ArchiveRubricRequest__Output as _medgrade_v1_ArchiveRubricRequest__Output } from '../../medgrade/v1/ArchiveRubricRequest';
import type { ArchiveRubricResponse as _medgrade_v1_ArchiveRubricResponse, ArchiveRubricResponse__Output as _medgrade_v1_ArchiveRubricResponse__Output } from '../../medgrade/v1/ArchiveRubricResponse';
import type { CreateRubricRequest as _medgrade_v1_CreateRubricRequest, CreateRubricRequest__Output as _medgrade_v1_CreateRubricRequest__Output } from '../../medgrade/v1/CreateRubricRequest';
import type { GetRubricRequest as _medgrade_v1_GetRubricRequest, GetRubricRequest__Output as _medgrade_v1_GetRubricRequest__Output } from '../../medgrade/v1/GetRubricRequest';
import type { ListRubricsRequest as _medgrade_v1_ListRubricsRequest, ListRubricsRequest__Output as _medgrade_v1_ListRubricsRequest__Output } from '../../medgrade/v1/ListRubricsRequest';
import type { ListRubricsResponse as _medgrade_v1_ListRubricsResponse, ListRubricsResponse__Output as _medgrade_v1_ListRubricsResponse__Output } from '../../medgrade/v1/ListRubricsResponse';
import type { ListVersionsRequest as _medgrade_v1_ListVersionsRequest, ListVersionsRequest__Output as _medgrade_v1_ListVersionsRequest__Output } from '../../medgrade/v1/ListVersionsRequest';
import type { ListVersionsResponse as _medgrade_v1_ListVersionsResponse, ListVersionsResponse__Output as _medgrade_v1_ListVersionsResponse__Output } from '../../medgrade/v1/ListVersionsResponse';
import type { PatchRubricRequest as _medgrade_v1_PatchRubricRequest, PatchRubricRequest__Output as _medgrade_v1_PatchRubricRequest__Output } from '../../medgrade/v1/PatchRubricRequest';
import type { ResolvedRubric as _medgrade_v1_ResolvedRubric, ResolvedRubric__Output as _medgrade_v1_ResolvedRubric__Output } from '../../medgrade/v1/ResolvedRubric';
import type { RubricRecord as _medgrade_v1_RubricRecord, RubricRecord__Output as _medgrade_v1_RubricRecord__Output } from '../../medgrade/v1/RubricRecord';
import type { UpdateRubricRequest as _medgrade_v1_UpdateRubricRequest, UpdateRubricRequest__Output as _medgrade_v1_UpdateRubricRequest__Output } from '../../medgrade/v1/UpdateRubricRequest';

export interface RubricStoreServiceClient extends grpc.Client {
  /**
   * Runs QA validation; a passing draft becomes approved (and immutable).
   */
  ApproveRubric(argument: _medgrade_v1_ApproveRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  ApproveRubric(argument: _medgrade_v1_ApproveRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  ApproveRubric(argument: _medgrade_v1_ApproveRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  ApproveRubric(argument: _medgrade_v1_ApproveRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Runs QA validation; a passing draft becomes approved (and immutable).
   */
  approveRubric(argument: _medgrade_v1_ApproveRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  approveRubric(argument: _medgrade_v1_ApproveRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  approveRubric(argument: _medgrade_v1_ApproveRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  approveRubric(argument: _medgrade_v1_ApproveRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * Archives one version, or the whole rubric when version is empty.
   */
  ArchiveRubric(argument: _medgrade_v1_ArchiveRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ArchiveRubricResponse__Output>): grpc.ClientUnaryCall;
  ArchiveRubric(argument: _medgrade_v1_ArchiveRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ArchiveRubricResponse__Output>): grpc.ClientUnaryCall;
  ArchiveRubric(argument: _medgrade_v1_ArchiveRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ArchiveRubricResponse__Output>): grpc.ClientUnaryCall;
  ArchiveRubric(argument: _medgrade_v1_ArchiveRubricRequest, callback: grpc.requestCallback<_medgrade_v1_ArchiveRubricResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Archives one version, or the whole rubric when version is empty.
   */
  archiveRubric(argument: _medgrade_v1_ArchiveRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ArchiveRubricResponse__Output>): grpc.ClientUnaryCall;
  archiveRubric(argument: _medgrade_v1_ArchiveRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ArchiveRubricResponse__Output>): grpc.ClientUnaryCall;
  archiveRubric(argument: _medgrade_v1_ArchiveRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ArchiveRubricResponse__Output>): grpc.ClientUnaryCall;
  archiveRubric(argument: _medgrade_v1_ArchiveRubricRequest, callback: grpc.requestCallback<_medgrade_v1_ArchiveRubricResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Stores a rubric JSON (the reference format, accepted unchanged) as a draft. Its version
   * is kept when it is semver, otherwise 1.0.0.
   */
  CreateRubric(argument: _medgrade_v1_CreateRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  CreateRubric(argument: _medgrade_v1_CreateRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  CreateRubric(argument: _medgrade_v1_CreateRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  CreateRubric(argument: _medgrade_v1_CreateRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Stores a rubric JSON (the reference format, accepted unchanged) as a draft. Its version
   * is kept when it is semver, otherwise 1.0.0.
   */
  createRubric(argument: _medgrade_v1_CreateRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  createRubric(argument: _medgrade_v1_CreateRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  createRubric(argument: _medgrade_v1_CreateRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  createRubric(argument: _medgrade_v1_CreateRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * One version: the given one (any status), or the latest approved when version is empty.
   */
  GetRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  GetRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  GetRubric(argument: _medgrade_v1_GetRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  GetRubric(argument: _medgrade_v1_GetRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  /**
   * One version: the given one (any status), or the latest approved when version is empty.
   */
  getRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  getRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  getRubric(argument: _medgrade_v1_GetRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  getRubric(argument: _medgrade_v1_GetRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  
  ListRubrics(argument: _medgrade_v1_ListRubricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ListRubricsResponse__Output>): grpc.ClientUnaryCall;
  ListRubrics(argument: _medgrade_v1_ListRubricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ListRubricsResponse__Output>): grpc.ClientUnaryCall;
  ListRubrics(argument: _medgrade_v1_ListRubricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ListRubricsResponse__Output>): grpc.ClientUnaryCall;
  ListRubrics(argument: _medgrade_v1_ListRubricsRequest, callback: grpc.requestCallback<_medgrade_v1_ListRubricsResponse__Output>): grpc.ClientUnaryCall;
  listRubrics(argument: _medgrade_v1_ListRubricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ListRubricsResponse__Output>): grpc.ClientUnaryCall;
  listRubrics(argument: _medgrade_v1_ListRubricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ListRubricsResponse__Output>): grpc.ClientUnaryCall;
  listRubrics(argument: _medgrade_v1_ListRubricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ListRubricsResponse__Output>): grpc.ClientUnaryCall;
  listRubrics(argument: _medgrade_v1_ListRubricsRequest, callback: grpc.requestCallback<_medgrade_v1_ListRubricsResponse__Output>): grpc.ClientUnaryCall;
  
  ListVersions(argument: _medgrade_v1_ListVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  ListVersions(argument: _medgrade_v1_ListVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  ListVersions(argument: _medgrade_v1_ListVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  ListVersions(argument: _medgrade_v1_ListVersionsRequest, callback: grpc.requestCallback<_medgrade_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  listVersions(argument: _medgrade_v1_ListVersionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  listVersions(argument: _medgrade_v1_ListVersionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  listVersions(argument: _medgrade_v1_ListVersionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  listVersions(argument: _medgrade_v1_ListVersionsRequest, callback: grpc.requestCallback<_medgrade_v1_ListVersionsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Applies an RFC 6902 patch to base_version (all or nothing) and stores the result as
   * a new draft version, like UpdateRubric. A result that is no longer rubric-shaped
   * (wrong types, missing fields) is refused and nothing is stored.
   */
  PatchRubric(argument: _medgrade_v1_PatchRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  PatchRubric(argument: _medgrade_v1_PatchRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  PatchRubric(argument: _medgrade_v1_PatchRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  PatchRubric(argument: _medgrade_v1_PatchRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Applies an RFC 6902 patch to base_version (all or nothing) and stores the result as
   * a new draft version, like UpdateRubric. A result that is no longer rubric-shaped
   * (wrong types, missing fields) is refused and nothing is stored.
   */
  patchRubric(argument: _medgrade_v1_PatchRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  patchRubric(argument: _medgrade_v1_PatchRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  patchRubric(argument: _medgrade_v1_PatchRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  patchRubric(argument: _medgrade_v1_PatchRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * Which version GetRubric would answer, without its body: what a grading needs to name it.
   */
  ResolveRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ResolvedRubric__Output>): grpc.ClientUnaryCall;
  ResolveRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ResolvedRubric__Output>): grpc.ClientUnaryCall;
  ResolveRubric(argument: _medgrade_v1_GetRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ResolvedRubric__Output>): grpc.ClientUnaryCall;
  ResolveRubric(argument: _medgrade_v1_GetRubricRequest, callback: grpc.requestCallback<_medgrade_v1_ResolvedRubric__Output>): grpc.ClientUnaryCall;
  /**
   * Which version GetRubric would answer, without its body: what a grading needs to name it.
   */
  resolveRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ResolvedRubric__Output>): grpc.ClientUnaryCall;
  resolveRubric(argument: _medgrade_v1_GetRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_ResolvedRubric__Output>): grpc.ClientUnaryCall;
  resolveRubric(argument: _medgrade_v1_GetRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_ResolvedRubric__Output>): grpc.ClientUnaryCall;
  resolveRubric(argument: _medgrade_v1_GetRubricRequest, callback: grpc.requestCallback<_medgrade_v1_ResolvedRubric__Output>): grpc.ClientUnaryCall;
  
  /**
   * Replaces the body: a new draft version, minor bump of base_version, which must be the head.
   */
  UpdateRubric(argument: _medgrade_v1_UpdateRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  UpdateRubric(argument: _medgrade_v1_UpdateRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  UpdateRubric(argument: _medgrade_v1_UpdateRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  UpdateRubric(argument: _medgrade_v1_UpdateRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Replaces the body: a new draft version, minor bump of base_version, which must be the head.
   */
  updateRubric(argument: _medgrade_v1_UpdateRubricRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  updateRubric(argument: _medgrade_v1_UpdateRubricRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  updateRubric(argument: _medgrade_v1_UpdateRubricRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  updateRubric(argument: _medgrade_v1_UpdateRubricRequest, callback: grpc.requestCallback<_medgrade_v1_RubricRecord__Output>): grpc.ClientUnaryCall;
  
}

export interface RubricStoreServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Runs QA validation; a passing draft becomes approved (and immutable).
   */
  ApproveRubric: grpc.handleUnaryCall<_medgrade_v1_ApproveRubricRequest__Output, _medgrade_v1_RubricRecord>;
  
  /**
   * Archives one version, or the whole rubric when version is empty.
   */
  ArchiveRubric: grpc.handleUnaryCall<_medgrade_v1_ArchiveRubricRequest__Output, _medgrade_v1_ArchiveRubricResponse>;
  
  /**
   * Stores a rubric JSON (the reference format, accepted unchanged) as a draft. Its version
   * is kept when it is semver, otherwise 1.0.0.
   */
  CreateRubric: grpc.handleUnaryCall<_medgrade_v1_CreateRubricRequest__Output, _medgrade_v1_RubricRecord>;
  
  /**
   * One version: the given one (any status), or the latest approved when version is empty.
   */
  GetRubric: grpc.handleUnaryCall<_medgrade_v1_GetRubricRequest__Output, _medgrade_v1_RubricRecord>;
  
  ListRubrics: grpc.handleUnaryCall<_medgrade_v1_ListRubricsRequest__Output, _medgrade_v1_ListRubricsResponse>;
  
  ListVersions: grpc.handleUnaryCall<_medgrade_v1_ListVersionsRequest__Output, _medgrade_v1_ListVersionsResponse>;
  
  /**
   * Applies an RFC 6902 patch to base_version (all or nothing) and stores the result as
   * a new draft version, like UpdateRubric. A result that is no longer rubric-shaped
   * (wrong types, missing fields) is refused and nothing is stored.
   */
  PatchRubric: grpc.handleUnaryCall<_medgrade_v1_PatchRubricRequest__Output, _medgrade_v1_RubricRecord>;
  
  /**
   * Which version GetRubric would answer, without its body: what a grading needs to name it.
   */
  ResolveRubric: grpc.handleUnaryCall<_medgrade_v1_GetRubricRequest__Output, _medgrade_v1_ResolvedRubric>;
  
  /**
   * Replaces the body: a new draft version, minor bump of base_version, which must be the head.
   */
  UpdateRubric: grpc.handleUnaryCall<_medgrade_v1_UpdateRubricRequest__Output, _medgrade_v1_RubricRecord>;
  
}

export interface RubricStoreServiceDefinition extends grpc.ServiceDefinition {
  ApproveRubric: MethodDefinition<_medgrade_v1_ApproveRubricRequest, _medgrade_v1_RubricRecord, _medgrade_v1_ApproveRubricRequest__Output, _medgrade_v1_RubricRecord__Output>
  ArchiveRubric: MethodDefinition<_medgrade_v1_ArchiveRubricRequest, _medgrade_v1_ArchiveRubricResponse, _medgrade_v1_ArchiveRubricRequest__Output, _medgrade_v1_ArchiveRubricResponse__Output>
  CreateRubric: MethodDefinition<_medgrade_v1_CreateRubricRequest, _medgrade_v1_RubricRecord, _medgrade_v1_CreateRubricRequest__Output, _medgrade_v1_RubricRecord__Output>
  GetRubric: MethodDefinition<_medgrade_v1_GetRubricRequest, _medgrade_v1_RubricRecord, _medgrade_v1_GetRubricRequest__Output, _medgrade_v1_RubricRecord__Output>
  ListRubrics: MethodDefinition<_medgrade_v1_ListRubricsRequest, _medgrade_v1_ListRubricsResponse, _medgrade_v1_ListRubricsRequest__Output, _medgrade_v1_ListRubricsResponse__Output>
  ListVersions: MethodDefinition<_medgrade_v1_ListVersionsRequest, _medgrade_v1_ListVersionsResponse, _medgrade_v1_ListVersionsRequest__Output, _medgrade_v1_ListVersionsResponse__Output>
  PatchRubric: MethodDefinition<_medgrade_v1_PatchRubricRequest, _medgrade_v1_RubricRecord, _medgrade_v1_PatchRubricRequest__Output, _medgrade_v1_RubricRecord__Output>
  ResolveRubric: MethodDefinition<_medgrade_v1_GetRubricRequest, _medgrade_v1_ResolvedRubric, _medgrade_v1_GetRubricRequest__Output, _medgrade_v1_ResolvedRubric__Output>
  UpdateRubric: MethodDefinition<_medgrade_v1_UpdateRubricRequest, _medgrade_v1_RubricRecord, _medgrade_v1_UpdateRubricRequest__Output, _medgrade_v1_RubricRecord__Output>
}
