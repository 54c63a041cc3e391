// structure = clamp01( LCS(detected_order, expected_order) / len(expected_order)
//                      + Σ values of the penalties that apply )
// detected_order is in the rubric's own vocabulary (rubric-sections.ts). Section labels
// compare case-insensitively. A penalty applies by its explicit `rule`, or, without one, by
// its id: `missing_<section>` (the section was never presented) or `swap_<a>_before_<b>`
// (a was first presented before b was; both presented).

import type { ParsedTranscript, PenaltyRule, Rubric, SectionResult, StructurePenalty, StructureResult } from '../types';
import { rubricOrder } from './rubric-sections';
import { sectionKey } from './text';

const MISSING_ID = /^missing_(.+)$/i;
const SWAP_ID = /^swap_(.+)_before_(.+)$/i;

export function evaluateStructure(rubric: Rubric, sections: SectionResult, parsed: ParsedTranscript): StructureResult {
  const expected = rubric.structure.expected_order;
  const detected = rubricOrder(rubric, sections, parsed);
  const plan = structurePlan(rubric);
  const detectedKeys = detected.map(sectionKey);
  const lcs = lcsLength(detectedKeys, plan.expectedKeys);
  // An empty expected order (QA rejects it) asks for nothing, so nothing is out of place.
  const lcsScore = expected.length === 0 ? 1 : lcs / expected.length;

  const applied: { id: string; value: number }[] = [];
  const penaltyViolations: string[] = [];
  let total = lcsScore;
  rubric.structure.penalties.forEach((penalty, i) => {
    const rule = plan.rules[i] as KeyedRule | null;
    if (rule === null || !ruleApplies(rule, detectedKeys)) return;
    applied.push({ id: penalty.id, value: penalty.value });
    penaltyViolations.push(`${penalty.description} (${penalty.id}: ${penalty.value})`);
    total += penalty.value;
  });

  const missing = expected.filter((_label, i) => !detectedKeys.includes(plan.expectedKeys[i] as string));
  const presented = expected.length - missing.length;
  const violations = missing.map((label) => `Section ${label} was not presented`);
  if (lcs < presented) {
    violations.push(
      `${presented - lcs} of ${presented} presented sections were out of the expected order (presented: ${detected.join(' → ')}; expected: ${plan.expectedText})`,
    );
  }
  violations.push(...penaltyViolations);

  const successes: string[] = [];
  if (expected.length > 0 && missing.length === 0) successes.push(`All ${expected.length} expected sections were presented`);
  if (lcs > 0) {
    successes.push(
      lcs === expected.length
        ? `Sections followed the expected order (${plan.expectedText})`
        : `${lcs} of ${expected.length} expected sections followed the expected order`,
    );
  }

  return {
    score: clamp01(total),
    lcs_score: lcsScore,
    detected_order: detected,
    expected_order: [...expected],
    penalties_applied: applied,
    violations,
    successes,
  };
}

/** A penalty rule with its sections as comparison keys. */
type KeyedRule = { kind: 'missing'; key: string } | { kind: 'order'; firstKey: string; thenKey: string };

/** What evaluation needs from a rubric's structure, worked out once per rubric object. */
interface StructurePlan {
  expectedKeys: string[];
  /** The expected order as the messages write it. */
  expectedText: string;
  /** The rule of each penalty, in penalty order (null: it never applies). */
  rules: (KeyedRule | null)[];
}

const planCache = new WeakMap<Rubric, StructurePlan>();

function structurePlan(rubric: Rubric): StructurePlan {
  let plan = planCache.get(rubric);
  if (!plan) {
    plan = {
      expectedKeys: rubric.structure.expected_order.map(sectionKey),
      expectedText: rubric.structure.expected_order.join(' → '),
      rules: rubric.structure.penalties.map((penalty) => keyedRule(penaltyRule(penalty))),
    };
    planCache.set(rubric, plan);
  }
  return plan;
}

function keyedRule(rule: PenaltyRule | null): KeyedRule | null {
  if (rule === null) return null;
  if (rule.kind === 'missing') return { kind: 'missing', key: sectionKey(rule.section) };
  return { kind: 'order', firstKey: sectionKey(rule.first), thenKey: sectionKey(rule.then) };
}

/** The rule deciding a penalty: its explicit `rule`, else the one its id names, else null. */
export function penaltyRule(penalty: StructurePenalty): PenaltyRule | null {
  if (penalty.rule) return penalty.rule;
  const missing = MISSING_ID.exec(penalty.id);
  if (missing) return { kind: 'missing', section: missing[1] as string };
  const swap = SWAP_ID.exec(penalty.id);
  // swap_<a>_before_<b>: the expected order is b first, then a.
  if (swap) return { kind: 'order', first: swap[2] as string, then: swap[1] as string };
  return null;
}

/** Warnings for penalties that can never apply (no rule and no id convention). */
export function structureWarnings(rubric: Rubric): string[] {
  const rules = structurePlan(rubric).rules;
  return rubric.structure.penalties
    .filter((_penalty, i) => rules[i] === null)
    .map(
      (penalty) =>
        `structure penalty "${penalty.id}" has no rule and its id follows neither missing_<section> nor swap_<a>_before_<b>; it never applies`,
    );
}

function ruleApplies(rule: KeyedRule, detectedKeys: readonly string[]): boolean {
  if (rule.kind === 'missing') return !detectedKeys.includes(rule.key);
  const first = detectedKeys.indexOf(rule.firstKey);
  const then = detectedKeys.indexOf(rule.thenKey);
  return first >= 0 && then >= 0 && then < first;
}

/**
 * Length of the longest common subsequence: the classic dynamic programme, kept in one row
 * updated in place (`diagonal` is the previous row's entry up and to the left).
 */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const itemA of a) {
    let diagonal = 0;
    for (let j = 0; j < b.length; j++) {
      const above = row[j + 1] as number;
      row[j + 1] = itemA === b[j] ? diagonal + 1 : Math.max(above, row[j] as number);
      diagonal = above;
    }
  }
  return row[b.length] as number;
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
