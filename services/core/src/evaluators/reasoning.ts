// reasoning = detected links / required links (1.0 when none are required).
// Each link's pattern is searched, case-insensitively and in linear time, through the
// student's utterances in transcript order and then through the written summary text.
// Negated stretches (see negation.ts) are blanked out before the search, so a match can
// never rest on "I don't think this is a stroke" or "ACS was ruled out". The first
// match found is the link's evidence.

import { oralCitation, summaryCitation } from '../citations/format';
import type { ParsedTranscript, ReasoningDetection, ReasoningResult, Rubric } from '../types';
import { maskNegated } from './negation';
import { rubricPatterns } from './rubric-cache';
import { countTokens, studentUtterances } from './text';

interface SearchText {
  original: string;
  /** Same length as original, negated stretches replaced by spaces. */
  searchable: string;
  timestamp_start: string | null;
  timestamp_end: string | null;
  citation: string;
}

export function evaluateReasoning(rubric: Rubric, parsed: ParsedTranscript, summaryText?: string): ReasoningResult {
  const links = rubric.reasoning.required_links;
  const patterns = rubricPatterns(rubric, 'reasoning link', links);
  const texts = searchTexts(parsed, summaryText);

  const detected: ReasoningDetection[] = [];
  const missing: string[] = [];
  // One pass over all the texts joined rules out most links at once; a match inside any
  // single text is also a match in the joined text (for slice-safe patterns).
  const joined = texts.map((t) => t.searchable).join('\n');
  links.forEach((link, i) => {
    const pattern = patterns[i];
    const text = pattern && (!pattern.sliceSafe || pattern.test(joined)) ? texts.find((t) => pattern.test(t.searchable)) : undefined;
    if (!pattern || !text) {
      missing.push(link.id);
      return;
    }
    const span = pattern.spanIn(text.searchable);
    detected.push({
      link_id: link.id,
      matched_text: text.original.slice(span.start, span.end),
      timestamp_start: text.timestamp_start,
      timestamp_end: text.timestamp_end,
      citation: text.citation,
    });
  });

  return {
    score: links.length === 0 ? 1 : detected.length / links.length,
    detected,
    missing,
  };
}

function searchTexts(parsed: ParsedTranscript, summaryText: string | undefined): SearchText[] {
  const texts: SearchText[] = studentUtterances(parsed).map((u) => ({
    original: u.text,
    searchable: maskNegated(u.text),
    timestamp_start: u.timestamp_start,
    timestamp_end: u.timestamp_end,
    citation: oralCitation(u),
  }));
  if (summaryText !== undefined && summaryText.trim() !== '') {
    texts.push({
      original: summaryText,
      searchable: maskNegated(summaryText),
      timestamp_start: null,
      timestamp_end: null,
      citation: summaryCitation(countTokens(summaryText)),
    });
  }
  return texts;
}
