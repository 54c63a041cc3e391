// structure = clamp01( LCS(detected_order, expected_order) / len(expected_order)
//                      + Σ values of the penalties that apply )
// Section labels compare case-insensitively. A penalty applies by its explicit `rule`, or,
// without one, by its id: `missing_<section>` (the section was never presented) or
// `swap_<a>_before_<b>` (a was first presented before b was; both presented).

import type { PenaltyRule, Rubric, SectionResult, StructurePenalty, StructureResult } from '../types';
import { sectionKey } from './text';

const MISSING_ID = /^missing_(.+)$/i;
const SWAP_ID = /^swap_(.+)_before_(.+)$/i;

export function evaluateStructure(rubric: Rubric, sections: SectionResult): StructureResult {
  const expected = rubric.structure.expected_order;
  const detected = sections.detected_order;
  const expectedKeys = expected.map(sectionKey);
  const detectedKeys = detected.map(sectionKey);
  const lcs = lcsLength(detectedKeys, expectedKeys);
  // An empty expected order (QA rejects it) asks for nothing, so nothing is out of place.
  const lcsScore = expected.length === 0 ? 1 : lcs / expected.length;

  const applied: { id: string; value: number }[] = [];
  const penaltyViolations: string[] = [];
  let total = lcsScore;
  for (const penalty of rubric.structure.penalties) {
    const rule = penaltyRule(penalty);
    if (rule === null || !ruleApplies(rule, detectedKeys)) continue;
    applied.push({ id: penalty.id, value: penalty.value });
    penaltyViolations.push(`${penalty.description} (${penalty.id}: ${penalty.value})`);
    total += penalty.value;
  }

  const missing = expected.filter((label) => !detectedKeys.includes(sectionKey(label)));
  const presented = expected.length - missing.length;
  const violations = missing.map((label) => `Section ${label} was not presented`);
  if (lcs < presented) {
    violations.push(
      `${presented - lcs} of ${presented} presented sections were out of the expected order (presented: ${detected.join(' → ')}; expected: ${expected.join(' → ')})`,
    );
  }
  violations.push(...penaltyViolations);

  const successes: string[] = [];
  if (expected.length > 0 && missing.length === 0) successes.push(`All ${expected.length} expected sections were presented`);
  if (lcs > 0) {
    successes.push(
      lcs === expected.length
        ? `Sections followed the expected order (${expected.join(' → ')})`
        : `${lcs} of ${expected.length} expected sections followed the expected order`,
    );
  }

  return {
    score: clamp01(total),
    lcs_score: lcsScore,
    detected_order: [...detected],
    expected_order: [...expected],
    penalties_applied: applied,
    violations,
    successes,
  };
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
  return rubric.structure.penalties
    .filter((penalty) => penaltyRule(penalty) === null)
    .map(
      (penalty) =>
        `structure penalty "${penalty.id}" has no rule and its id follows neither missing_<section> nor swap_<a>_before_<b>; it never applies`,
    );
}

function ruleApplies(rule: PenaltyRule, detectedKeys: readonly string[]): boolean {
  if (rule.kind === 'missing') return !detectedKeys.includes(sectionKey(rule.section));
  const first = detectedKeys.indexOf(sectionKey(rule.first));
  const then = detectedKeys.indexOf(sectionKey(rule.then));
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
