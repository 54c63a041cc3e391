// In-process grading throughput: grades per second and per CPU-second (median of several
// timed runs, one thread, so one core), per-grade latency p50/p99 and resident memory, for the reference
// examples (when ../shared/reference-data is present), the core's own fixture and a
// generated 5,000-line transcript.
//
//   node --import tsx bench/grade-inprocess.ts [--runs N] [--seconds S] [--source]
//
// --source grades with the TypeScript sources through tsx instead of the compiled core
// (see support/cases.ts).

import { parseArgs } from 'node:util';
import { benchCases, loadCore, median, percentile, type Case, type GradingCore } from './support/cases';

type Grade = GradingCore['grade'];

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
  const { core, code } = loadCore(values.source === true);
  const grade = core.grade;
  const list = benchCases();
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
