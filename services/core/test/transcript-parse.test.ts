import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { oralCitation } from '../src/citations/format';
import { parseTranscript } from '../src/transcript/parse';
import type { ParsedTranscript, Utterance } from '../src/types';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures/transcripts', name), 'utf8');

/** The fields most tests look at, one row per utterance. */
function rows(parsed: ParsedTranscript) {
  return parsed.utterances.map((u) => [u.speaker, u.speaker_label, u.text, u.timestamp_start, u.timestamp_end]);
}

function only(parsed: ParsedTranscript): Utterance {
  assert.equal(parsed.utterances.length, 1);
  return parsed.utterances[0] as Utterance;
}

describe('parseTranscript: line formats', () => {
  it('reads [MM:SS] Speaker: text', () => {
    const parsed = parseTranscript('[00:05] Student: What brings you in?\n[00:09] Patient: Belly pain.\n');
    assert.deepEqual(rows(parsed), [
      ['student', 'Student', 'What brings you in?', '00:05', '00:09'],
      ['patient', 'Patient', 'Belly pain.', '00:09', '00:09'],
    ]);
    // 00:05 = 5 s, 00:09 = 9 s
    assert.deepEqual(parsed.utterances.map((u) => [u.start_seconds, u.end_seconds]), [[5, 9], [9, 9]]);
    assert.equal(parsed.has_timestamps, true);
    assert.deepEqual(parsed.warnings, []);
  });

  it('reads (MM:SS) Speaker: text', () => {
    const parsed = parseTranscript('(01:02) Dr: Any nausea?\n(01:06) Pt: Yes.');
    assert.deepEqual(rows(parsed), [
      ['student', 'Dr', 'Any nausea?', '01:02', '01:06'],
      ['patient', 'Pt', 'Yes.', '01:06', '01:06'],
    ]);
  });

  it('reads a bare MM:SS with and without a speaker label', () => {
    const parsed = parseTranscript('00:10 S: Where does it hurt?\n00:14 Right here, doctor.\n00:20 - P: Since Tuesday.');
    assert.deepEqual(rows(parsed), [
      ['student', 'S', 'Where does it hurt?', '00:10', '00:14'],
      // no label: the turn after the student's is the patient's
      ['patient', null, 'Right here, doctor.', '00:14', '00:20'],
      ['patient', 'P', 'Since Tuesday.', '00:20', '00:20'],
    ]);
  });

  it('reads HH:MM:SS in brackets, parentheses and bare, keeping that notation', () => {
    const parsed = parseTranscript('[00:59:58] Student: One.\n(01:00:03) Student: Two.\n01:00:10 Student: Three.');
    assert.deepEqual(rows(parsed).map((r) => [r[3], r[4]]), [
      ['00:59:58', '01:00:03'],
      ['01:00:03', '01:00:10'],
      ['01:00:10', '01:00:10'],
    ]);
    // 00:59:58 = 3598 s; 01:00:03 = 3603 s; 01:00:10 = 3610 s
    assert.deepEqual(parsed.utterances.map((u) => u.start_seconds), [3598, 3603, 3610]);
    assert.equal(oralCitation(parsed.utterances[0] as Utterance), 'student://oral#00:59:58\u201301:00:03');
  });

  it('maps speaker labels in any case; any other label is an unknown speaker, with a warning', () => {
    const labels = ['Student', 'STUDENT', 'doctor', 'Dr', 'Dr.', 'dr. Smith', 's', 'Patient', 'pt', 'P', 'examiner', 'Nurse', 'Mrs Jones'];
    const parsed = parseTranscript(labels.map((l) => `${l}: hello`).join('\n'));
    assert.deepEqual(parsed.utterances.map((u) => [u.speaker_label, u.speaker]), [
      ['Student', 'student'], ['STUDENT', 'student'], ['doctor', 'student'], ['Dr', 'student'], ['Dr.', 'student'],
      ['dr. Smith', 'student'], ['s', 'student'], ['Patient', 'patient'], ['pt', 'patient'], ['P', 'patient'],
      ['examiner', 'examiner'], ['Nurse', 'unknown'], ['Mrs Jones', 'unknown'],
    ]);
    assert.deepEqual(parsed.warnings, [
      'line 12: speaker label "Nurse" is not a known role; treated as an unknown speaker',
      'line 13: speaker label "Mrs Jones" is not a known role; treated as an unknown speaker',
    ]);
  });

  it('takes a label only when a space or the end of the line follows its colon', () => {
    const parsed = parseTranscript('Student:\n\nPatient:fine\nStudents: hi\nStudent :\tok');
    assert.deepEqual(rows(parsed).map((r) => [r[1], r[2]]), [
      ['Student', ''],
      [null, 'Patient:fine'],
      ['Students', 'hi'],
      ['Student', 'ok'],
    ]);
  });

  it('does not take a sentence with a colon for a label', () => {
    const parsed = parseTranscript('Student: So to summarize: she is 30.\nStudent: In summary: stable.');
    assert.deepEqual(rows(parsed).map((r) => r[2]), ['So to summarize: she is 30.', 'In summary: stable.']);
    const noLabel = parseTranscript('[00:01] so to summarize: fine');
    assert.equal(only(noLabel).speaker_label, null);
    assert.equal(only(noLabel).text, 'so to summarize: fine');
  });

  it('treats an impossible time such as 12:75 as text', () => {
    const u = only(parseTranscript('12:75 Student: hello'));
    assert.equal(u.timestamp_start, null);
    assert.equal(u.speaker_label, null);
    assert.equal(u.text, '12:75 Student: hello');
  });

  it('accepts CRLF, a lone CR, a BOM and Unicode text', () => {
    const text = '\uFEFF[00:01] Student: ¿Dolor? Any pain — 痛み? 🙂\r\n[00:04] Patient: Ça va.\r[00:06] Student: Merci.\r\n';
    const parsed = parseTranscript(text);
    assert.deepEqual(rows(parsed), [
      ['student', 'Student', '¿Dolor? Any pain — 痛み? 🙂', '00:01', '00:04'],
      ['patient', 'Patient', 'Ça va.', '00:04', '00:06'],
      ['student', 'Student', 'Merci.', '00:06', '00:06'],
    ]);
    assert.deepEqual(parsed.utterances.map((u) => u.line), [1, 2, 3]);
  });

  it('takes any Unicode space after a time or label as a separator', () => {
    const u = only(parseTranscript('[00:01]\u2003Student:\u00a0\u3000Hello'));
    assert.deepEqual([u.speaker, u.timestamp_start, u.text], ['student', '00:01', 'Hello']);
  });

  it('leaves any whitespace between a label and its colon out of the label', () => {
    const parsed = parseTranscript('Student \u2003: one\nPatient\f: two\nMédico\t: tres');
    assert.deepEqual(parsed.utterances.map((u) => [u.speaker_label, u.text]), [
      ['Student', 'one'],
      ['Patient', 'two'],
      ['Médico', 'tres'],
    ]);
  });

  it('accepts a label written in other scripts and accented letters', () => {
    const parsed = parseTranscript('Médico: hola\nÉtudiant Dupont: salut');
    assert.deepEqual(parsed.utterances.map((u) => [u.speaker_label, u.speaker, u.text]), [
      ['Médico', 'unknown', 'hola'],
      ['Étudiant Dupont', 'unknown', 'salut'],
    ]);
  });

  it('returns nothing, without error, for an empty or blank text', () => {
    for (const text of ['', '\n\n  \r\n', '\uFEFF']) {
      const parsed = parseTranscript(text);
      assert.deepEqual(parsed, { utterances: [], has_timestamps: false, duplicates_removed: 0, warnings: [] });
    }
  });
});

describe('parseTranscript: lines without a label', () => {
  it('continues the utterance directly above when the line has no timestamp', () => {
    const parsed = parseTranscript(fixture('headache_001.txt'));
    const patient = parsed.utterances[3] as Utterance;
    assert.equal(patient.text, 'The worst headache of my life. It hit me like a thunderclap while I was lifting weights.');
    assert.deepEqual([patient.line, patient.line_end, patient.line_span_end], [4, 5, 6]);
  });

  it('opens an utterance without a label after a blank line or at the start, and infers its speaker from the turns', () => {
    const parsed = parseTranscript('Hello there.\nStudent: Hi.\n\nwhere was I\nstill me');
    assert.deepEqual(parsed.utterances.map((u) => [u.speaker, u.speaker_label, u.text, u.line, u.line_end]), [
      // the first line asks nothing, so the student is not its speaker; after the student comes the patient
      ['patient', null, 'Hello there.', 1, 1],
      ['student', 'Student', 'Hi.', 2, 2],
      ['patient', null, 'where was I still me', 4, 5],
    ]);
    assert.match(parsed.warnings.join('\n'), /2 utterances without a speaker label were given a speaker by turn-taking/);
  });

  it('warns when no line is the student\'s, labelled or inferred', () => {
    const parsed = parseTranscript('Nurse: hello\nNurse: hi');
    assert.deepEqual(parsed.utterances.map((u) => u.speaker), ['unknown', 'unknown']);
    assert.match(parsed.warnings.join('\n'), /no line is labelled as the student/);
  });
});

describe('parseTranscript: speakers without labels', () => {
  it('alternates the turns of a transcript without any label, the student being the side that asks', () => {
    const parsed = parseTranscript('00:01 I have had a cough for a week.\n00:05 Any blood when you cough?\n00:09 No.\n00:12 And any fever?');
    assert.deepEqual(parsed.utterances.map((u) => u.speaker), ['patient', 'student', 'patient', 'student']);
  });

  it('starts with the student in a transcript without any label when both sides ask as often', () => {
    const parsed = parseTranscript('Hello, what brings you in?\nMy chest hurts, is it serious?\nWhen did it start?\nThis morning.');
    assert.deepEqual(parsed.utterances.map((u) => u.speaker), ['student', 'patient', 'student', 'patient']);
  });

  it('reads a presentation of the case over several lines as one student turn, and alternates again after it', () => {
    const parsed = parseTranscript([
      'What brought you in today?',
      'My knee swelled up on Tuesday.',
      'Any fever?',
      'Shivers last night.',
      'Thank you. Could you summarise for me?',
      'So, this is Mrs Begum, a 45-year-old with rheumatoid arthritis,',
      'who has two days of a hot swollen knee and rigors.',
      'I am worried about septic arthritis.',
      'Is it serious?',
      'It could be, so we will take some fluid from the knee.',
    ].join('\n'));
    assert.deepEqual(parsed.utterances.map((u) => u.speaker), [
      'student', 'patient', 'student', 'patient', 'student', 'student', 'student', 'student', 'patient', 'student',
    ]);
    // a patient who gives an age in the first person opens no presentation
    const patient = parseTranscript('How old are you?\nI am a 45-year-old teacher.\nAny fever?\nNo.');
    assert.deepEqual(patient.utterances.map((u) => u.speaker), ['student', 'patient', 'student', 'patient']);
  });

  it('keeps every line of an unlabelled, untimed transcript a turn of its own (no continuation lines)', () => {
    const parsed = parseTranscript('What brings you in?\nMy back.\nSince when?\nYesterday.');
    assert.deepEqual(parsed.utterances.map((u) => [u.line, u.speaker]), [[1, 'student'], [2, 'patient'], [3, 'student'], [4, 'patient']]);
  });

  it('gives an unlabelled timed line after the patient to the student, and after the student to whoever answered last', () => {
    const parsed = parseTranscript('[00:01] Student: Is he eating?\n[00:04] Mum: Not much.\n[00:07] And wet nappies?\n[00:10] Only one today.');
    assert.deepEqual(parsed.utterances.map((u) => [u.speaker, u.speaker_label]), [
      ['student', 'Student'], ['relative', 'Mum'], ['student', null], ['relative', null],
    ]);
  });

  it('reads relatives and carers as relatives, without the unknown-label warning', () => {
    const parsed = parseTranscript('Student: Hello.\nHusband: She fainted.\nDaughter: Twice.\ncarer: Yes.\nNurse: Obs are fine.');
    assert.deepEqual(parsed.utterances.map((u) => u.speaker), ['student', 'relative', 'relative', 'relative', 'unknown']);
    assert.deepEqual(parsed.warnings.filter((w) => w.includes('not a known role')).length, 1);
  });
});

describe('parseTranscript: transcripts without timestamps', () => {
  it('leaves every time null and cites line spans that run to the next utterance', () => {
    const parsed = parseTranscript(fixture('syncope_untimed.txt'));
    assert.equal(parsed.has_timestamps, false);
    for (const u of parsed.utterances) {
      assert.deepEqual([u.start_seconds, u.end_seconds, u.timestamp_start, u.timestamp_end], [null, null, null, null]);
    }
    // line 2-3 is one patient utterance (line 3 has no label); line 4 is blank
    assert.deepEqual(parsed.utterances.map((u) => [u.line, u.line_end, u.line_span_end]), [
      [1, 1, 2], [2, 3, 5], [5, 5, 6], [6, 6, 7], [7, 7, 8], [8, 8, 9], [9, 9, 10], [10, 10, 10],
    ]);
    assert.deepEqual(parsed.utterances.map(oralCitation).slice(0, 2), ['student://oral#L1\u2013L2', 'student://oral#L2\u2013L5']);
    assert.equal(oralCitation(parsed.utterances[7] as Utterance), 'student://oral#L10\u2013L10');
  });

  it('cites an untimed utterance inside a timed transcript by lines', () => {
    const parsed = parseTranscript('[00:01] Student: A?\nPatient: B.\n[00:09] Student: C?');
    assert.deepEqual(rows(parsed).map((r) => [r[3], r[4]]), [['00:01', '00:09'], [null, null], ['00:09', '00:09']]);
    assert.equal(oralCitation(parsed.utterances[1] as Utterance), 'student://oral#L2\u2013L3');
  });
});

describe('parseTranscript: spans', () => {
  it('ends each span where the next utterance starts; only the last is zero-length', () => {
    const parsed = parseTranscript(fixture('abdominal_pain_001.txt'));
    const spans = parsed.utterances.map((u) => [u.start_seconds, u.end_seconds]);
    for (let i = 0; i + 1 < spans.length; i++) {
      assert.equal(spans[i]?.[1], spans[i + 1]?.[0]);
      assert.ok((spans[i]?.[1] as number) > (spans[i]?.[0] as number));
    }
    // the last, (01:16), starts and ends at 76 s
    assert.deepEqual(spans[spans.length - 1], [76, 76]);
  });

  it('lets utterances sharing a start time end at the next later start', () => {
    const parsed = parseTranscript('[00:10] Student: A?\n[00:10] Patient: B.\n[00:15] Student: C?');
    assert.deepEqual(rows(parsed).map((r) => [r[3], r[4]]), [['00:10', '00:15'], ['00:10', '00:15'], ['00:15', '00:15']]);
  });

  it('never produces a negative span when time goes backwards, and says where', () => {
    const parsed = parseTranscript('[00:30] Student: A?\n[00:40] Patient: B.\n[00:20] Student: C?\n[00:25] Patient: D.');
    assert.deepEqual(rows(parsed).map((r) => [r[3], r[4]]), [
      ['00:30', '00:40'],
      ['00:40', '00:40'], // followed by 00:20: zero-length, never 00:40–00:20
      ['00:20', '00:25'],
      ['00:25', '00:25'],
    ]);
    for (const u of parsed.utterances) assert.ok((u.end_seconds as number) >= (u.start_seconds as number));
    assert.deepEqual(parsed.warnings, [
      'time goes back at line 3 (00:20 after 00:40): the utterance at line 2 is given a zero-length span',
    ]);
  });
});

describe('parseTranscript: repeated blocks', () => {
  const block = ['[00:10] Student: Any fever?', '[00:12] Patient: No.', '[00:15] Student: Any cough?'];

  it('counts a verbatim repeated block of lines once and names the lines', () => {
    const text = [...block, '[00:20] Patient: A little.', '', ...block, '[00:30] Student: Thank you.'].join('\n');
    const parsed = parseTranscript(text);
    // lines 6-8 repeat lines 1-3; 3 lines dropped, 5 utterances kept
    assert.equal(parsed.duplicates_removed, 3);
    assert.deepEqual(parsed.utterances.map((u) => u.line), [1, 2, 3, 4, 9]);
    assert.deepEqual(parsed.utterances.map((u) => u.index), [0, 1, 2, 3, 4]);
    assert.deepEqual(parsed.warnings, ['lines 6–8 repeat lines 1–3 verbatim and were counted once']);
    // the span of line 4 (00:20) runs to the next kept utterance, line 9 (00:30)
    assert.deepEqual([parsed.utterances[3]?.timestamp_end, parsed.utterances[3]?.line_span_end], ['00:30', 9]);
  });

  it('keeps a single repeated line and lines that differ from the earlier block', () => {
    const text = [...block, '[00:10] Student: Any fever?', '[00:12] Patient: No!', '[00:40] Student: Done.'].join('\n');
    const parsed = parseTranscript(text);
    assert.equal(parsed.duplicates_removed, 0);
    assert.equal(parsed.utterances.length, 6);
  });

  it('does not take the same words at another time for a repeat', () => {
    // equal length, equal text, only the timestamps differ
    const text = '[00:01] Student: Any fever?\n[00:02] Patient: No.\n[00:05] Student: Any fever?\n[00:06] Patient: No.';
    const parsed = parseTranscript(text);
    assert.equal(parsed.duplicates_removed, 0);
    assert.equal(parsed.utterances.length, 4);
  });

  it('finds a repeat of lines that look alike (same length and characters in places) but differ', () => {
    // lines 3-4 differ from lines 1-2 only in their times; lines 5-6 repeat lines 3-4
    const later = ['[00:05] Student: Any fever?', '[00:06] Patient: No.'];
    const text = ['[00:01] Student: Any fever?', '[00:02] Patient: No.', ...later, ...later].join('\n');
    const parsed = parseTranscript(text);
    assert.equal(parsed.duplicates_removed, 2);
    assert.deepEqual(parsed.warnings, ['lines 5–6 repeat lines 3–4 verbatim and were counted once']);
  });

  it('finds a repeated pair of lines whose first line occurred earlier with another neighbour', () => {
    // line 1 is followed by B at first, then (lines 3-4, and again 5-6) by C
    const [a, b, c] = ['[00:01] Student: Any fever?', '[00:02] Patient: No.', '[00:02] Patient: Yes.'];
    const parsed = parseTranscript([a, b, a, c, a, c].join('\n'));
    assert.equal(parsed.duplicates_removed, 2);
    assert.deepEqual(parsed.utterances.map((u) => u.line), [1, 2, 3, 4]);
    assert.equal(parsed.warnings[0], 'lines 5–6 repeat lines 3–4 verbatim and were counted once');
  });

  it('drops the verbatim runs of a re-pasted passage and keeps the edited lines', () => {
    // lines 5-6 repeat 1-2; line 7 is edited; line 8-9 repeat 3-4
    const first = ['[00:01] Student: A?', '[00:02] Patient: B.', '[00:03] Student: C?', '[00:04] Patient: D.'];
    const text = [...first, first[0], first[1], '[00:02] Patient: B, really.', first[2], first[3]].join('\n');
    const parsed = parseTranscript(text);
    assert.equal(parsed.duplicates_removed, 4);
    assert.deepEqual(parsed.utterances.map((u) => u.line), [1, 2, 3, 4, 7]);
    assert.deepEqual(parsed.warnings, [
      'lines 5–6 repeat lines 1–2 verbatim and were counted once',
      'lines 8–9 repeat lines 3–4 verbatim and were counted once',
      'time goes back at line 7 (00:02 after 00:04): the utterance at line 4 is given a zero-length span',
    ]);
  });
});

describe('parseTranscript: size', () => {
  it('parses a 5,000-character utterance whole', () => {
    const long = 'word '.repeat(1000).trim(); // 4,999 characters
    const u = only(parseTranscript(`[00:01] Student: ${long}`));
    assert.equal(u.text.length, 4999);
  });

  it('parses a 5,000-line transcript with every line kept', () => {
    const lines: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const s = i * 3;
      const stamp = `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
      lines.push(`[${stamp}] ${i % 2 ? 'Patient' : 'Student'}: line ${i}`);
    }
    const parsed = parseTranscript(lines.join('\n'));
    assert.equal(parsed.utterances.length, 5000);
    assert.equal(parsed.duplicates_removed, 0);
    // the last line starts at 4999 * 3 = 14997 s = 04:09:57
    assert.equal(parsed.utterances[4999]?.timestamp_start, '04:09:57');
  });
});
