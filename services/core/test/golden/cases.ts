// The golden reports: which rubric and transcript each one grades, and how it is rendered.
// `node --import tsx services/core/test/golden/update.ts` rewrites them; golden.test.ts only compares.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { grade } from '../../src/grade';
import type { FeedbackStyle, Rubric } from '../../src/types';

export const GOLDEN_DIR = __dirname;
const repoRoot = path.resolve(__dirname, '../../../..');
export const REFERENCE_DIR = path.resolve(repoRoot, '../shared/reference-data');
const FIXTURE_DIR = path.resolve(__dirname, '../fixtures/rubrics');

export interface GoldenCase {
  /** File name under test/golden. */
  file: string;
  rubricFile: string;
  transcriptFile: string;
  style: FeedbackStyle;
  /** True for the reference examples, which may be absent from a clone. */
  reference: boolean;
}

export const GOLDEN_CASES: readonly GoldenCase[] = [
  ...(['detailed', 'constructive', 'concise'] as const).map((style) => ({
    file: `abdominal_pain_v1.${style}.json`,
    rubricFile: path.join(FIXTURE_DIR, 'abdominal_pain_v1.json'),
    transcriptFile: path.join(FIXTURE_DIR, 'abdominal_pain_transcript_001.txt'),
    style,
    reference: false,
  })),
  ...['stroke', 'chest_pain'].map((name) => ({
    file: `${name}_v1.detailed.json`,
    rubricFile: path.join(REFERENCE_DIR, `${name}_v1.json`),
    transcriptFile: path.join(REFERENCE_DIR, `${name}_transcript_001.txt`),
    style: 'detailed' as const,
    reference: true,
  })),
];

export function referenceDataPresent(): boolean {
  return existsSync(REFERENCE_DIR);
}

/** The report exactly as the golden file stores it (fixed id and time, two-space JSON, final newline). */
export function renderGolden(c: GoldenCase): string {
  const rubric = JSON.parse(readFileSync(c.rubricFile, 'utf8')) as Rubric;
  const transcript = readFileSync(c.transcriptFile, 'utf8');
  const report = grade(rubric, transcript, { style: c.style, gradingId: 'golden', gradedAt: '2026-01-01T00:00:00.000Z' });
  return `${JSON.stringify(report, null, 2)}\n`;
}
