// `npm run eval`: grades every case of the evaluation corpus in-process and prints, for dev and
// test separately, how the engine's decisions compare with the gold labels.
//
//   npm run eval [-- --split dev|test] [--failures] [--kind KIND] [--case SUBSTRING] [--json]

import { grade, parseTranscript } from '../services/core/src/index';
import { loadSplit, SPLITS, type Case, type Split, type SplitCorpus } from './corpus';
import { aggregate, scoreCase, type CaseOutcome, type Failure, type SplitFigures } from './metrics';

interface Options {
  splits: Split[];
  failures: boolean;
  kind?: string;
  caseFilter?: string;
  json: boolean;
}

const USAGE = 'usage: npm run eval -- [--split dev|test] [--failures] [--kind KIND] [--case SUBSTRING] [--json]';

function parseArgs(argv: string[]): Options {
  const options: Options = { splits: [...SPLITS], failures: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--split') {
      const split = value();
      if (!SPLITS.includes(split as Split)) throw new UsageError(`unknown split "${split}"`);
      options.splits = [split as Split];
    } else if (arg === '--failures') options.failures = true;
    else if (arg === '--kind') options.kind = value();
    else if (arg === '--case') options.caseFilter = value();
    else if (arg === '--json') options.json = true;
    else throw new UsageError(`unknown option "${arg}"`);
  }
  return options;
}

class UsageError extends Error {}

export interface SplitRun {
  split: Split;
  figures: SplitFigures;
  failures: Failure[];
}

function selected(c: Case, options: Pick<Options, 'kind' | 'caseFilter'>): boolean {
  return (!options.kind || c.kinds.includes(options.kind)) && (!options.caseFilter || c.name.includes(options.caseFilter));
}

export function evaluateSplit(corpus: SplitCorpus, options: Pick<Options, 'kind' | 'caseFilter'> = {}): SplitRun {
  const outcomes: CaseOutcome[] = [];
  const failures: Failure[] = [];
  let errors = 0;
  for (const c of corpus.cases.filter((x) => selected(x, options))) {
    const rubric = corpus.rubrics.get(c.rubricId);
    if (!rubric) throw new Error(`${c.file}: no rubric "${c.rubricId}"`);
    try {
      const report = grade(rubric, c.transcript, { summaryText: c.summaryText, style: 'detailed', gradingId: 'eval', gradedAt: '2026-01-01T00:00:00Z' });
      const outcome = scoreCase(c, report, parseTranscript(c.transcript),
        rubric.key_questions.map((q) => q.id), rubric.reasoning.required_links.map((l) => l.id), rubric.summary.required_elements.map((e) => e.id));
      outcomes.push(outcome);
      failures.push(...outcome.failures);
    } catch (error) {
      errors++;
      failures.push({ case: c.name, area: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  }
  return { split: corpus.split, figures: aggregate(outcomes, errors), failures };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const f2 = (x: number): string => x.toFixed(3);

function printFigures({ split, figures: f }: SplitRun): void {
  const rows: [string, string][] = [
    ['cases (grading errors)', `${f.cases} (${f.errors})`],
    ['key questions P / R / F1', `${f2(f.questions.precision)} / ${f2(f.questions.recall)} / ${f2(f.questions.f1)}  (tp ${f.questions.tp}, fp ${f.questions.fp}, fn ${f.questions.fn})`],
    ['question traps credited', `${pct(f.trapRate.rate)}  (${f.trapRate.count} of ${f.trapRate.total})`],
    ['citation accuracy (first ask)', `${pct(f.citationAccuracy.rate)}  (${f.citationAccuracy.count} of ${f.citationAccuracy.total})`],
    ['section order exact', `${pct(f.sectionExact.rate)}  (${f.sectionExact.count} of ${f.sectionExact.total})`],
    ['section LCS agreement (mean)', f2(f.sectionAgreement)],
    ['links P / R / F1', `${f2(f.links.precision)} / ${f2(f.links.recall)} / ${f2(f.links.f1)}  (tp ${f.links.tp}, fp ${f.links.fp}, fn ${f.links.fn})`],
    ['negated/generic link traps credited', `${pct(f.linkTrapRate.rate)}  (${f.linkTrapRate.count} of ${f.linkTrapRate.total})`],
    ['summary elements P / R / F1', `${f2(f.elements.precision)} / ${f2(f.elements.recall)} / ${f2(f.elements.f1)}  (tp ${f.elements.tp}, fp ${f.elements.fp}, fn ${f.elements.fn})`],
    ['summary token count exact', `${pct(f.tokenExact.rate)}  (${f.tokenExact.count} of ${f.tokenExact.total})`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n== ${split}`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

function printFailures({ split, failures }: SplitRun): void {
  console.log(`\n-- failing items of ${split} (${failures.length})`);
  let current = '';
  for (const f of failures) {
    if (f.case !== current) { console.log(`  ${f.case}`); current = f.case; }
    console.log(`    [${f.area}] ${f.text}`);
  }
}

function main(): void {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`eval: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  const runs = options.splits.map((split) => evaluateSplit(loadSplit(split), options));
  if (options.json) {
    console.log(JSON.stringify(runs.map((r) => ({ split: r.split, figures: r.figures, failures: options.failures ? r.failures : undefined })), null, 2));
    return;
  }
  if (options.kind || options.caseFilter) console.log(`(only cases${options.kind ? ` of kind ${options.kind}` : ''}${options.caseFilter ? ` named *${options.caseFilter}*` : ''})`);
  for (const run of runs) {
    printFigures(run);
    if (options.failures) printFailures(run);
  }
}

if (require.main === module) main();
