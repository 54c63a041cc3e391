import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { grade } from '../src/grade';
import type { FeedbackStyle, Rubric } from '../src/types';

const dir = path.join(__dirname, 'fixtures/rubrics');
const rubricText = readFileSync(path.join(dir, 'abdominal_pain_v1.json'), 'utf8');
const transcript = readFileSync(path.join(dir, 'abdominal_pain_transcript_001.txt'), 'utf8');

function bytesWithoutIdAndTime(rubric: Rubric, style: FeedbackStyle): string {
  const { grading_id: _id, graded_at: _at, ...rest } = grade(rubric, transcript, { style });
  return JSON.stringify(rest);
}

describe('determinism', () => {
  for (const style of ['constructive', 'detailed', 'concise'] as FeedbackStyle[]) {
    it(`${style}: the same input twice gives the same bytes apart from grading_id and graded_at`, () => {
      const rubric = JSON.parse(rubricText) as Rubric;
      const first = bytesWithoutIdAndTime(rubric, style);
      // Same rubric object (warm caches), then a fresh copy (cold caches).
      assert.equal(bytesWithoutIdAndTime(rubric, style), first);
      assert.equal(bytesWithoutIdAndTime(JSON.parse(rubricText) as Rubric, style), first);
    });
  }

  it('gives each report its own id', () => {
    const rubric = JSON.parse(rubricText) as Rubric;
    assert.notEqual(grade(rubric, transcript).grading_id, grade(rubric, transcript).grading_id);
  });
});
