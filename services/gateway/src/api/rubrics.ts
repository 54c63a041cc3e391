import { diffRubrics, rubricPatch, type Rubric } from '@medgrade/core';
import type { RubricSummary, RubricVersion } from '@medgrade/data';
import type { PatchFailure } from '@medgrade/kit';
import { notFoundAs, pointingAt } from '../http/errors';
import { HttpProblem, notFound } from '../problem';
import { route, type Caller, type RouteSpec } from '../http/route';
import {
  ArchiveQuery, CreatedRubric, EditPreview, EditPreviewRequest, IdParam, ListRubricsQuery, PatchRubricRequest, QaReport,
  Rubric as RubricSchema, RubricDiff, RubricDiffQuery, RubricPage, RubricRecord, RubricVersionList, RubricVersionQuery,
  UpdateRubricRequest, ValidateRubricRequest, VersionParams,
} from '../schemas';
import { EditRejected, PatchRefused, RubricQaFailed, type CallMeta, type StoredVersionInfo } from '../upstream';
import type { GatewayDeps } from './deps';

// Versioned rubrics, kept by the rubric store: these routes call it over gRPC, acting for the
// caller's institution and user, and render its answers. Every edit (PUT with a whole rubric,
// PATCH with RFC 6902 operations) creates a new draft version and names the version it
// started from (`base_version`): when someone else created a newer version meanwhile, the
// edit is refused with 409 and nothing is written. Approval runs QA validation; approved
// versions never change again.

function versionSummary(v: StoredVersionInfo & { body?: Rubric }) {
  return {
    rubric_id: v.rubricId,
    version: v.version,
    status: v.status,
    title: v.body?.title ?? null,
    created_by: v.createdBy,
    approved_by: v.approvedBy,
    created_at: v.createdAt.toISOString(),
    updated_at: (v.archivedAt ?? v.approvedAt ?? v.createdAt).toISOString(),
  };
}

function record(v: RubricVersion) {
  return { ...versionSummary(v), rubric: v.body, qa: v.qaReport };
}

function listItem(s: RubricSummary) {
  return {
    rubric_id: s.rubricId,
    title: s.title,
    head_version: s.headVersion,
    head_status: s.headStatus,
    latest_approved_version: s.latestApprovedVersion,
    archived: s.archived,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

function patchProblem({ message, operation_index, reason, path }: PatchFailure): HttpProblem {
  return new HttpProblem('patch-failed', message, operation_index === undefined ? {} : { operation_index, reason, path });
}

const actingFor = (caller: Caller, requestId: string): CallMeta => ({ requestId, tenant: caller.tenant });

export function rubricRoutes({ upstream }: GatewayDeps): RouteSpec[] {
  // Looked up per call: routeCatalog() builds these routes without dependencies.
  const store = () => upstream.rubrics;

  /** The given version, else the newest of any status (what an edit starts from). */
  async function versionOrHead(rubricId: string, version: string | undefined, meta: CallMeta): Promise<RubricVersion> {
    if (version) return notFoundAs(store().get(rubricId, version, meta), `rubric ${rubricId} version ${version}`);
    const [head] = await notFoundAs(store().listVersions(rubricId, meta), 'rubric');
    if (!head) throw notFound('rubric');
    return notFoundAs(store().get(rubricId, head.version, meta), 'rubric');
  }

  return [
    route({
      method: 'get', path: '/rubrics', operationId: 'listRubrics', tag: 'rubrics', permission: 'rubrics.read',
      summary: 'Rubrics of your institution, by rubric id',
      query: ListRubricsQuery,
      responses: { 200: { description: 'One page of rubrics', schema: RubricPage } },
      problems: ['bad-request'],
      async handler({ query, caller, requestId }) {
        const page = await store().list({
          cursor: query.cursor, limit: query.limit, includeArchived: query.include_archived === 'true', q: query.q, status: query.status,
        }, actingFor(caller, requestId));
        return { body: { items: page.items.map(listItem), next_cursor: page.nextCursor } };
      },
    }),
    route({
      method: 'post', path: '/rubrics', operationId: 'createRubric', tag: 'rubrics', permission: 'rubrics.write',
      summary: 'Store a rubric (its JSON as the body) as a draft',
      description: 'The version is taken from the JSON when it is a semantic version, else 1.0.0. The response carries the QA report so problems show before approval.',
      body: RubricSchema,
      responses: { 201: { description: 'Stored as draft', schema: CreatedRubric, headers: ['Location'] } },
      problems: ['conflict'],
      async handler({ body, caller, requestId }) {
        const stored = await pointingAt('/rubric_id', ['conflict'], store().create(body as Rubric, actingFor(caller, requestId)));
        const qa = await upstream.validateRubric(stored.body, actingFor(caller, requestId));
        return {
          status: 201,
          headers: { Location: `/api/v1/rubrics/${encodeURIComponent(stored.rubricId)}?version=${stored.version}` },
          body: { ...versionSummary(stored), qa },
        };
      },
    }),
    route({
      method: 'post', path: '/rubrics/validate', operationId: 'validateRubric', tag: 'rubrics', permission: 'rubrics.validate',
      summary: 'QA-validate a rubric without storing it',
      body: ValidateRubricRequest,
      responses: { 200: { description: 'QA report (valid or not)', schema: QaReport } },
      problems: [],
      async handler({ body, caller, requestId }) {
        return { body: await upstream.validateRubric(body, actingFor(caller, requestId)) };
      },
    }),
    route({
      method: 'get', path: '/rubrics/{id}', operationId: 'getRubric', tag: 'rubrics', permission: 'rubrics.read',
      summary: 'One rubric version: the latest approved, or ?version=',
      params: IdParam,
      query: RubricVersionQuery,
      responses: { 200: { description: 'The version with its rubric JSON', schema: RubricRecord } },
      problems: ['not-found'],
      async handler({ params, query, caller, requestId }) {
        const found = await notFoundAs(
          store().get(params.id, query.version, actingFor(caller, requestId)),
          query.version ? `rubric ${params.id} version ${query.version}` : `approved version of rubric ${params.id}`,
        );
        return { body: record(found) };
      },
    }),
    route({
      method: 'get', path: '/rubrics/{id}/versions', operationId: 'listRubricVersions', tag: 'rubrics', permission: 'rubrics.read',
      summary: 'Every version of a rubric, newest first',
      params: IdParam,
      responses: { 200: { description: 'Versions', schema: RubricVersionList } },
      problems: ['not-found'],
      async handler({ params, caller, requestId }) {
        const versions = await notFoundAs(store().listVersions(params.id, actingFor(caller, requestId)), 'rubric');
        return { body: { items: versions.map((v) => versionSummary(v)) } };
      },
    }),
    route({
      method: 'get', path: '/rubrics/{id}/diff', operationId: 'diffRubricVersions', tag: 'rubrics', permission: 'rubrics.read',
      summary: 'What changed between two versions of a rubric',
      description: '`changes` is the readable diff the edit preview shows (lists of items with ids aligned by id); '
        + '`operations` is an RFC 6902 patch that turns version `from` into version `to`.',
      params: IdParam,
      query: RubricDiffQuery,
      responses: { 200: { description: 'The diff', schema: RubricDiff } },
      problems: ['not-found', 'bad-request'],
      async handler({ params, query, caller, requestId }) {
        const meta = actingFor(caller, requestId);
        const [from, to] = await Promise.all([query.from, query.to].map((version) =>
          notFoundAs(store().get(params.id, version, meta), `rubric ${params.id} version ${version}`)));
        const before = (from as RubricVersion).body;
        const after = (to as RubricVersion).body;
        return {
          body: { rubric_id: params.id, from: query.from, to: query.to, operations: rubricPatch(before, after), changes: diffRubrics(before, after) },
        };
      },
    }),
    route({
      method: 'put', path: '/rubrics/{id}', operationId: 'replaceRubric', tag: 'rubrics', permission: 'rubrics.write',
      summary: 'New draft version from a whole rubric',
      params: IdParam,
      body: UpdateRubricRequest,
      responses: { 201: { description: 'New draft version', schema: RubricRecord } },
      problems: ['not-found', 'stale-version', 'conflict'],
      async handler({ params, body, caller, requestId }) {
        const stored = await store().update(params.id, body.base_version, body.rubric as Rubric, actingFor(caller, requestId));
        return { status: 201, body: record(stored) };
      },
    }),
    route({
      method: 'patch', path: '/rubrics/{id}', operationId: 'patchRubric', tag: 'rubrics', permission: 'rubrics.write',
      summary: 'New draft version from RFC 6902 JSON Patch operations applied to base_version',
      description: 'All or nothing: a bad pointer or a failed `test` operation answers 422 patch-failed and stores nothing.',
      params: IdParam,
      body: PatchRubricRequest,
      responses: { 201: { description: 'New draft version', schema: RubricRecord } },
      problems: ['not-found', 'stale-version', 'patch-failed', 'conflict'],
      async handler({ params, body, caller, requestId }) {
        try {
          const stored = await notFoundAs(
            store().patch(params.id, body.base_version, body.operations, actingFor(caller, requestId)),
            `rubric ${params.id} version ${body.base_version}`,
          );
          return { status: 201, body: record(stored) };
        } catch (err) {
          if (err instanceof PatchRefused) throw patchProblem(err.failure);
          throw err;
        }
      },
    }),
    route({
      method: 'post', path: '/rubrics/{id}/versions/{version}/approve', operationId: 'approveRubricVersion', tag: 'rubrics', permission: 'rubrics.approve',
      summary: 'Approve a draft version (runs QA validation first)',
      description: 'A rubric that fails QA is refused with 422 rubric-invalid and its report in `qa`.',
      params: VersionParams,
      responses: { 200: { description: 'Approved', schema: RubricRecord } },
      problems: ['not-found', 'rubric-invalid', 'conflict'],
      async handler({ params, caller, requestId }) {
        try {
          const approved = await notFoundAs(
            store().approve(params.id, params.version, actingFor(caller, requestId)),
            `rubric ${params.id} version ${params.version}`,
          );
          return { body: record(approved) };
        } catch (err) {
          if (err instanceof RubricQaFailed) throw new HttpProblem('rubric-invalid', `rubric ${params.id} ${params.version} failed QA validation`, { qa: err.report });
          throw err;
        }
      },
    }),
    route({
      method: 'post', path: '/rubrics/{id}/archive', operationId: 'archiveRubric', tag: 'rubrics', permission: 'rubrics.write',
      summary: 'Archive a rubric (every version) or one version',
      params: IdParam,
      query: ArchiveQuery,
      responses: { 200: { description: 'The archived versions', schema: RubricVersionList } },
      problems: ['not-found', 'conflict'],
      async handler({ params, query, caller, requestId }) {
        const archived = await store().archive(params.id, query.version, actingFor(caller, requestId));
        return { body: { items: archived.map((v) => versionSummary(v)) } };
      },
    }),
    route({
      method: 'post', path: '/rubrics/{id}/edits/preview', operationId: 'previewRubricEdit', tag: 'rubrics', permission: 'rubrics.validate',
      summary: 'Turn a natural-language instruction into a JSON Patch with a diff and QA report (stores nothing)',
      description: 'Apply the returned `patch` with PATCH /rubrics/{id} and `base_version`.',
      params: IdParam,
      body: EditPreviewRequest,
      responses: { 200: { description: 'Planned edit', schema: EditPreview } },
      problems: ['not-found', 'edit-not-understood'],
      async handler({ params, body, caller, requestId }) {
        const base = await versionOrHead(params.id, body.version, actingFor(caller, requestId));
        try {
          const preview = await upstream.previewEdit(base.body, body.instruction, actingFor(caller, requestId));
          return { body: { base_version: base.version, ...preview } };
        } catch (err) {
          if (err instanceof EditRejected) {
            throw new HttpProblem('edit-not-understood', err.message, { understood: err.understood, not_understood: err.notUnderstood });
          }
          throw err;
        }
      },
    }),
  ];
}
