// Cohort analytics in PostgreSQL: latency of the analytics queries on a seeded cohort, and
// how much the review queue's index (migration 0003) and 0001's per-rubric index are worth,
// as a ratio measured in the same run (the machine is shared: absolute figures drift, ratios hold).
//
//   node --import tsx bench/analytics.ts [--gradings N] [--runs R]
//
// Seeds a scratch database (DATABASE_URL's server, default the local one): two institutions,
// 200 students, the demo rubrics in two versions, N gradings (default 20,000; 60 % on the
// measured rubric, spread over 180 days) whose reports come from the real engine, 5 % reviewed.
// Measures through the data layer, under row-level security like the API: the whole cohort
// (all versions, all time), one version over the last 30 days, a page of the student table,
// the grading export and a page of the review queue; then the same with the indexes of the
// rubric and of the review queue dropped, then with them again.

import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { grade, validateRubric, type GradingReport, type Rubric } from '../services/core/src/index';
import { createScratchDatabase, openDataLayer, type DataLayer, type TenantContext } from '../services/data/src/index';
import { attemptTranscript } from '../scripts/src/local/cohort';
import { median, percentile } from './support/cases';

const { values } = parseArgs({ options: { gradings: { type: 'string', default: '20000' }, runs: { type: 'string', default: '15' } } });
const GRADINGS = Number(values.gradings);
const RUNS = Number(values.runs);
const DEMO = path.resolve(__dirname, '../scripts/src/local/demo');
const DAY = 86_400_000;

const rubricOf = (file: string): Rubric => JSON.parse(readFileSync(path.join(DEMO, file), 'utf8')) as Rubric;

/** A report per (student skill, attempt) variant of a transcript, from the engine itself. */
function reportVariants(rubric: Rubric, transcript: string): GradingReport[] {
  const reports: GradingReport[] = [];
  for (let student = 0; student < 6; student++) {
    for (let attempt = 0; attempt < 8; attempt++) reports.push(grade(rubric, attemptTranscript(transcript, student, attempt - 3)));
  }
  return reports;
}

async function seed(data: DataLayer, url: string) {
  const boot = await data.bootstrapAdmin({ email: 'root@bench.example', password: 'bench password', institutionName: 'Bench', institutionSlug: 'bench' });
  const platform: TenantContext = { institutionId: boot!.institution.id, userId: boot!.admin.id, role: 'platform_admin' };
  const other = await data.institutions.create(platform, { name: 'Other', slug: 'other' });
  const institutions = [boot!.institution.id, other.id];
  const rubrics = [
    { rubric: rubricOf('abdominal_pain_v1.json'), transcript: readFileSync(path.join(DEMO, 'abdominal_pain_transcript.txt'), 'utf8') },
    { rubric: rubricOf('headache_v1.json'), transcript: readFileSync(path.join(DEMO, 'headache_transcript.txt'), 'utf8') },
  ];
  const teachers: TenantContext[] = [];
  const students: string[][] = [];
  for (const institutionId of institutions) {
    const admin = { ...platform, institutionId };
    const teacher = await data.users.create(admin, { email: `teacher@${institutionId}.example`, password: 'bench password', role: 'teacher' });
    const ctx: TenantContext = { institutionId, userId: teacher.id, role: 'teacher' };
    teachers.push(ctx);
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      ids.push((await data.users.create(admin, { email: `s${i}@${institutionId}.example`, password: 'bench password', role: 'student', displayName: `Student ${i}` })).id);
    }
    students.push(ids);
    for (const { rubric } of rubrics) {
      await data.rubrics.create(ctx, rubric);
      await data.rubrics.approve(ctx, rubric.rubric_id, '1.0.0', validateRubric(rubric));
      const next = { ...rubric, key_questions: rubric.key_questions.slice(1) };
      await data.rubrics.update(ctx, rubric.rubric_id, '1.0.0', next);
      await data.rubrics.approve(ctx, rubric.rubric_id, '1.1.0', validateRubric({ ...next, version: '1.1.0' }));
    }
  }
  const variants = rubrics.map(({ rubric, transcript }) => ({
    '1.0.0': reportVariants(rubric, transcript),
    '1.1.0': reportVariants({ ...rubric, version: '1.1.0', key_questions: rubric.key_questions.slice(1) }, transcript),
  }));

  // Bulk insert as the superuser (outside row-level security), with creation times spread over
  // 180 days, which the API cannot do; the measured queries then run under RLS as usual.
  const client = new Client({ connectionString: url });
  await client.connect();
  const started = performance.now();
  const BATCH = 500;
  for (let done = 0; done < GRADINGS; done += BATCH) {
    const rows: unknown[][] = [];
    for (let i = done; i < Math.min(GRADINGS, done + BATCH); i++) {
      const measured = i % 10 < 6;
      const inst = measured || i % 10 < 8 ? 0 : 1;
      const r = measured ? 0 : 1;
      const version = i % 3 === 0 ? '1.1.0' : '1.0.0';
      const pool = variants[r]![version];
      const report = { ...pool[i % pool.length]!, grading_id: randomUUID() };
      const reviewed = i % 20 === 0;
      rows.push([
        institutions[inst], rubrics[r]!.rubric.rubric_id, version, students[inst]![i % 100], teachers[inst]!.userId, 'x', JSON.stringify(report),
        report.status, report.overall_score, report.component_scores.structure, report.component_scores.key_questions,
        report.component_scores.reasoning, report.component_scores.summary, report.component_scores.communication,
        new Date(Date.now() - (i % 180) * DAY - (i % 997) * 1000), reviewed ? JSON.stringify(report) : null,
        reviewed ? JSON.stringify({ overrides: [] }) : null, reviewed ? teachers[inst]!.userId : null, reviewed ? new Date() : null,
      ]);
    }
    const placeholders = rows.map((row, k) => `(${row.map((_, c) => `$${k * row.length + c + 1}`).join(', ')})`).join(', ');
    await client.query(
      `INSERT INTO grading_sessions (institution_id, rubric_id, rubric_version, student_id, grader_id, transcript, report, status, overall_score,
         score_structure, score_key_questions, score_reasoning, score_summary, score_communication, created_at, machine_report, review, reviewed_by, reviewed_at)
       VALUES ${placeholders}`,
      rows.flat(),
    );
  }
  // Statistics as autovacuum would have them.
  await client.query('ANALYZE');
  const size = await client.query<{ size: string }>(`SELECT pg_size_pretty(pg_total_relation_size('grading_sessions')) AS size`);
  console.log(`seeded ${GRADINGS} gradings (${size.rows[0]!.size} with indexes) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { client, teacher: teachers[0]!, rubricId: rubrics[0]!.rubric.rubric_id };
}

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    ms.push(performance.now() - start);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  console.log(`  ${label.padEnd(46)} p50 ${median(ms).toFixed(1).padStart(7)} ms   p95 ${percentile(sorted, 95).toFixed(1).padStart(7)} ms`);
  return median(ms);
}

async function main(): Promise<void> {
  const scratch = await createScratchDatabase();
  const data = await openDataLayer({ databaseUrl: scratch.url, redisUrl: null });
  try {
    const { client, teacher, rubricId } = await seed(data, scratch.url);
    const last30 = { from: new Date(Date.now() - 30 * DAY) };
    const cases: [string, () => Promise<unknown>][] = [
      ['cohort: all versions, all time', () => data.analytics.cohort(teacher, { rubricId })],
      ['cohort: version 1.1.0, last 30 days', () => data.analytics.cohort(teacher, { rubricId, version: '1.1.0', ...last30 })],
      ['students: first page of 20', () => data.analytics.students(teacher, { rubricId, limit: 20 })],
      ['export rows: last 30 days', () => data.analytics.gradingRows(teacher, { rubricId, ...last30 })],
      ['review queue: first page', () => data.gradings.reviewQueue(teacher, { rubricId })],
    ];
    const measured = Math.round(GRADINGS * 0.6);
    const cohort = await data.analytics.cohort(teacher, { rubricId });
    console.log(`measured rubric: ${cohort.gradings} gradings (expected ${measured}), ${cohort.students} students, ${cohort.reviewed} reviewed, mean ${cohort.meanOverall?.toFixed(3)}`);
    // With, without, and with the indexes again: the two runs with them show how much the
    // shared machine drifts in between; the ratio compares against their mean.
    const names = ['grading_sessions_rubric', 'grading_sessions_unreviewed'];
    const definitions = (await client.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE indexname = ANY($1)', [names])).rows;
    const phase = async (title: string) => {
      console.log(title);
      const medians: number[] = [];
      for (const [label, fn] of cases) medians.push(await time(label, RUNS, fn));
      return medians;
    };
    const before = await phase('with the indexes:');
    await client.query(`DROP INDEX ${names.join(', ')}`);
    await client.query('ANALYZE grading_sessions');
    const without = await phase(`without ${names.join(', ')}:`);
    for (const { indexdef } of definitions) await client.query(indexdef);
    await client.query('ANALYZE grading_sessions');
    const after = await phase('with the indexes again:');
    console.log('without / with (mean of both runs with):');
    cases.forEach(([label], k) => console.log(`  ${label.padEnd(46)} ${(without[k]! / ((before[k]! + after[k]!) / 2)).toFixed(1)}x`));
    await client.end();
  } finally {
    await data.close();
    await scratch.drop();
  }
}

main().catch((err: Error) => {
  console.error(err);
  process.exit(1);
});
