// docs/transcripts.md restates the section cue table and the matching constants; keep them in step.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ACCEPT_THRESHOLD, CONFIDENCE } from '../src/questions/match';
import { SECTION_CUES } from '../src/transcript/sections';

const doc = readFileSync(path.resolve(__dirname, '../../../docs/transcripts.md'), 'utf8');

describe('docs/transcripts.md', () => {
  it('lists every section cue rule, in table order, with its cues', () => {
    const table = doc.slice(doc.indexOf('| label | cues |'));
    const rows = table.split('\n').slice(2).filter((line) => line.startsWith('| ')).slice(0, SECTION_CUES.length);
    assert.equal(rows.length, SECTION_CUES.length);
    SECTION_CUES.forEach((rule, i) => {
      const cells = (rows[i] as string).split('|').map((c) => c.trim());
      assert.equal(cells[1], rule.label);
      assert.deepEqual(cells[2], rule.cues.map((c) => `\`${c}\``).join(', '), `cues of ${rule.label}`);
    });
  });

  it('states the acceptance threshold and the confidence of each kind of match', () => {
    assert.match(doc, new RegExp(`at least ${ACCEPT_THRESHOLD}\\*\\*`));
    const cells = [
      `${CONFIDENCE.exact.toFixed(1)} | \`phrase\``,
      `${CONFIDENCE.stemmed} | \`phrase\``,
      `${CONFIDENCE.bagOfWords} · s | \`phrase\``,
      `${CONFIDENCE.synonym} | \`synonym\``,
      `${CONFIDENCE.conceptIntent} | \`concept+intent\``,
    ];
    for (const cell of cells) assert.ok(doc.includes(`| ${cell} |`), cell);
    assert.ok(doc.includes(`costs ${CONFIDENCE.weakPenalty}`));
  });
});
