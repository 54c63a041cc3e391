import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { validateRubric } from '../src/qa/validate';

const repoRoot = path.resolve(__dirname, '../../..');
const referenceData = path.resolve(repoRoot, '../shared/reference-data');

describe('QA compatibility with the reference rubrics', () => {
  for (const name of ['stroke_v1.json', 'chest_pain_v1.json']) {
    it(`accepts ${name} unchanged with zero errors`, function () {
      const file = path.join(referenceData, name);
      if (!fs.existsSync(file)) this.skip();
      const report = validateRubric(JSON.parse(fs.readFileSync(file, 'utf8')));
      assert.deepEqual(report.errors, []);
      assert.equal(report.valid, true);
    });
  }
});
