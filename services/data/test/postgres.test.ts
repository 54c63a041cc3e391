import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { GradingReport } from '@medgrade/core';
import {
  createDatabase, createScratchDatabase, isDataError, migrateToLatest, MIGRATIONS, openDataLayer, withTenant, type DataLayer, type ScratchDatabase,
} from '@medgrade/data';
import { createDatabase as createDb } from '../src/db/database';
import { TENANT_TABLES } from '../src/db/migrations/0001_initial';
import { fixtureRubric, openTestData, type TestData } from './support';

function report(overall: number): GradingReport {
  return {
    grading_id: 'engine-assigned',
    rubric_id: 'syncope_v1',
    rubric_version: '1.0.0',
    status: 'complete',
    graded_at: new Date().toISOString(),
    overall_score: overall,
    component_scores: { structure: 1, key_questions: overall, reasoning: 0.5, summary: 0.5, communication: 0 },
    details: { structure: null, key_questions: null, reasoning: null, summary: null },
    feedback: { overall_summary: 'ok', sections: [] },
    warnings: [],
  };
}

describe('data: migrations', function () {
  let scratch: ScratchDatabase;
  afterEach(async () => scratch?.drop());

  /** A scratch database used through a plain login that owns the tables (the managed-database setup). */
  async function asPlainLogin(prefix: string, run: (opened: { data: DataLayer; url: string; login: string }) => Promise<void>): Promise<void> {
    scratch = await createScratchDatabase();
    const login = `${prefix}_${randomBytes(4).toString('hex')}`;
    const admin = createDatabase({ databaseUrl: scratch.url, poolMax: 1 });
    await sql.raw(`CREATE ROLE ${login} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE; GRANT CREATE, USAGE ON SCHEMA public TO ${login}`).execute(admin.db);
    const url = new URL(scratch.url);
    url.username = login;
    const data = await openDataLayer({ databaseUrl: url.toString(), redisUrl: null });
    try {
      await run({ data, url: url.toString(), login });
    } finally {
      await data.close();
      await admin.close();
      await scratch.drop();
      const cleanup = createDatabase({ databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', poolMax: 1 });
      await sql.raw(`DROP ROLE IF EXISTS ${login}`).execute(cleanup.db);
      await cleanup.close();
    }
  }

  it('builds the schema from an empty database, with RLS forced on every tenant table', async () => {
    scratch = await createScratchDatabase();
    const handle = createDatabase({ databaseUrl: scratch.url });
    try {
      const outcome = await migrateToLatest(handle.db, { databaseUrl: scratch.url });
      assert.deepEqual(outcome.applied, Object.keys(MIGRATIONS));
      const tables = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>`
        SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
        WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relname NOT LIKE 'kysely_%'`.execute(handle.db);
      const byName = new Map(tables.rows.map((row) => [row.relname, row]));
      for (const table of [...TENANT_TABLES, 'institutions', 'audit_logs']) {
        assert.ok(byName.get(table)?.relrowsecurity, `${table} has RLS enabled`);
        assert.ok(byName.get(table)?.relforcerowsecurity, `${table} forces RLS`);
      }
      const role = await sql<{ rolbypassrls: boolean; rolsuper: boolean; rolcanlogin: boolean }>`
        SELECT rolbypassrls, rolsuper, rolcanlogin FROM pg_roles WHERE rolname = 'medgrade_tenant'`.execute(handle.db);
      assert.deepEqual(role.rows[0], { rolbypassrls: false, rolsuper: false, rolcanlogin: false });
    } finally {
      await handle.close();
    }
  });

  it('keeps audit rows append-only, even for the superuser that owns the tables', async () => {
    scratch = await createScratchDatabase();
    const handle = createDatabase({ databaseUrl: scratch.url });
    try {
      await migrateToLatest(handle.db, { databaseUrl: scratch.url });
      await assert.rejects(sql`UPDATE audit_logs SET action = 'x'`.execute(handle.db), /append-only/);
      await assert.rejects(sql`DELETE FROM audit_logs`.execute(handle.db), /append-only/);
    } finally {
      await handle.close();
    }
  });

  it('applies RLS to a plain login that owns the tables (the managed-database setup), without any role switch', async () => {
    await asPlainLogin('mgtest_owner', async ({ data, url, login }) => {
      const boot = await data.bootstrapAdmin({ email: 'root@x.example', password: 'correct horse', institutionName: 'X', institutionSlug: 'x' });
      const platform = { institutionId: boot!.institution.id, userId: boot!.admin.id, role: 'platform_admin' as const };
      const other = await data.institutions.create(platform, { name: 'Y', slug: 'y' });
      await data.rubrics.create(platform, fixtureRubric());
      const { db } = createDb({ databaseUrl: url, poolMax: 1 });
      try {
        const asOther = { institutionId: other.id, userId: platform.userId, role: 'teacher' as const };
        const seen = await withTenant(db, asOther, (trx) => sql`SELECT rubric_id FROM rubrics`.execute(trx));
        assert.deepEqual(seen.rows, []);
        const owner = await withTenant(db, asOther, (trx) => sql<{ current_user: string }>`SELECT current_user`.execute(trx));
        assert.equal(owner.rows[0]!.current_user, login);
      } finally {
        await db.destroy();
      }
    });
  });

  it('stores a grading and its audit row in one statement, under row-level security for a plain login', async () => {
    await asPlainLogin('mgtest_writer', async ({ data }) => {
      const boot = await data.bootstrapAdmin({ email: 'root@x.example', password: 'correct horse', institutionName: 'X', institutionSlug: 'x' });
      const teacher = { institutionId: boot!.institution.id, userId: boot!.admin.id, role: 'platform_admin' as const, requestId: 'req-1' };
      await data.rubrics.create(teacher, fixtureRubric());
      await data.rubrics.approve(teacher, 'syncope_v1', '1.0.0', { valid: true, errors: [], warnings: [] });
      const id = '5d0b2f3e-8a51-4c6e-9d3a-2b1f0e7c4a90';
      const input = {
        id, rubricId: 'syncope_v1', rubricVersion: '1.0.0', studentId: null, graderId: teacher.userId, transcript: 'Dr: hello',
        summaryText: null, style: null, report: { ...report(0.5), grading_id: id }, idempotencyKey: 'once',
      };
      const first = await data.gradings.create(teacher, input);
      const again = await data.gradings.create(teacher, { ...input, id: '6e1c3a4f-9b62-4d7f-8e4b-3c2a1f8d5b01' });
      assert.deepEqual([first.created, again.created], [true, false]);
      assert.equal(first.grading.id, id);
      assert.equal(again.grading.id, id, 'the key already had a grading');
      assert.equal((await data.gradings.get(teacher, id))?.report.grading_id, id);
      const audit = await data.audit.list(teacher, { resourceType: 'grading', resourceId: id });
      assert.deepEqual(audit.items.map((entry) => [entry.action, entry.requestId]), [['grading.create', 'req-1']]);
    });
  });

  it('lets three replicas migrate at once: one applies, the others find nothing to do', async () => {
    scratch = await createScratchDatabase();
    const handles = [1, 2, 3].map(() => createDb({ databaseUrl: scratch.url, poolMax: 2 }));
    try {
      const outcomes = await Promise.all(handles.map((handle) => migrateToLatest(handle.db, { databaseUrl: scratch.url })));
      assert.deepEqual(outcomes.map((o) => o.applied).sort(), [[], [], Object.keys(MIGRATIONS)]);
      const applied = await sql<{ count: string }>`SELECT count(*) FROM kysely_migration`.execute(handles[0]!.db);
      assert.equal(Number(applied.rows[0]!.count), Object.keys(MIGRATIONS).length);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }
  });
});

describe('data: repositories on PostgreSQL', function () {
  let t: TestData;
  before(async () => { t = await openTestData(); });
  after(async () => t?.close());

  describe('institution isolation', () => {
    it('row-level security hides other institutions even from an unscoped hand-written query', async () => {
      const teacherA = t.a.as('teacher');
      await t.data.rubrics.create(teacherA, { ...fixtureRubric(), rubric_id: 'rls_probe' });
      const { db } = createDb({ databaseUrl: t.scratch.url, poolMax: 1 });
      try {
        const seenByB = await withTenant(db, t.b.as('teacher'), (trx) =>
          sql<{ rubric_id: string }>`SELECT rubric_id FROM rubrics`.execute(trx));
        assert.deepEqual(seenByB.rows, []);
        const seenByA = await withTenant(db, teacherA, (trx) => sql<{ rubric_id: string }>`SELECT rubric_id FROM rubrics`.execute(trx));
        assert.deepEqual(seenByA.rows.map((r) => r.rubric_id), ['rls_probe']);
        const whoAmI = await withTenant(db, teacherA, (trx) => sql<{ current_user: string }>`SELECT current_user`.execute(trx));
        assert.equal(whoAmI.rows[0]!.current_user, 'medgrade_tenant', 'a superuser pool is switched to the tenant role');
      } finally {
        await db.destroy();
      }
    });

    it('cross-institution writes by id change nothing and inserts into another institution are refused', async () => {
      const { db } = createDb({ databaseUrl: t.scratch.url, poolMax: 1 });
      try {
        const updated = await withTenant(db, t.b.as('teacher'), (trx) =>
          sql`UPDATE rubrics SET title = 'hijacked' WHERE rubric_id = 'rls_probe'`.execute(trx));
        assert.equal(Number(updated.numAffectedRows), 0);
        await assert.rejects(
          withTenant(db, t.b.as('teacher'), (trx) => trx.insertInto('rubrics').values({
            institution_id: t.a.institutionId, rubric_id: 'planted', head_version: '1.0.0',
          }).execute()),
          /row-level security/,
        );
      } finally {
        await db.destroy();
      }
      const probe = await t.data.rubrics.listVersions(t.a.as('teacher'), 'rls_probe');
      assert.equal(probe?.length, 1);
    });

    it('repository reads by id across institutions answer null, like unknown ids', async () => {
      const teacherB = t.b.as('teacher');
      assert.equal(await t.data.rubrics.get(teacherB, 'rls_probe', '1.0.0'), null);
      assert.equal(await t.data.rubrics.listVersions(teacherB, 'rls_probe'), null);
      assert.equal(await t.data.users.get(teacherB, t.a.as('student').userId), null);
      assert.equal(await t.data.users.update(teacherB, t.a.as('student').userId, { displayName: 'x' }), null);
      assert.equal(await t.data.users.get(teacherB, 'not-a-uuid'), null);
      await assert.rejects(t.data.rubrics.approve(teacherB, 'rls_probe', '1.0.0', { valid: true, errors: [], warnings: [] }),
        (err) => isDataError(err, 'not_found'));
    });
  });

  describe('users and tokens', () => {
    it('logs in by case-insensitive email with the argon2id hash, and refuses wrong passwords', async () => {
      const user = await t.data.users.verifyLogin('TEACHER@a.example', 'correct horse');
      assert.equal(user?.role, 'teacher');
      assert.equal(await t.data.users.verifyLogin('teacher@a.example', 'wrong horse'), null);
      assert.equal(await t.data.users.verifyLogin('nobody@a.example', 'correct horse'), null);
    });

    it('refuses duplicate emails without writing an audit row', async () => {
      const admin = t.a.as('institution_admin');
      const before = (await t.data.audit.list(admin, { resourceType: 'user', limit: 100 })).items.length;
      await assert.rejects(t.data.users.create(admin, { email: 'Teacher@A.example', password: 'another pass', role: 'teacher' }),
        (err) => isDataError(err, 'conflict'));
      assert.equal((await t.data.audit.list(admin, { resourceType: 'user', limit: 100 })).items.length, before);
    });

    it('only a platform admin grants platform_admin', async () => {
      await assert.rejects(t.data.users.create(t.a.as('institution_admin'), { email: 'x@a.example', password: 'long enough', role: 'platform_admin' }),
        (err) => isDataError(err, 'forbidden'));
      await assert.rejects(t.data.institutions.create(t.a.as('institution_admin'), { name: 'C', slug: 'c' }),
        (err) => isDataError(err, 'forbidden'));
    });

    it('rotates refresh tokens and revokes the family when a rotated token is presented again', async () => {
      const teacher = t.a.as('teacher');
      const expiresAt = new Date(Date.now() + 3_600_000);
      const grant = await t.data.refreshTokens.issue({ token: 'first-token', userId: teacher.userId, institutionId: teacher.institutionId, expiresAt });
      const rotated = await t.data.refreshTokens.rotate('first-token', 'second-token', expiresAt);
      assert.equal(rotated.status, 'rotated');
      const reuse = await t.data.refreshTokens.rotate('first-token', 'third-token', expiresAt);
      assert.deepEqual(reuse, { status: 'reused', familyId: grant.familyId });
      // The legitimate successor died with its family.
      assert.equal((await t.data.refreshTokens.rotate('second-token', 'fourth-token', expiresAt)).status, 'reused');
      assert.equal((await t.data.refreshTokens.rotate('never-issued', 'x', expiresAt)).status, 'unknown');
      const stale = await t.data.refreshTokens.issue({ token: 'old-token', userId: teacher.userId, institutionId: teacher.institutionId, expiresAt: new Date(Date.now() - 1000) });
      assert.ok(stale.familyId);
      assert.equal((await t.data.refreshTokens.rotate('old-token', 'y', expiresAt)).status, 'expired');
    });
  });

  describe('rubrics', () => {
    it('two concurrent edits of the same version: one wins, the other is stale, nothing is lost', async () => {
      const teacher = t.a.as('teacher');
      await t.data.rubrics.create(teacher, { ...fixtureRubric(), rubric_id: 'race' });
      const results = await Promise.allSettled([
        t.data.rubrics.update(teacher, 'race', '1.0.0', { ...fixtureRubric(), rubric_id: 'race', title: 'first' }),
        t.data.rubrics.update(teacher, 'race', '1.0.0', { ...fixtureRubric(), rubric_id: 'race', title: 'second' }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      assert.ok(isDataError(lost[0]!.reason, 'stale_version'));
      const versions = await t.data.rubrics.listVersions(teacher, 'race');
      assert.deepEqual(versions?.map((v) => v.version), ['1.1.0', '1.0.0']);
    });

    it('approved versions never change: edits create new drafts, re-approval is refused', async () => {
      const teacher = t.a.as('teacher');
      await t.data.rubrics.create(teacher, { ...fixtureRubric(), rubric_id: 'frozen' });
      const qa = { valid: true, errors: [], warnings: [] };
      const approved = await t.data.rubrics.approve(teacher, 'frozen', '1.0.0', qa);
      assert.equal(approved.status, 'approved');
      await assert.rejects(t.data.rubrics.approve(teacher, 'frozen', '1.0.0', qa), (err) => isDataError(err, 'invalid_state'));
      const draft = await t.data.rubrics.update(teacher, 'frozen', '1.0.0', { ...fixtureRubric(), rubric_id: 'frozen', title: 'changed' });
      assert.equal(draft.version, '1.1.0');
      const stillApproved = await t.data.rubrics.get(teacher, 'frozen', null);
      assert.equal(stillApproved?.version, '1.0.0');
      assert.equal(stillApproved?.body.title, 'Syncope history');
      await assert.rejects(t.data.rubrics.approve(teacher, 'frozen', '1.1.0', { valid: false, errors: [{ pointer: '/weights', code: 'weights_sum', message: 'x' }], warnings: [] }),
        (err) => isDataError(err, 'qa_failed') && err.qaReport?.errors[0]?.code === 'weights_sum');
    });

    it('archiving the rubric leaves no latest approved version but keeps versions readable', async () => {
      const teacher = t.a.as('teacher');
      const archived = await t.data.rubrics.archive(teacher, 'frozen', null);
      assert.deepEqual(archived.map((v) => v.version).sort(), ['1.0.0', '1.1.0']);
      assert.equal(await t.data.rubrics.get(teacher, 'frozen', null), null);
      assert.equal((await t.data.rubrics.get(teacher, 'frozen', '1.0.0'))?.status, 'archived');
      await assert.rejects(t.data.rubrics.update(teacher, 'frozen', '1.1.0', { ...fixtureRubric(), rubric_id: 'frozen' }), (err) => isDataError(err, 'invalid_state'));
      const audit = await t.data.audit.list(teacher, { resourceType: 'rubric', resourceId: 'frozen' });
      assert.deepEqual(audit.items.map((a) => a.action), ['rubric.archive', 'rubric.update', 'rubric.approve', 'rubric.create']);
    });
  });

  describe('gradings and batch jobs', () => {
    before(async () => {
      const teacher = t.a.as('teacher');
      await t.data.rubrics.create(teacher, fixtureRubric());
      await t.data.rubrics.approve(teacher, 'syncope_v1', '1.0.0', { valid: true, errors: [], warnings: [] });
    });

    const newGrading = (studentId: string, key: string | null) => ({
      rubricId: 'syncope_v1', rubricVersion: '1.0.0', studentId, graderId: null, transcript: 'Dr: hello', summaryText: null,
      style: null, report: report(0.75), idempotencyKey: key,
    });

    it('an idempotency key stores one grading; a retry gets the same one back', async () => {
      const grader = t.a.as('grader');
      const student = t.a.as('student').userId;
      const first = await t.data.gradings.create(grader, newGrading(student, 'retry-1'));
      const second = await t.data.gradings.create(grader, newGrading(student, 'retry-1'));
      assert.equal(first.created, true);
      assert.equal(second.created, false);
      assert.equal(second.grading.id, first.grading.id);
      assert.equal(first.grading.report.grading_id, first.grading.id);
      assert.equal(first.grading.componentScores.key_questions, 0.75);
    });

    it('students see only their own gradings; other institutions see none', async () => {
      const grader = t.a.as('grader');
      const other = await t.data.gradings.create(grader, newGrading('someone-else', null));
      assert.equal(await t.data.gradings.get(t.a.as('student'), other.grading.id), null);
      const mine = await t.data.gradings.list(t.a.as('student'));
      assert.ok(mine.items.length >= 1 && mine.items.every((g) => g.studentId === t.a.as('student').userId));
      assert.equal(await t.data.gradings.get(t.b.as('grader'), other.grading.id), null);
      assert.equal((await t.data.gradings.list(t.b.as('grader'))).items.length, 0);
    });

    it('pages through gradings with a cursor, newest first, without repeats', async () => {
      const grader = t.a.as('grader');
      for (let i = 0; i < 5; i++) await t.data.gradings.create(grader, newGrading('pager', null));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await t.data.gradings.list(grader, { studentId: 'pager', limit: 2, cursor });
        seen.push(...page.items.map((g) => g.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(seen.length, 5);
      assert.equal(new Set(seen).size, 5);
    });

    it('a batch item completed twice stores one grading and counts once', async () => {
      const teacher = t.a.as('teacher');
      const { job, messages } = await t.data.jobs.create(teacher, {
        rubricId: 'syncope_v1', rubricVersion: '1.0.0',
        items: [{ studentId: 's1', transcript: 'Dr: one' }, { studentId: 's2', transcript: 'Dr: two' }],
      });
      assert.equal(messages.length, 2);
      const itemId = messages[0]!.itemId;
      const grading = { ...newGrading('s1', null), graderId: teacher.userId };
      const [first, second] = await Promise.all([t.data.jobs.completeItem(teacher, itemId, grading), t.data.jobs.completeItem(teacher, itemId, grading)]);
      assert.equal(first.grading.id, second.grading.id);
      assert.deepEqual([first.created, second.created].sort(), [false, true]);
      await t.data.jobs.failItem(teacher, messages[1]!.itemId, 'orchestrator unavailable', true);
      const finished = await t.data.jobs.get(teacher, job.id);
      assert.equal(finished?.succeeded, 1);
      assert.equal(finished?.failed, 1);
      assert.equal(finished?.status, 'completed');
      assert.ok(finished?.finishedAt);
    });
  });
});
