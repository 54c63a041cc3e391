import assert from 'node:assert/strict';
import { validateCitations } from '../src/citations/citations';
import { grade } from '../src/grade';
import { parseTranscript } from '../src/transcript/parse';
import type { FeedbackStyle } from '../src/types';
import { fixtureRubric } from './fixtures/rubrics/build';

const TRANSCRIPT = [
  "[00:04] Student: Hello, I'm Dr. Okafor. What brings you in today?",
  '[00:09] Patient: Pain in my stomach.',
  '[00:14] Student: Where is the pain?',
  '[00:18] Patient: Low on the right.',
  '[00:23] Student: To summarize, a 22-year-old woman with right lower quadrant pain, likely appendicitis.',
].join('\n');

describe('grade', () => {
  it('returns the report with the documented field layout', () => {
    const report = grade(fixtureRubric(), TRANSCRIPT, { gradingId: 'id-1', gradedAt: '2026-01-01T00:00:00.000Z' });
    assert.deepEqual(Object.keys(report), [
      'grading_id', 'rubric_id', 'rubric_version', 'status', 'graded_at', 'overall_score',
      'component_scores', 'details', 'feedback', 'warnings',
    ]);
    assert.equal(report.grading_id, 'id-1');
    assert.equal(report.rubric_id, 'abdominal_pain_v1');
    assert.equal(report.rubric_version, '1.2.0');
    assert.equal(report.status, 'complete');
    assert.deepEqual(Object.keys(report.component_scores), ['structure', 'key_questions', 'reasoning', 'summary', 'communication']);
    assert.deepEqual(Object.keys(report.details), ['structure', 'key_questions', 'reasoning', 'summary']);
    assert.deepEqual(Object.keys(report.details.structure!), [
      'score', 'lcs_score', 'detected_order', 'expected_order', 'penalties_applied', 'violations', 'successes',
    ]);
    assert.deepEqual(Object.keys(report.details.key_questions!.matches[0]!), [
      'question_id', 'anchor', 'utterance', 'confidence', 'matched_by', 'citation', 'utterance_index',
    ]);
    assert.deepEqual(Object.keys(report.details.summary!).slice(0, 6), [
      'score', 'token_count', 'succinct_score', 'elements_score', 'matched_elements', 'missing_elements',
    ]);
    assert.deepEqual(Object.keys(report.feedback), ['overall_summary', 'sections']);
    assert.deepEqual(validateCitations(fixtureRubric(), report, parseTranscript(TRANSCRIPT)), []);
  });

  it('has its student citations checked against the real utterance spans', () => {
    const parsed = parseTranscript(TRANSCRIPT);
    const report = grade(fixtureRubric(), TRANSCRIPT, { summaryText: 'Likely appendicitis.' });
    // Utterances start at 00:04, 00:09, 00:14, 00:18, 00:23 and end where the next starts (the last at its own start).
    report.details.key_questions!.matches[0]!.citation = 'student://oral#00:05\u201300:09';
    report.details.summary!.citation = 'student://summary#tokens=3';
    report.feedback.sections[0]!.items[0]!.citations.student.push('student://oral#00:04\u201300:23', 'student://oral#00:14\u201300:09');
    assert.deepEqual(validateCitations(fixtureRubric(), report, parsed), [
      // a span that ends before it starts is malformed
      'feedback.sections[0].items[0].citations.student[1]: "student://oral#00:14\u201300:09" is not a well-formed student citation',
      'details.key_questions.matches[0].citation: student://oral#00:05\u201300:09 does not span utterances of the transcript',
      "details.summary.citation: student://summary#tokens=3 does not match the summary's 2 tokens",
    ]);
  });

  it('reads a span of real utterances as fully as any other citation', () => {
    // Time goes back at line 2 (so the first utterance ends at its own start, 00:10) and the
    // notation changes at line 3. Every citation below starts and ends at real utterance times.
    const transcript = '[00:10] Student: Where is the pain?\n[00:05] Patient: Here.\n[00:00:20] Patient: Since this morning.';
    const parsed = parseTranscript(transcript);
    const report = grade(fixtureRubric(), transcript);
    report.feedback.sections[0]!.items[0]!.citations.student.push(
      'student://oral#00:10\u201300:00:20', // the first three utterances, in the transcript's two notations
      'student://oral#00:10\u201300:10', // the zero-length span of the first utterance
      'student://oral#00:05\u201300:10', // from the second utterance back to the end of the first
    );
    assert.deepEqual(validateCitations(fixtureRubric(), report, parsed), [
      'feedback.sections[0].items[0].citations.student[2]: student://oral#00:05\u201300:10 does not span utterances of the transcript',
    ]);
  });

  it('grades a recording that passes the hour and switches from MM:SS to H:MM:SS', () => {
    const transcript = '[59:50] Patient: I have pain in my belly.\n[59:58] Student: Where is the pain?\n[1:00:05] Patient: Here, on the right.';
    const report = grade(fixtureRubric(), transcript);
    const match = report.details.key_questions?.matches.find((m) => m.utterance.timestamp_start === '59:58');
    assert.ok(match, 'the question at 59:58 is matched');
    assert.equal(match.citation, 'student://oral#59:58\u20131:00:05');
    assert.deepEqual(match.utterance, { text: 'Where is the pain?', timestamp_start: '59:58', timestamp_end: '1:00:05' });
  });

  it('grades a written summary when one is given and cites it by tokens', () => {
    const summaryText = 'A 22-year-old woman with migrating pain, vomiting and fever. No diarrhea. History of asthma. Likely appendicitis.';
    const report = grade(fixtureRubric(), TRANSCRIPT, { summaryText });
    // 16 tokens; all five elements → 1
    assert.equal(report.details.summary?.source, 'summary_text');
    assert.equal(report.details.summary?.citation, 'student://summary#tokens=16');
    assert.equal(report.details.summary?.score, 1);
  });

  it('cites line numbers and reports null timestamps for a transcript without times', () => {
    const untimed = 'Student: Where is the pain?\nPatient: On the right.\nStudent: When did the pain start?';
    const report = grade(fixtureRubric(), untimed);
    const match = report.details.key_questions?.matches[0];
    assert.equal(match?.citation, 'student://oral#L1\u2013L2');
    assert.equal(match?.utterance.timestamp_start, null);
  });

  it('passes the parser warnings and the rubric warnings on', () => {
    const rubric = fixtureRubric();
    rubric.summary.required_elements.push({ id: 'mystery', anchor: '#A.summary', description: 'x', pattern: null });
    const repeated = `${TRANSCRIPT}\n${TRANSCRIPT.split('\n').slice(1, 4).join('\n')}`;
    const report = grade(rubric, repeated);
    assert.ok(report.warnings.some((w) => /verbatim/.test(w)), report.warnings.join('\n'));
    assert.ok(report.warnings.includes('summary element "mystery" has no pattern and no built-in detector has that id; it is never matched'));
  });

  it('produces different feedback for each style', () => {
    const texts = (['constructive', 'detailed', 'concise'] as FeedbackStyle[]).map((style) =>
      JSON.stringify(grade(fixtureRubric(), TRANSCRIPT, { style, gradingId: 'x', gradedAt: 'y' }).feedback),
    );
    assert.equal(new Set(texts).size, 3);
  });

  it('rejects an unknown style', () => {
    assert.throws(() => grade(fixtureRubric(), TRANSCRIPT, { style: 'harsh' as FeedbackStyle }), /unknown feedback style "harsh"/);
  });
});
