// summary  = 0.5·succinct + 0.5·elements
// succinct = max(0, 1 − max(0, tokens − max_tokens) / overflow_divisor)
// elements = matched / required (1.0 when none are required)
// tokens   = whitespace-separated words of the summary text.
//
// The summary text is the written summary when one is given (not blank); else the
// student's words in the Summary section of the oral transcript (the spoken summary found
// by transcript/summary-span.ts, the last one when the student restated it); else there is none
// (source 'none', 0 tokens, so succinct = 1 and the elements are judged on empty text).
// An element with a pattern matches when the pattern (linear-time engine, case-insensitive)
// is found in the text; an element with `pattern: null` is decided by the built-in detector
// named by its id (summary-detectors.ts); an unknown id is simply not matched.

import { summaryCitation } from '../citations/format';
import { oralSpanCitation } from '../citations/citations';
import type { ParsedTranscript, Rubric, SectionResult, SummaryResult, Utterance } from '../types';
import { foldCase } from './required-literals';
import { rubricPatterns } from './rubric-cache';
import { summaryDetector } from './summary-detectors';
import { normalisedSummary } from './summary-text';
import { countTokens, sectionKey } from './text';

const SUMMARY_LABEL = 'Summary';

export interface ResolvedSummary {
  text: string;
  source: SummaryResult['source'];
  citation: string | null;
}

export function evaluateSummary(
  rubric: Rubric,
  parsed: ParsedTranscript,
  sections: SectionResult,
  summaryText?: string,
): SummaryResult {
  const { text, source, citation } = resolveSummary(parsed, sections, summaryText);
  const { max_tokens: maxTokens, overflow_divisor: overflowDivisor, required_elements: elements } = rubric.summary;
  const tokens = countTokens(text);
  const succinct = Math.max(0, 1 - Math.max(0, tokens - maxTokens) / overflowDivisor);

  const patterns = rubricPatterns(rubric, 'summary element', elements);
  // Folded once for all the patterns (they run case-insensitively); the normalised form only when needed.
  const folded = foldCase(text);
  let normalised: string | null = null;
  const readable = (): string => (normalised ??= normalisedSummary(text));
  const matched: string[] = [];
  const missing: string[] = [];
  elements.forEach((element, i) => {
    const pattern = patterns[i];
    const found = pattern
      ? pattern.test(text, folded) || pattern.test(readable())
      : (summaryDetector(element.id)?.(readable()) ?? false);
    (found ? matched : missing).push(element.id);
  });
  const elementsScore = elements.length === 0 ? 1 : matched.length / elements.length;

  return {
    score: 0.5 * succinct + 0.5 * elementsScore,
    token_count: tokens,
    succinct_score: succinct,
    elements_score: elementsScore,
    matched_elements: matched,
    missing_elements: missing,
    source,
    citation,
  };
}

/** Where the summary comes from, its text and how to cite it. */
export function resolveSummary(
  parsed: ParsedTranscript,
  sections: SectionResult,
  summaryText: string | undefined,
): ResolvedSummary {
  if (summaryText !== undefined && summaryText.trim() !== '') {
    return { text: summaryText, source: 'summary_text', citation: summaryCitation(countTokens(summaryText)) };
  }
  for (let i = sections.sections.length - 1; i >= 0; i--) {
    const section = sections.sections[i];
    if (!section || sectionKey(section.label) !== sectionKey(SUMMARY_LABEL)) continue;
    const spoken = section.utterance_indexes
      .map((index) => parsed.utterances[index])
      .filter((u): u is Utterance => u !== undefined && u.speaker === 'student');
    const first = spoken[0];
    const last = spoken[spoken.length - 1];
    if (!first || !last) continue;
    return {
      text: spoken.map((u) => u.text).join(' '),
      source: 'oral_summary_section',
      citation: oralSpanCitation(first, last),
    };
  }
  return { text: '', source: 'none', citation: null };
}

/** Warnings for elements without a pattern whose id no built-in detector knows. */
export function summaryWarnings(rubric: Rubric): string[] {
  return rubric.summary.required_elements
    .filter((element) => element.pattern == null && summaryDetector(element.id) === null)
    .map(
      (element) =>
        `summary element "${element.id}" has no pattern and no built-in detector has that id; it is never matched`,
    );
}
