// Scores the engine's reports against the corpus's gold labels (definitions: eval/README.md).

import type { GradingReport, ParsedTranscript } from '../services/core/src/types';
import type { Case } from './corpus';

export interface Counts { tp: number; fp: number; fn: number }

export interface Failure {
  case: string;
  area: 'question' | 'trap' | 'citation' | 'sections' | 'link' | 'link-trap' | 'element' | 'tokens' | 'error';
  /** What went wrong, with the gold and the engine's answer. */
  text: string;
}

export interface CaseOutcome {
  questions: Counts;
  traps: { total: number; credited: number };
  citations: { total: number; correct: number };
  sections: { exact: boolean; agreement: number };
  links: Counts;
  linkTraps: { total: number; credited: number };
  elements: Counts;
  tokensExact: boolean;
  failures: Failure[];
}

export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(above, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** LCS over the longer list: 1 only for equal orders; both empty agree fully. */
export function orderAgreement(detected: readonly string[], gold: readonly string[]): number {
  const longest = Math.max(detected.length, gold.length);
  return longest === 0 ? 1 : lcsLength(detected, gold) / longest;
}

function setCounts(gold: Set<string>, predicted: Set<string>, universe: readonly string[], onMiss: (id: string, kind: 'fp' | 'fn') => void): Counts {
  const counts = { tp: 0, fp: 0, fn: 0 };
  for (const id of universe) {
    const g = gold.has(id);
    const p = predicted.has(id);
    if (g && p) counts.tp++;
    else if (p) { counts.fp++; onMiss(id, 'fp'); } else if (g) { counts.fn++; onMiss(id, 'fn'); }
  }
  return counts;
}

function quote(c: Case, line: number): string {
  return `L${line} ${JSON.stringify((c.lines[line - 1] ?? '').trim().slice(0, 140))}`;
}

/** Scores one report; `parsed` is the engine's parse of the same transcript (for the cited lines). */
export function scoreCase(c: Case, report: GradingReport, parsed: ParsedTranscript, questionIds: readonly string[], linkIds: readonly string[], elementIds: readonly string[]): CaseOutcome {
  const failures: Failure[] = [];
  const fail = (area: Failure['area'], text: string): void => { failures.push({ case: c.name, area, text }); };
  const kq = report.details.key_questions!;
  const matches = new Map(kq.matches.map((m) => [m.question_id, m]));

  const questions = setCounts(new Set(c.gold.asked.keys()), new Set(matches.keys()), questionIds, (id, kind) => {
    if (kind === 'fn') fail('question', `${id} not credited; first asked ${quote(c, c.gold.asked.get(id)!)}`);
    else if (!c.gold.trapped.has(id)) {
      const u = parsed.utterances[matches.get(id)!.utterance_index]!;
      fail('question', `${id} credited but never asked; cited ${quote(c, u.line)} (confidence ${matches.get(id)!.confidence.toFixed(2)})`);
    }
  });

  const traps = { total: 0, credited: 0 };
  for (const id of c.gold.trapped) {
    if (c.gold.asked.has(id)) continue;
    traps.total++;
    const match = matches.get(id);
    if (match) {
      traps.credited++;
      fail('trap', `${id} credited from a trap; cited ${quote(c, parsed.utterances[match.utterance_index]!.line)}`);
    }
  }

  const citations = { total: 0, correct: 0 };
  for (const [id, firstLine] of c.gold.asked) {
    const match = matches.get(id);
    if (!match) continue;
    citations.total++;
    const u = parsed.utterances[match.utterance_index]!;
    if (u.line <= firstLine && firstLine <= u.line_end) citations.correct++;
    else fail('citation', `${id} cites ${quote(c, u.line)}; first asked ${quote(c, firstLine)}`);
  }

  const detectedOrder = report.details.structure!.detected_order;
  const sections = { exact: detectedOrder.join('|') === c.gold.sections.join('|'), agreement: orderAgreement(detectedOrder, c.gold.sections) };
  if (!sections.exact) fail('sections', `detected ${detectedOrder.join(' ') || '(none)'}; gold ${c.gold.sections.join(' ') || '(none)'}`);

  const reasoning = report.details.reasoning!;
  const detectedLinks = new Map(reasoning.detected.map((d) => [d.link_id, d]));
  const links = setCounts(c.gold.links, new Set(detectedLinks.keys()), linkIds, (id, kind) => {
    if (kind === 'fn') fail('link', `${id} not detected`);
    else if (!c.gold.linkTraps.has(id)) fail('link', `${id} detected but not made: ${JSON.stringify(detectedLinks.get(id)!.matched_text.slice(0, 140))}`);
  });
  const linkTraps = { total: 0, credited: 0 };
  for (const id of c.gold.linkTraps) {
    if (c.gold.links.has(id)) continue;
    linkTraps.total++;
    if (detectedLinks.has(id)) {
      linkTraps.credited++;
      fail('link-trap', `${id} detected from a negated or generic mention: ${JSON.stringify(detectedLinks.get(id)!.matched_text.slice(0, 140))}`);
    }
  }

  const summary = report.details.summary!;
  const elements = setCounts(c.gold.summaryElements, new Set(summary.matched_elements), elementIds, (id, kind) => {
    fail('element', `${id} ${kind === 'fn' ? 'missed' : 'credited but absent'} (summary source ${summary.source}, ${summary.token_count} tokens)`);
  });
  const tokensExact = summary.token_count === c.gold.summaryTokens;
  if (!tokensExact) {
    const goldLines = c.gold.summaryLines.length ? `lines ${c.gold.summaryLines[0]}–${c.gold.summaryLines[c.gold.summaryLines.length - 1]}` : 'no sum lines';
    fail('tokens', `summary has ${summary.token_count} tokens (${summary.source}, ${summary.citation ?? 'no citation'}); gold ${c.gold.summaryTokens} (${c.summaryText !== undefined ? 'written' : goldLines})`);
  }
  return { questions, traps, citations, sections, links, linkTraps, elements, tokensExact, failures };
}

export interface SplitFigures {
  cases: number;
  errors: number;
  questions: Counts & PRF;
  trapRate: Rate;
  citationAccuracy: Rate;
  sectionExact: Rate;
  sectionAgreement: number;
  links: Counts & PRF;
  linkTrapRate: Rate;
  elements: Counts & PRF;
  tokenExact: Rate;
}

export interface PRF { precision: number; recall: number; f1: number }
export interface Rate { count: number; total: number; rate: number }

export function prf({ tp, fp, fn }: Counts): PRF {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function rate(count: number, total: number): Rate {
  return { count, total, rate: total === 0 ? 0 : count / total };
}

function add(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

export function aggregate(outcomes: readonly CaseOutcome[], errors: number): SplitFigures {
  const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
  const sum = <T>(f: (o: CaseOutcome) => T, plus: (a: T, b: T) => T, start: T): T => outcomes.reduce((acc, o) => plus(acc, f(o)), start);
  const n = (f: (o: CaseOutcome) => number): number => sum(f, (a, b) => a + b, 0);
  const questions = sum((o) => o.questions, add, zero());
  const links = sum((o) => o.links, add, zero());
  const elements = sum((o) => o.elements, add, zero());
  return {
    cases: outcomes.length + errors,
    errors,
    questions: { ...questions, ...prf(questions) },
    trapRate: rate(n((o) => o.traps.credited), n((o) => o.traps.total)),
    citationAccuracy: rate(n((o) => o.citations.correct), n((o) => o.citations.total)),
    sectionExact: rate(n((o) => (o.sections.exact ? 1 : 0)), outcomes.length),
    sectionAgreement: outcomes.length === 0 ? 0 : n((o) => o.sections.agreement) / outcomes.length,
    links: { ...links, ...prf(links) },
    linkTrapRate: rate(n((o) => o.linkTraps.credited), n((o) => o.linkTraps.total)),
    elements: { ...elements, ...prf(elements) },
    tokenExact: rate(n((o) => (o.tokensExact ? 1 : 0)), outcomes.length),
  };
}
