// Compatibility with the reference transcripts and rubrics (read-only, outside the
// repository). Skipped when the folder is absent.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateStructure } from '../src/evaluators/structure';
import { matchQuestions } from '../src/questions/match';
import { parseTranscript } from '../src/transcript/parse';
import { segmentSections } from '../src/transcript/sections';
import type { ParsedTranscript, QuestionsResult, Rubric } from '../src/types';

const repoRoot = path.resolve(__dirname, '../../..');
const referenceData = path.resolve(repoRoot, '../shared/reference-data');

function load(transcript: string, rubric: string): { parsed: ParsedTranscript; rubric: Rubric } {
  return {
    parsed: parseTranscript(readFileSync(path.join(referenceData, transcript), 'utf8')),
    rubric: JSON.parse(readFileSync(path.join(referenceData, rubric), 'utf8')) as Rubric,
  };
}

function citedBy(result: QuestionsResult): Record<string, string> {
  return Object.fromEntries(result.matches.map((m) => [m.question_id, m.citation]));
}

// Both rubrics expect CC HPI ROS PMH SH FH Summary and have no Meds section: the medication
// questions fold into PMH, and the chest pain student's single "ever had chest pain like
// this before?" back in the history of the complaint adds no entry.
const HISTORY_ORDER = ['CC', 'HPI', 'ROS', 'PMH', 'SH', 'FH', 'Summary'];
const presented = (parsed: ParsedTranscript, rubric: Rubric) => evaluateStructure(rubric, segmentSections(parsed), parsed).detected_order;

describe('reference transcripts (compatibility)', function () {
  before(function () {
    if (!existsSync(referenceData)) this.skip();
  });

  describe('stroke_transcript_001', () => {
    it('drops the verbatim re-pasted runs and keeps the two edited lines', () => {
      const { parsed } = load('stroke_transcript_001.txt', 'stroke_v1.json');
      // lines 22-32 repeat 5-15 (11 lines) and 34-37 repeat 17-20 (4 lines); 38 lines − 15 = 23 utterances
      assert.equal(parsed.duplicates_removed, 15);
      assert.equal(parsed.utterances.length, 23);
      assert.deepEqual(parsed.utterances.slice(-2).map((u) => [u.line, u.speaker, u.timestamp_start]), [
        [33, 'patient', '01:10'], // "I take lisinopril and metformin." differs from line 16
        [38, 'student', '01:35'], // the summary without "highly" differs from line 21
      ]);
      assert.deepEqual(parsed.warnings, [
        'lines 22–32 repeat lines 5–15 verbatim and were counted once',
        'lines 34–37 repeat lines 17–20 verbatim and were counted once',
        'time goes back at line 33 (01:10 after 01:35): the utterance at line 21 is given a zero-length span',
      ]);
      for (const u of parsed.utterances) assert.ok((u.end_seconds as number) >= (u.start_seconds as number));
    });

    it('finds the history sections in order, in the rubric\'s labels', () => {
      const { parsed, rubric } = load('stroke_transcript_001.txt', 'stroke_v1.json');
      assert.deepEqual(presented(parsed, rubric), HISTORY_ORDER);
    });

    it('credits onset, weakness/speech, sudden onset, headache, vision and medications, not prior stroke', () => {
      const { parsed, rubric } = load('stroke_transcript_001.txt', 'stroke_v1.json');
      const result = matchQuestions(rubric, parsed);
      assert.deepEqual(citedBy(result), {
        onset_time: 'student://oral#00:12\u201300:15', // "When did you first notice the weakness?"
        focal_symptoms: 'student://oral#00:20\u201300:25', // "Which parts of your body are affected?"
        sudden_onset: 'student://oral#00:30\u201300:33', // "Did this come on suddenly or gradually?"
        headache: 'student://oral#00:40\u201300:45',
        vision_changes: 'student://oral#00:40\u201300:45',
        medications: 'student://oral#01:07\u201301:10', // "Are you taking medications for those?"
      });
      // "history of stroke" was only asked about the family (01:25) and said in the summary
      assert.deepEqual(result.unmatched, ['prior_stroke']);
      // critical weight 2: onset, focal, sudden, medications matched (8) + headache, vision (2) = 10 of 12
      assert.equal(result.score, 10 / 12);
    });
  });

  describe('chest_pain_transcript_001', () => {
    it('parses 27 utterances without duplicates or warnings', () => {
      const { parsed } = load('chest_pain_transcript_001.txt', 'chest_pain_v1.json');
      assert.equal(parsed.utterances.length, 27);
      assert.equal(parsed.duplicates_removed, 0);
      assert.deepEqual(parsed.warnings, []);
    });

    it('finds the history sections in order, the ED opening as CC and the summary as Summary', () => {
      const { parsed, rubric } = load('chest_pain_transcript_001.txt', 'chest_pain_v1.json');
      const sections = segmentSections(parsed);
      assert.deepEqual(presented(parsed, rubric), HISTORY_ORDER);
      assert.deepEqual(sections.sections[0], { label: 'CC', utterance_indexes: [0, 1] });
      assert.deepEqual(sections.sections[sections.sections.length - 1], { label: 'Summary', utterance_indexes: [26] });
    });

    it('credits quality, onset, radiation, associated symptoms and smoking', () => {
      const { parsed, rubric } = load('chest_pain_transcript_001.txt', 'chest_pain_v1.json');
      const result = matchQuestions(rubric, parsed);
      assert.deepEqual(citedBy(result), {
        pain_quality: 'student://oral#00:12\u201300:16', // "describe the pain"
        radiation: 'student://oral#00:30\u201300:34', // "Does it radiate?"
        onset_timing: 'student://oral#00:22\u201300:25', // "When did the pain start?"
        associated_symptoms: 'student://oral#01:00\u201301:05',
        cardiac_risk_factors: 'student://oral#01:35\u201301:37', // "Do you smoke?"
      });
      // location and exertion were never asked; heart disease was asked about the family only
      assert.deepEqual(result.unmatched, ['pain_location', 'exertion_relation', 'prior_cardiac_history']);
      // all eight are critical: 5 × 2 / (8 × 2)
      assert.equal(result.score, 10 / 16);
    });
  });
});
