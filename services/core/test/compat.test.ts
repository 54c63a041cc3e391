import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validateCitations } from '../src/citations/citations';
import { grade } from '../src/grade';
import { validateRubric } from '../src/qa/validate';
import { parseTranscript } from '../src/transcript/parse';
import type { FeedbackStyle, Rubric } from '../src/types';

// The reference rubrics must be accepted unchanged and graded in every style; skipped when the
// read-only reference folder is absent from this clone.
const repoRoot = path.resolve(__dirname, '../../..');
const referenceDir = path.resolve(repoRoot, '../shared/reference-data');

describe('reference rubrics and transcripts', () => {
  before(function () {
    if (!existsSync(referenceDir)) this.skip();
  });

  for (const name of ['stroke', 'chest_pain']) {
    it(`${name}_v1 passes QA unchanged and grades in every style with valid citations`, () => {
      const rubric = JSON.parse(readFileSync(path.join(referenceDir, `${name}_v1.json`), 'utf8')) as Rubric;
      const transcript = readFileSync(path.join(referenceDir, `${name}_transcript_001.txt`), 'utf8');
      assert.equal(validateRubric(rubric).valid, true);
      for (const style of ['constructive', 'detailed', 'concise'] as FeedbackStyle[]) {
        const report = grade(rubric, transcript, { style });
        assert.equal(report.status, 'complete');
        assert.deepEqual(validateCitations(rubric, report, parseTranscript(transcript)), []);
        for (const component of Object.values(report.component_scores)) assert.ok(component !== null && component >= 0 && component <= 1);
      }
    });
  }
});
