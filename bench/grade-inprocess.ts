// In-process grading throughput: grades per second and per CPU-second (median of several
// timed runs, one thread, so one core), per-grade latency p50/p99 and resident memory, for the reference
// examples (when ../shared/reference-data is present), the core's own fixture and a
// generated 5,000-line transcript.
//
//   node --import tsx bench/grade-inprocess.ts [--runs N] [--seconds S] [--source]
//
// The core is first compiled with its own tsconfig.build.json into node_modules/.cache (as
// an image would run it); --source grades with the TypeScript sources through tsx instead,
// which is slower because of the loader's transforms.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { grade as gradeFunction } from '../services/core/src/grade';
import type { Rubric } from '../services/core/src/types';

type Grade = typeof gradeFunction;

interface Case {
  name: string;
  rubric: Rubric;
  transcript: string;
}

const repoRoot = path.resolve(__dirname, '..');
const referenceDir = path.resolve(repoRoot, '../shared/reference-data');
const fixtureDir = path.join(repoRoot, 'services/core/test/fixtures/rubrics');

function readRubric(file: string): Rubric {
  return JSON.parse(readFileSync(file, 'utf8')) as Rubric;
}

function cases(): Case[] {
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** The grade function, compiled with tsc (default) or straight from the sources. */
function loadGrade(fromSource: boolean): { grade: Grade; code: string } {
  if (fromSource) {
    return { grade: (require('../services/core/src/grade') as { grade: Grade }).grade, code: 'TypeScript sources via tsx' };
  }
  const outDir = path.join(repoRoot, 'node_modules/.cache/medgrade-bench/core');
  rmSync(outDir, { recursive: true, force: true });
  const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(repoRoot, 'services/core/tsconfig.build.json'), '--outDir', outDir, '--sourceMap', 'false'], { stdio: 'inherit' });
  return { grade: (require(path.join(outDir, 'grade.js')) as { grade: Grade }).grade, code: 'compiled with tsc' };
}

function measure(grade: Grade, c: Case, runs: number, seconds: number) {
  const once = () => grade(c.rubric, c.transcript, { gradingId: 'bench', gradedAt: '1970-01-01T00:00:00.000Z' });
  // Warm-up on this case: per-rubric caches filled, JIT settled.
  const warmEnd = performance.now() + seconds * 1000;
  while (performance.now() < warmEnd) once();

  const rates: number[] = [];
  const cpuRates: number[] = [];
  const latencies: number[] = [];
  for (let run = 0; run < runs; run++) {
    let count = 0;
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    const end = start + seconds * 1000;
    let now = start;
    while (now < end) {
      const before = now;
      once();
      now = performance.now();
      latencies.push(now - before);
      count++;
    }
    rates.push((count * 1000) / (now - start));
    const cpu = process.cpuUsage(cpuBefore);
    cpuRates.push((count * 1e6) / (cpu.user + cpu.system));
  }
  latencies.sort((a, b) => a - b);
  return {
    gradesPerSecond: median(rates),
    gradesPerCpuSecond: median(cpuRates),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    rssMb: process.memoryUsage().rss / 1024 / 1024,
  };
}

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, seconds: { type: 'string' }, source: { type: 'boolean' } } });
  const runs = Number(values.runs ?? 5);
  const seconds = Number(values.seconds ?? 1);
  const { grade, code } = loadGrade(values.source === true);
  const list = cases();
  console.log(`in-process grade() (${code}): median of ${runs} runs of ${seconds}s each, one thread, node ${process.version}`);
  // grades per CPU-second is what one core delivers even when other processes share the machine.
  console.log('case                          grades/s  grades/cpu-s    p50 ms    p99 ms    RSS MB');
  for (const c of list) {
    const r = measure(grade, c, runs, seconds);
    console.log(
      `${c.name.padEnd(28)} ${r.gradesPerSecond.toFixed(0).padStart(9)} ${r.gradesPerCpuSecond.toFixed(0).padStart(13)} ${r.p50.toFixed(4).padStart(9)} ${r.p99.toFixed(4).padStart(9)} ${r.rssMb.toFixed(0).padStart(9)}`,
    );
  }
}

main();
