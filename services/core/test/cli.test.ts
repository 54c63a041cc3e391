import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Spawns the real `medgrade` bin (the same file `npx medgrade` runs).
const bin = path.resolve(__dirname, '../bin/medgrade.js');
const fixtures = path.join(__dirname, 'fixtures/rubrics');
const rubric = path.join(fixtures, 'abdominal_pain_v1.json');
const transcript = path.join(fixtures, 'abdominal_pain_transcript_001.txt');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function medgrade(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function assertOneLineError(run: Run, code: number, pattern: RegExp): void {
  assert.equal(run.code, code, run.stderr);
  assert.equal(run.stdout, '');
  assert.match(run.stderr, pattern);
  assert.equal(run.stderr.trimEnd().split('\n').length, 1, run.stderr);
}

describe('medgrade CLI', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'medgrade-cli-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('grade prints the JSON report', async () => {
    const summary = path.join(dir, 'summary.txt');
    writeFileSync(summary, 'A 22-year-old woman with RLQ pain. Likely appendicitis.');
    const run = await medgrade('grade', '--rubric', rubric, '--transcript', transcript, '--summary', summary, '--style', 'concise');
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(run.stdout);
    assert.equal(report.rubric_id, 'abdominal_pain_v1');
    assert.equal(report.status, 'complete');
    assert.equal(report.details.summary.source, 'summary_text');
    assert.equal(report.feedback.overall_summary, `Overall score: ${Math.round(report.overall_score * 100)}%.`);
  });

  it('grade --format text prints a readable report', async () => {
    const run = await medgrade('grade', '--rubric', rubric, '--transcript', transcript, '--format', 'text');
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^medgrade report /);
    assert.match(run.stdout, /\[key_questions\]/);
    assert.match(run.stdout, /rubric:\/\/abdominal_pain_v1#A\.q\.pain_location {2}student:\/\/oral#00:14–00:18/);
  });

  it('fails with one clear line on bad input', async () => {
    assertOneLineError(await medgrade('grade', '--rubric', path.join(dir, 'none.json'), '--transcript', transcript), 1, /^medgrade: cannot read rubric file .*none\.json: no such file$/m);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"rubric_id": ');
    assertOneLineError(await medgrade('grade', '--rubric', broken, '--transcript', transcript), 1, /^medgrade: rubric file .*broken\.json is not valid JSON: /);
    const invalid = path.join(dir, 'invalid.json');
    const bad = JSON.parse(readFileSync(rubric, 'utf8'));
    bad.weights.structure = 0.9;
    writeFileSync(invalid, JSON.stringify(bad));
    assertOneLineError(await medgrade('grade', '--rubric', invalid, '--transcript', transcript), 1, /^medgrade: rubric .*invalid\.json is invalid: \/weights/);
    assertOneLineError(await medgrade('grade', '--rubric', rubric, '--transcript', transcript, '--style', 'harsh'), 2, /^medgrade: unknown style "harsh" \(expected constructive, detailed, concise\)$/m);
    assertOneLineError(await medgrade('grade', '--rubric', rubric, '--transcript', path.join(dir, 'missing.txt')), 1, /^medgrade: cannot read transcript file .*missing\.txt: no such file$/m);
    assertOneLineError(await medgrade('frobnicate'), 2, /^medgrade: unknown command "frobnicate"/);
  });

  it('validate reports a valid rubric with exit 0 and an invalid one with exit 1', async () => {
    const ok = await medgrade('validate', rubric, '--format', 'text');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /abdominal_pain_v1\.json: valid \(0 errors, 0 warnings\)/);
    const invalid = path.join(dir, 'invalid.json');
    const failed = await medgrade('validate', invalid);
    assert.equal(failed.code, 1);
    const qa = JSON.parse(failed.stdout);
    assert.equal(qa.valid, false);
    assert.ok(qa.errors.some((e: { pointer: string }) => e.pointer.startsWith('/weights')));
  });

  it('edit prints the patch and preview, and refuses an instruction it cannot parse', async () => {
    const run = await medgrade('edit', rubric, 'increase key questions to 0.45 and decrease structure to 0.1');
    assert.equal(run.code, 0, run.stderr);
    const preview = JSON.parse(run.stdout);
    assert.deepEqual(preview.patch, [
      { op: 'replace', path: '/weights/key_questions', value: 0.45 },
      { op: 'replace', path: '/weights/structure', value: 0.1 },
    ]);
    assert.equal(preview.qa.valid, true);
    assertOneLineError(await medgrade('edit', rubric, 'make it better'), 1, /^medgrade: .*make it better/);
  });
});
