// Checks the evaluation corpus against its own rules (eval/README.md): every label names
// something of the case's rubric, labels sit on lines that can carry them, rubrics pass QA.
//
//   node --import tsx eval/check.ts [eval/dev] [eval/test]

import path from 'node:path';
import { validateRubric } from '../services/core/src/qa/validate';
import type { Rubric } from '../services/core/src/types';
import { CorpusError, loadSplit, SPLITS, type Case, type Split, type SplitCorpus } from './corpus';

export const KNOWN_KINDS = new Set([
  'paraphrase', 'lay', 'british', 'american', 'consequence', 'closed', 'leading', 'compound', 'relative',
  'unlabelled', 'statement-trap', 'volunteered-trap', 'generic-trap', 'substring-trap', 'spoken-summary',
  'multiline-summary', 'examiner-prompt', 'counselling', 'shorthand', 'written-summary', 'no-summary',
  'negated-link', 'lay-link', 'generic-link', 'no-phrases', 'vocabulary', 'stray-question',
  'format-bracketed', 'format-parenthesised', 'format-bare', 'format-hours', 'format-untimed',
  'format-unlabelled', 'format-continuation', 'format-crlf', 'format-bom', 'format-duplicates',
]);

/** Labels the speaker cannot carry: only the student asks, starts sections, makes links and summarises. */
const NOT_STUDENT = /^\s*(?:[[(]?\d{1,3}(?::\d{2}){1,2}[\])]?\s*(?:[-–—|]\s+)?)?(patient|pt|p|examiner|mum|mom|dad|father|mother|husband|wife|daughter|son|partner|nurse|parent)\.?:\s/i;

function rubricProblems(rubric: Rubric): string[] {
  const qa = validateRubric(rubric);
  return qa.errors.filter((e) => e.code !== 'no_phrases').map((e) => `${e.pointer} ${e.code}: ${e.message}`);
}

function caseProblems(c: Case, rubric: Rubric): string[] {
  const problems: string[] = [];
  const questions = new Set(rubric.key_questions.map((q) => q.id));
  const links = new Set(rubric.reasoning.required_links.map((l) => l.id));
  const elements = new Set(rubric.summary.required_elements.map((e) => e.id));
  const sections = new Set(rubric.structure.expected_order);
  for (const kind of c.kinds) if (!KNOWN_KINDS.has(kind)) problems.push(`unknown kind "${kind}"`);
  for (const id of c.gold.summaryElements) if (!elements.has(id)) problems.push(`summary_elements names "${id}", not an element of ${rubric.rubric_id}`);
  for (const id of c.gold.links) if (!links.has(id) && !c.labels.some((l) => l.kind === 'link' && l.value === id)) problems.push(`summary_links names "${id}", not a link of ${rubric.rubric_id}`);
  const seen = new Set<string>();
  for (const label of c.labels) {
    const where = `line ${label.line}`;
    const known = label.kind === 'q' || label.kind === 'trap' ? questions
      : label.kind === 'link' || label.kind === 'nolink' ? links
        : label.kind === 'sec' ? sections : null;
    if (known && !known.has(label.value)) problems.push(`${where}: ${label.kind}:${label.value} names nothing of ${rubric.rubric_id}`);
    const key = `${label.line} ${label.value}`;
    if ((label.kind === 'q' || label.kind === 'trap') && seen.has(`${key} ${label.kind === 'q' ? 'trap' : 'q'}`)) problems.push(`${where}: both q: and trap: for "${label.value}"`);
    seen.add(`${key} ${label.kind}`);
    if (label.kind !== 'trap' && NOT_STUDENT.test(c.lines[label.line - 1] ?? '')) problems.push(`${where}: ${label.kind === 'sum' ? 'sum' : `${label.kind}:${label.value}`} on a line that is not the student's`);
    if ((c.lines[label.line - 1] ?? '').trim() === '') problems.push(`${where}: label on a blank line`);
  }
  if (c.summaryText !== undefined && c.gold.summaryLines.length > 0) problems.push('has a written summary and sum lines: the written summary is the one graded');
  if (c.summaryText !== undefined && !c.kinds.includes('written-summary')) problems.push('has a written summary file but not the kind written-summary');
  return problems;
}

export interface CheckResult {
  corpus: SplitCorpus;
  problems: string[];
}

export function checkSplit(split: Split, root?: string): CheckResult {
  const corpus = loadSplit(split, root);
  const problems: string[] = [];
  for (const [id, rubric] of corpus.rubrics) for (const p of rubricProblems(rubric)) problems.push(`${split}/rubrics/${id}.json: ${p}`);
  for (const c of corpus.cases) {
    const rubric = corpus.rubrics.get(c.rubricId);
    if (!rubric) { problems.push(`${c.file}: no rubric "${c.rubricId}" in ${split}/rubrics`); continue; }
    for (const p of caseProblems(c, rubric)) problems.push(`${c.file}: ${p}`);
  }
  return { corpus, problems };
}

function coverage(corpus: SplitCorpus): string {
  const counts = new Map<string, number>();
  for (const c of corpus.cases) for (const k of c.kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  const missing = [...KNOWN_KINDS].filter((k) => !counts.has(k));
  return `${corpus.rubrics.size} rubrics, ${corpus.cases.length} cases; kinds not covered: ${missing.length ? missing.join(', ') : 'none'}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const dirs = args.length ? args.map((a) => path.resolve(a)) : SPLITS.map((s) => path.join(__dirname, s));
  let failed = false;
  for (const dir of dirs) {
    const split = path.basename(dir) as Split;
    if (!SPLITS.includes(split)) { console.error(`eval/check: unknown split "${split}" (dev or test)`); process.exit(2); }
    try {
      const { corpus, problems } = checkSplit(split, path.dirname(dir));
      console.log(`${split}: ${coverage(corpus)}`);
      for (const p of problems) console.log(`  ${p}`);
      failed ||= problems.length > 0;
    } catch (error) {
      if (!(error instanceof CorpusError)) throw error;
      console.log(`${split}: ${error.message}`);
      failed = true;
    }
  }
  process.exit(failed ? 1 : 0);
}

if (require.main === module) main();
