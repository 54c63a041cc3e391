import { applyJsonPatch, JsonPatchError, type Rubric } from '@medgrade/core';
import type { RubricSummary, RubricVersion, RubricVersionInfo, TenantContext } from '@medgrade/data';
import { HttpProblem, notFound } from '../problem';
import { route, type RouteSpec } from '../http/route';
import {
  ArchiveQuery, CreatedRubric, EditPreview, EditPreviewRequest, IdParam, ListRubricsQuery, PatchRubricRequest, QaReport,
  Rubric as RubricSchema, RubricPage, RubricRecord, RubricVersionList, RubricVersionQuery,
  UpdateRubricRequest, ValidateRubricRequest, VersionParams,
} from '../schemas';
import { EditRejected } from '../upstream';
import type { GatewayDeps } from './deps';

// Versioned rubrics. Every edit (PUT with a whole rubric, PATCH with RFC 6902 operations)
// creates a new draft version and names the version it started from (`base_version`): when
// someone else created a newer version meanwhile, the edit is refused with 409 and nothing is
// written. Approval runs QA validation; approved versions never change again.

export function versionSummary(v: RubricVersionInfo & { body?: Rubric }) {
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
    latest_approved_version: s.latestApprovedVersion,
    archived: s.archived,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
  };
}

function patchProblem(err: JsonPatchError): HttpProblem {
  return new HttpProblem('patch-failed', err.message, { operation_index: err.index, reason: err.reason, path: err.path });
}

export function rubricRoutes({ data, upstream }: GatewayDeps): RouteSpec[] {
  async function headVersion(tenant: TenantContext, rubricId: string): Promise<RubricVersion> {
    const versions = await data.rubrics.listVersions(tenant, rubricId);
    const head = versions?.[0];
    const found = head ? await data.rubrics.get(tenant, rubricId, head.version) : null;
    if (!found) throw notFound('rubric');
    return found;
  }

  async function versionOrHead(tenant: TenantContext, rubricId: string, version?: string): Promise<RubricVersion> {
    if (!version) return headVersion(tenant, rubricId);
    const found = await data.rubrics.get(tenant, rubricId, version);
    if (!found) throw notFound(`rubric ${rubricId} version ${version}`);
    return found;
  }

  const bodyOf = (version: RubricVersion): Record<string, unknown> => version.body as unknown as Record<string, unknown>;

  return [
    route({
      method: 'get', path: '/rubrics', operationId: 'listRubrics', tag: 'rubrics', permission: 'rubrics.read',
      summary: 'Rubrics of your institution, by rubric id',
      query: ListRubricsQuery,
      responses: { 200: { description: 'One page of rubrics', schema: RubricPage } },
      problems: ['bad-request'],
      async handler({ query, caller }) {
        const page = await data.rubrics.list(caller.tenant, { cursor: query.cursor, limit: query.limit, includeArchived: query.include_archived === 'true' });
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
        const stored = await data.rubrics.create(caller.tenant, body as Rubric);
        const qa = await upstream.validateRubric(stored.body, { requestId, tenant: caller.tenant });
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
        return { body: await upstream.validateRubric(body, { requestId, tenant: caller.tenant }) };
      },
    }),
    route({
      method: 'get', path: '/rubrics/{id}', operationId: 'getRubric', tag: 'rubrics', permission: 'rubrics.read',
      summary: 'One rubric version: the latest approved, or ?version=',
      params: IdParam,
      query: RubricVersionQuery,
      responses: { 200: { description: 'The version with its rubric JSON', schema: RubricRecord } },
      problems: ['not-found'],
      async handler({ params, query, caller }) {
        const found = await data.rubrics.get(caller.tenant, params.id, query.version);
        if (!found) throw notFound(query.version ? `rubric ${params.id} version ${query.version}` : `approved version of rubric ${params.id}`);
        return { body: record(found) };
      },
    }),
    route({
      method: 'get', path: '/rubrics/{id}/versions', operationId: 'listRubricVersions', tag: 'rubrics', permission: 'rubrics.read',
      summary: 'Every version of a rubric, newest first',
      params: IdParam,
      responses: { 200: { description: 'Versions', schema: RubricVersionList } },
      problems: ['not-found'],
      async handler({ params, caller }) {
        const versions = await data.rubrics.listVersions(caller.tenant, params.id);
        if (!versions) throw notFound('rubric');
        return { body: { items: versions.map((v) => versionSummary(v)) } };
      },
    }),
    route({
      method: 'put', path: '/rubrics/{id}', operationId: 'replaceRubric', tag: 'rubrics', permission: 'rubrics.write',
      summary: 'New draft version from a whole rubric',
      params: IdParam,
      body: UpdateRubricRequest,
      responses: { 201: { description: 'New draft version', schema: RubricRecord } },
      problems: ['not-found', 'stale-version', 'conflict'],
      async handler({ params, body, caller }) {
        const stored = await data.rubrics.update(caller.tenant, params.id, body.base_version, body.rubric as Rubric);
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
      async handler({ params, body, caller }) {
        const base = await versionOrHead(caller.tenant, params.id, body.base_version);
        let patched: unknown;
        try {
          patched = applyJsonPatch(bodyOf(base), body.operations);
        } catch (err) {
          if (err instanceof JsonPatchError) throw patchProblem(err);
          throw err;
        }
        const checked = RubricSchema.safeParse(patched);
        if (!checked.success) {
          throw new HttpProblem('patch-failed', `the patched rubric is malformed: ${checked.error.issues.map((i) => `/${i.path.join('/')} ${i.message}`).join('; ')}`);
        }
        const stored = await data.rubrics.update(caller.tenant, params.id, body.base_version, patched as Rubric);
        return { status: 201, body: record(stored) };
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
        const draft = await versionOrHead(caller.tenant, params.id, params.version);
        const qa = await upstream.validateRubric(draft.body, { requestId, tenant: caller.tenant });
        if (!qa.valid) throw new HttpProblem('rubric-invalid', `rubric ${params.id} ${params.version} failed QA validation`, { qa });
        const approved = await data.rubrics.approve(caller.tenant, params.id, params.version, qa);
        await data.rubricCache.invalidate(caller.institutionId, params.id, [params.version]);
        return { body: record(approved) };
      },
    }),
    route({
      method: 'post', path: '/rubrics/{id}/archive', operationId: 'archiveRubric', tag: 'rubrics', permission: 'rubrics.write',
      summary: 'Archive a rubric (every version) or one version',
      params: IdParam,
      query: ArchiveQuery,
      responses: { 200: { description: 'The archived versions', schema: RubricVersionList } },
      problems: ['not-found', 'conflict'],
      async handler({ params, query, caller }) {
        const archived = await data.rubrics.archive(caller.tenant, params.id, query.version);
        await data.rubricCache.invalidate(caller.institutionId, params.id, archived.map((v) => v.version));
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
        const base = await versionOrHead(caller.tenant, params.id, body.version);
        try {
          const preview = await upstream.previewEdit(base.body, body.instruction, { requestId, tenant: caller.tenant });
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
