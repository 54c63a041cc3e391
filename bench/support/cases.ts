// What the in-process benchmarks grade, and the grading core they grade with.
//
// Cases: the reference examples (when ../shared/reference-data is present), the core's own
// fixture and a generated 5,000-line transcript. The core is compiled with its own
// tsconfig.build.json into node_modules/.cache (as an image runs it); `fromSource` loads
// the TypeScript sources through tsx instead, which is slower because of the loader.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type * as Core from '../../services/core/src/index';
import type { Rubric } from '../../services/core/src/types';

export type GradingCore = typeof Core;

export interface Case {
  name: string;
  rubric: Rubric;
  transcript: string;
}

const repoRoot = path.resolve(__dirname, '../..');
const referenceDir = path.resolve(repoRoot, '../shared/reference-data');
const fixtureDir = path.join(repoRoot, 'services/core/test/fixtures/rubrics');

function readRubric(file: string): Rubric {
  return JSON.parse(readFileSync(file, 'utf8')) as Rubric;
}

export function benchCases(): Case[] {
  const list: Case[] = [];
  for (const name of ['stroke', 'chest_pain']) {
    const rubricFile = path.join(referenceDir, `${name}_v1.json`);
    const transcriptFile = path.join(referenceDir, `${name}_transcript_001.txt`);
    if (existsSync(rubricFile) && existsSync(transcriptFile)) {
      list.push({ name: `${name}_v1 (reference)`, rubric: readRubric(rubricFile), transcript: readFileSync(transcriptFile, 'utf8') });
    }
  }
  const fixture = readRubric(path.join(fixtureDir, 'abdominal_pain_v1.json'));
  list.push({
    name: 'abdominal_pain_v1 (fixture)',
    rubric: fixture,
    transcript: readFileSync(path.join(fixtureDir, 'abdominal_pain_transcript_001.txt'), 'utf8'),
  });
  list.push({ name: 'generated 5,000 lines', rubric: fixture, transcript: generatedTranscript(5000) });
  return list;
}

/** A long interview: student questions and patient answers, every line distinct. */
function generatedTranscript(lines: number): string {
  const questions = [
    'Where is the pain exactly, can you point to where it hurts?',
    'When did the pain start and has it moved since then?',
    'Any nausea or vomiting, and when was your last bowel movement?',
    'Have you had a fever or chills at home?',
    'I think the pain moving from the belly button to the right lower quadrant suggests appendicitis.',
    'I do not think this is gastroenteritis, there is no diarrhea.',
  ];
  const answers = ['It is here on the right side.', 'It started yesterday evening.', 'I was sick twice this morning.', 'No fever that I noticed.'];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const seconds = i * 4;
    const stamp = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':');
    const student = i % 2 === 0;
    const text = student ? questions[(i / 2) % questions.length] : answers[((i - 1) / 2) % answers.length];
    out.push(`[${stamp}] ${student ? 'Student' : 'Patient'}: ${text} (${i})`);
  }
  return out.join('\n');
}

/** The grading core, compiled with tsc (default) or straight from the sources. */
export function loadCore(fromSource: boolean): { core: GradingCore; code: string } {
  if (fromSource) {
    return { core: require('../../services/core/src/index') as GradingCore, code: 'TypeScript sources via tsx' };
  }
  const outDir = path.join(repoRoot, 'node_modules/.cache/medgrade-bench/core');
  rmSync(outDir, { recursive: true, force: true });
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'services/core/tsconfig.build.json'), '--outDir', outDir, '--sourceMap', 'false'], { stdio: 'inherit' });
  return { core: require(path.join(outDir, 'index.js')) as GradingCore, code: 'compiled with tsc' };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
