import assert from 'node:assert/strict';
import { oralCitation, parseCitation, rubricCitation, summaryCitation } from '../src/citations/format';
import type { Utterance } from '../src/types';

function utterance(over: Partial<Utterance>): Utterance {
  return {
    index: 0, line: 3, line_end: 3, line_span_end: 5, speaker: 'student', speaker_label: 'Student',
    text: 'Any fever?', start_seconds: null, end_seconds: null, timestamp_start: null, timestamp_end: null,
    ...over,
  };
}

describe('citation formats', () => {
  it('cites a timed utterance by its own notation with an en dash', () => {
    const u = utterance({ timestamp_start: '01:05', timestamp_end: '01:12', start_seconds: 65, end_seconds: 72 });
    assert.equal(oralCitation(u), 'student://oral#01:05\u201301:12');
    const long = utterance({ timestamp_start: '00:01:05', timestamp_end: '00:01:12', start_seconds: 65, end_seconds: 72 });
    assert.equal(oralCitation(long), 'student://oral#00:01:05\u201300:01:12');
  });

  it('cites an untimed utterance by its line span', () => {
    assert.equal(oralCitation(utterance({})), 'student://oral#L3\u2013L5');
  });

  it('builds rubric and summary citations', () => {
    assert.equal(rubricCitation('abd_v2', '#Q.pain_site'), 'rubric://abd_v2#Q.pain_site');
    assert.equal(summaryCitation(57), 'student://summary#tokens=57');
  });

  it('parses every kind back into its parts', () => {
    assert.deepEqual(parseCitation('rubric://abd_v2#R.summary.req.pos2'),
      { kind: 'rubric', rubric_id: 'abd_v2', anchor: '#R.summary.req.pos2' });
    // 01:05 = 65 s, 01:12 = 72 s
    assert.deepEqual(parseCitation('student://oral#01:05\u201301:12'),
      { kind: 'oral', mode: 'time', start: '01:05', end: '01:12', start_seconds: 65, end_seconds: 72 });
    // 01:00:00 = 3600 s, 01:00:09 = 3609 s
    assert.deepEqual(parseCitation('student://oral#01:00:00\u201301:00:09'),
      { kind: 'oral', mode: 'time', start: '01:00:00', end: '01:00:09', start_seconds: 3600, end_seconds: 3609 });
    // a recording that passes the hour switches notation: 59:58 = 3598 s, 1:00:05 = 3605 s
    assert.deepEqual(parseCitation('student://oral#59:58\u20131:00:05'),
      { kind: 'oral', mode: 'time', start: '59:58', end: '1:00:05', start_seconds: 3598, end_seconds: 3605 });
    assert.deepEqual(parseCitation('student://oral#L12\u2013L13'), { kind: 'oral', mode: 'line', start_line: 12, end_line: 13 });
    assert.deepEqual(parseCitation('student://summary#tokens=0'), { kind: 'summary', tokens: 0 });
  });

  it('rejects malformed citations', () => {
    for (const bad of [
      'student://oral#01:05-01:12', // hyphen, not en dash
      'student://oral#01:12\u201301:05', // ends before it starts
      'student://oral#01:75\u201301:80', // seconds above 59
      'student://oral#L0\u2013L2',
      'student://oral#L5\u2013L4',
      'student://summary#tokens=-1',
      'student://summary#tokens=07',
      'rubric://abd_v2#',
      'rubric://abd_v2##Q.x',
      'rubric://#Q.x',
      'https://example.org/#x',
      '',
    ]) assert.equal(parseCitation(bad), null, bad);
  });
});
