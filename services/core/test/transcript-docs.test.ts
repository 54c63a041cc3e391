// docs/transcripts.md restates the section cue table and the matching constants; keep them in step.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ACCEPT_THRESHOLD, CONFIDENCE } from '../src/questions/match';
import { SECTION_CUES } from '../src/transcript/sections';

const doc = readFileSync(path.resolve(__dirname, '../../../docs/transcripts.md'), 'utf8');

describe('docs/transcripts.md', () => {
  it('lists every section cue rule, in table order, with its cues', () => {
    const rows = doc.split('\n').filter((line) => /^\| (Summary|CC|FH|SH|Allergies|Meds|PMH|ROS|PE|HPI) \|/.test(line));
    assert.equal(rows.length, SECTION_CUES.length);
    SECTION_CUES.forEach((rule, i) => {
      const cells = (rows[i] as string).split('|').map((c) => c.trim());
      assert.equal(cells[1], rule.label);
      assert.equal(cells[2] !== '', rule.alsoNeeds !== undefined, `condition of ${rule.label}`);
      assert.deepEqual(cells[3], rule.cues.map((c) => `\`${c}\``).join(', '), `cues of ${rule.label}`);
    });
  });

  it('states the acceptance threshold and the confidence of each kind of match', () => {
    assert.match(doc, new RegExp(`at least ${ACCEPT_THRESHOLD}\\*\\*`));
    const cells = [
      CONFIDENCE.exact.toFixed(1),
      String(CONFIDENCE.stemmed),
      String(CONFIDENCE.rewrite),
      `${CONFIDENCE.bagOfWords} · s`,
      `${CONFIDENCE.rewriteBagOfWords} · s`,
    ];
    for (const cell of cells) assert.ok(doc.includes(`| ${cell} |`), cell);
  });
});
