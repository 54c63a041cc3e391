// Versioned rubrics. A rubric (institution + rubric_id) has versions; every edit adds a
// new draft version whose number is a minor bump of the head, so the version string
// doubles as the optimistic-concurrency token: an edit names the head it started from
// and loses (stale_version) if someone else moved the head meanwhile. Approved versions
// are never rewritten; they can only be archived.
import type { Kysely, Selectable } from 'kysely';
import type { QaReport, Rubric } from '@medgrade/core';
import type { RubricRepository } from '../api';
import { DataError } from '../errors';
import type { Database, RubricVersionsTable, RubricsTable } from '../db/schema';
import { withTenant, type Tx } from '../db/tenant';
import type { RubricStatus, RubricSummary, RubricVersion, RubricVersionInfo, TenantContext } from '../types';
import {
  checkContext, containsPattern, decodeCursor, encodeCursor, isCheckViolation, isUniqueViolation, now, pageLimit, writeAudit,
} from './common';

export interface Semver { major: number; minor: number; patch: number }

const SEMVER = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;

export function parseSemver(version: unknown): Semver | null {
  const match = typeof version === 'string' ? SEMVER.exec(version) : null;
  return match ? { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]) } : null;
}

export function nextMinor(version: string): string {
  const parsed = parseSemver(version);
  if (!parsed) throw new DataError('invalid_input', `"${version}" is not a semantic version (major.minor.patch)`);
  return `${parsed.major}.${parsed.minor + 1}.0`;
}

const RUBRIC_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

function checkBody(body: unknown, rubricId?: string): asserts body is Rubric {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DataError('invalid_input', 'a rubric must be a JSON object');
  }
  const id = (body as { rubric_id?: unknown }).rubric_id;
  if (rubricId !== undefined) {
    if (id !== undefined && id !== rubricId) throw new DataError('invalid_input', `rubric_id "${String(id)}" does not match the rubric being edited ("${rubricId}")`);
    return;
  }
  if (typeof id !== 'string' || !RUBRIC_ID.test(id)) {
    throw new DataError('invalid_input', 'rubric_id must be 1-128 letters, digits, "_", "." or "-", starting with a letter or digit');
  }
}

function titleOf(body: Rubric): string | null {
  return typeof body.title === 'string' ? body.title : null;
}

type VersionRow = Selectable<RubricVersionsTable>;

function toInfo(row: VersionRow): RubricVersionInfo {
  return {
    rubricId: row.rubric_id,
    version: row.version,
    status: row.status,
    qaReport: row.qa_report,
    createdBy: row.created_by,
    approvedBy: row.approved_by,
    createdAt: row.created_at,
    approvedAt: row.approved_at,
    archivedAt: row.archived_at,
  };
}

/** The stored body always states its own id, version and status. */
function toVersion(row: VersionRow): RubricVersion {
  return { ...toInfo(row), body: { ...row.body, rubric_id: row.rubric_id, version: row.version, status: row.status } };
}

function toSummary(row: Selectable<RubricsTable> & { head_status: RubricStatus }): RubricSummary {
  return {
    rubricId: row.rubric_id,
    title: row.title,
    headVersion: row.head_version,
    headStatus: row.head_status,
    latestApprovedVersion: row.latest_approved_version,
    archived: row.archived_at !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function insertVersion(trx: Tx, ctx: TenantContext, rubricId: string, version: string, body: Rubric): Promise<VersionRow> {
  const semver = parseSemver(version);
  if (!semver) throw new DataError('invalid_input', `"${version}" is not a semantic version (major.minor.patch)`);
  const { status: _ignored, ...stored } = body;
  return trx.insertInto('rubric_versions').values({
    institution_id: ctx.institutionId,
    rubric_id: rubricId,
    version,
    ...semver,
    status: 'draft',
    body: JSON.stringify({ ...stored, rubric_id: rubricId, version }),
    qa_report: null,
    created_by: ctx.userId,
  }).returningAll().executeTakeFirstOrThrow();
}

/** Locks the rubric row for the rest of the transaction; edits of one rubric take turns. */
async function lockRubric(trx: Tx, ctx: TenantContext, rubricId: string): Promise<Selectable<RubricsTable>> {
  const row = await trx.selectFrom('rubrics').selectAll()
    .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).forUpdate().executeTakeFirst();
  if (!row) throw new DataError('not_found', `rubric "${rubricId}" not found`);
  return row;
}

/** Recomputes the highest approved version after an approval or archive. */
async function refreshLatestApproved(trx: Tx, ctx: TenantContext, rubricId: string): Promise<void> {
  const latest = await trx.selectFrom('rubric_versions').select('version')
    .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).where('status', '=', 'approved')
    .orderBy('major', 'desc').orderBy('minor', 'desc').orderBy('patch', 'desc').limit(1).executeTakeFirst();
  await trx.updateTable('rubrics').set({ latest_approved_version: latest?.version ?? null, updated_at: now })
    .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).execute();
}

export function rubricRepository(db: Kysely<Database>): RubricRepository {
  return {
    async create(ctx, body) {
      checkContext(ctx);
      checkBody(body);
      const version = parseSemver(body.version) ? body.version : '1.0.0';
      try {
        return await withTenant(db, ctx, async (trx) => {
          await trx.insertInto('rubrics').values({
            institution_id: ctx.institutionId,
            rubric_id: body.rubric_id,
            title: titleOf(body),
            head_version: version,
            created_by: ctx.userId,
          }).execute();
          const row = await insertVersion(trx, ctx, body.rubric_id, version, body);
          await writeAudit(trx, ctx, { action: 'rubric.create', resourceType: 'rubric', resourceId: body.rubric_id, details: { version } });
          return toVersion(row);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new DataError('conflict', `rubric "${body.rubric_id}" already exists`);
        if (isCheckViolation(err)) throw new DataError('invalid_input', 'rubric id or version is malformed');
        throw err;
      }
    },

    async get(ctx, rubricId, version) {
      checkContext(ctx);
      return withTenant(db, ctx, async (trx) => {
        let wanted = version || null;
        if (!wanted) {
          const rubric = await trx.selectFrom('rubrics').select('latest_approved_version')
            .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).executeTakeFirst();
          wanted = rubric?.latest_approved_version ?? null;
          if (!wanted) return null;
        }
        const row = await trx.selectFrom('rubric_versions').selectAll()
          .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).where('version', '=', wanted)
          .executeTakeFirst();
        return row ? toVersion(row) : null;
      });
    },

    async list(ctx, page = {}) {
      checkContext(ctx);
      const limit = pageLimit(page.limit);
      const after = decodeCursor(page.cursor);
      const search = page.q?.trim();
      const rows = await withTenant(db, ctx, (trx) => {
        let query = trx.selectFrom('rubrics as r')
          .innerJoin('rubric_versions as hv', (join) => join.onRef('hv.institution_id', '=', 'r.institution_id')
            .onRef('hv.rubric_id', '=', 'r.rubric_id').onRef('hv.version', '=', 'r.head_version'))
          .selectAll('r').select('hv.status as head_status')
          .where('r.institution_id', '=', ctx.institutionId);
        // Asking for archived rubrics includes them, whatever includeArchived says.
        if (!page.includeArchived && page.status !== 'archived') query = query.where('r.archived_at', 'is', null);
        if (page.status) query = query.where('hv.status', '=', page.status);
        if (search) {
          const pattern = containsPattern(search);
          query = query.where((eb) => eb.or([eb('r.rubric_id', 'ilike', pattern), eb('r.title', 'ilike', pattern)]));
        }
        if (after) query = query.where('r.rubric_id', '>', after);
        return query.orderBy('r.rubric_id').limit(limit + 1).execute();
      });
      const items = rows.slice(0, limit).map(toSummary);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.rubricId) : null };
    },

    async listVersions(ctx, rubricId) {
      checkContext(ctx);
      return withTenant(db, ctx, async (trx) => {
        const exists = await trx.selectFrom('rubrics').select('id')
          .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).executeTakeFirst();
        if (!exists) return null;
        const rows = await trx.selectFrom('rubric_versions').selectAll()
          .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId)
          .orderBy('major', 'desc').orderBy('minor', 'desc').orderBy('patch', 'desc').execute();
        return rows.map(toInfo);
      });
    },

    async update(ctx, rubricId, baseVersion, body) {
      checkContext(ctx);
      checkBody(body, rubricId);
      const version = nextMinor(baseVersion);
      return withTenant(db, ctx, async (trx) => {
        const rubric = await lockRubric(trx, ctx, rubricId);
        if (rubric.archived_at) throw new DataError('invalid_state', `rubric "${rubricId}" is archived`);
        if (rubric.head_version !== baseVersion) {
          throw new DataError('stale_version', `rubric "${rubricId}" is at version ${rubric.head_version}, not ${baseVersion}; reload and edit again`);
        }
        const taken = await trx.selectFrom('rubric_versions').select('version')
          .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).where('version', '=', version).executeTakeFirst();
        if (taken) throw new DataError('conflict', `rubric "${rubricId}" already has a version ${version}`);
        const row = await insertVersion(trx, ctx, rubricId, version, body);
        await trx.updateTable('rubrics').set({ head_version: version, title: titleOf(body) ?? rubric.title, updated_at: now })
          .where('id', '=', rubric.id).execute();
        await writeAudit(trx, ctx, { action: 'rubric.update', resourceType: 'rubric', resourceId: rubricId, details: { base_version: baseVersion, version } });
        return toVersion(row);
      });
    },

    async approve(ctx, rubricId, version, qa: QaReport) {
      checkContext(ctx);
      if (!qa.valid) throw new DataError('qa_failed', `rubric "${rubricId}" version ${version} fails QA validation`, qa);
      return withTenant(db, ctx, async (trx) => {
        const rubric = await lockRubric(trx, ctx, rubricId);
        if (rubric.archived_at) throw new DataError('invalid_state', `rubric "${rubricId}" is archived`);
        const current = await trx.selectFrom('rubric_versions').select('status')
          .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).where('version', '=', version).executeTakeFirst();
        if (!current) throw new DataError('not_found', `rubric "${rubricId}" has no version ${version}`);
        if (current.status !== 'draft') throw new DataError('invalid_state', `version ${version} is ${current.status}; only drafts can be approved`);
        const row = await trx.updateTable('rubric_versions')
          .set({ status: 'approved', approved_by: ctx.userId, approved_at: now, qa_report: JSON.stringify(qa) })
          .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).where('version', '=', version)
          .returningAll().executeTakeFirstOrThrow();
        await refreshLatestApproved(trx, ctx, rubricId);
        await writeAudit(trx, ctx, { action: 'rubric.approve', resourceType: 'rubric', resourceId: rubricId, details: { version, warnings: qa.warnings.length } });
        return toVersion(row);
      });
    },

    async archive(ctx, rubricId, version) {
      checkContext(ctx);
      return withTenant(db, ctx, async (trx) => {
        const rubric = await lockRubric(trx, ctx, rubricId);
        let query = trx.updateTable('rubric_versions').set({ status: 'archived', archived_at: now })
          .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).where('status', '<>', 'archived');
        if (version) {
          const exists = await trx.selectFrom('rubric_versions').select('status')
            .where('institution_id', '=', ctx.institutionId).where('rubric_id', '=', rubricId).where('version', '=', version).executeTakeFirst();
          if (!exists) throw new DataError('not_found', `rubric "${rubricId}" has no version ${version}`);
          query = query.where('version', '=', version);
        } else {
          await trx.updateTable('rubrics').set({ archived_at: now }).where('id', '=', rubric.id).execute();
        }
        const rows = await query.returningAll().execute();
        await refreshLatestApproved(trx, ctx, rubricId);
        await writeAudit(trx, ctx, {
          action: 'rubric.archive', resourceType: 'rubric', resourceId: rubricId,
          details: { version: version || null, versions: rows.map((row) => row.version) },
        });
        return rows.map(toInfo);
      });
    },
  };
}
