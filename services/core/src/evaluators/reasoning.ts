// reasoning = detected links / required links (1.0 when none are required).
// Each link's pattern is searched, case-insensitively and in linear time, through the
// student's utterances in transcript order and then through the written summary text.
// Negated stretches (see negation.ts) are blanked out before the search, so a match can
// never rest on "I don't think this is a stroke" or "ACS was ruled out". The first
// match found is the link's evidence.

import { oralCitation, summaryCitation } from '../citations/format';
import type { ParsedTranscript, ReasoningDetection, ReasoningResult, Rubric, Utterance } from '../types';
import type { LinearPattern } from './linear-regex';
import { firstTextMatching } from './literal-sequences';
import { maskNegated } from './negation';
import { foldPieces, joinPieces, textsThatMayMatch, type JoinedPieces } from './required-literals';
import { rubricPatterns } from './rubric-cache';
import { countTokens, studentUtterances } from './text';

interface SearchText {
  original: string;
  /** Same length as original, negated stretches replaced by spaces. */
  searchable: string;
  /** The utterance spoken, or null for the written summary. */
  utterance: Utterance | null;
}

export function evaluateReasoning(rubric: Rubric, parsed: ParsedTranscript, summaryText?: string): ReasoningResult {
  const links = rubric.reasoning.required_links;
  const patterns = rubricPatterns(rubric, 'reasoning link', links);
  const texts = searchTexts(parsed, summaryText);

  const detected: ReasoningDetection[] = [];
  const missing: string[] = [];
  const search = new JoinedTexts(texts);
  links.forEach((link, i) => {
    const pattern = patterns[i];
    const found = pattern ? search.firstMatch(pattern) : -1;
    const text = texts[found];
    if (!pattern || !text) {
      missing.push(link.id);
      return;
    }
    const span = pattern.spanIn(text.searchable, search.foldedText(found));
    detected.push({
      link_id: link.id,
      matched_text: text.original.slice(span.start, span.end),
      timestamp_start: text.utterance ? text.utterance.timestamp_start : null,
      timestamp_end: text.utterance ? text.utterance.timestamp_end : null,
      // Only a detected link's citation is ever needed.
      citation: text.utterance ? oralCitation(text.utterance) : summaryCitation(countTokens(text.original)),
    });
  });

  return {
    score: links.length === 0 ? 1 : detected.length / links.length,
    detected,
    missing,
  };
}

/** The searchable texts joined, once per grade, so that every link can rule most of them out at once. */
class JoinedTexts {
  private joined: JoinedPieces | null = null;
  private folded: JoinedPieces | null = null;

  constructor(private readonly texts: readonly SearchText[]) {}

  /** The index of the first text the pattern matches, in order, or -1. */
  firstMatch(pattern: LinearPattern): number {
    // Literal sequences find their first matching text in one pass, with no engine run.
    if (pattern.sequences && this.foldingKeptLengths()) return firstTextMatching(pattern.sequences, this.foldedTexts());
    if (pattern.literals.length > 0) {
      // Texts without the pattern's literals cannot match; the engine runs on the others only.
      const possible = textsThatMayMatch(pattern.literals, this.foldedTexts());
      return this.texts.findIndex((t, i) => possible[i] === 1 && pattern.testEngine(t.searchable, this.foldedText(i)));
    }
    // A match inside any single text is also a match in the joined text (for slice-safe
    // patterns), so one engine pass rules out most links at once.
    if (pattern.sliceSafe && !pattern.testEngine(this.joinedTexts().text)) return -1;
    return this.texts.findIndex((t) => pattern.testEngine(t.searchable));
  }

  /** The searchable text `i` case-folded (foldCase). */
  foldedText(i: number): string {
    const { text, starts, ends } = this.foldedTexts();
    return text.slice(starts[i], ends[i]);
  }

  /** True when folding kept the joined text's length, so offsets in the folded texts are offsets in the texts. */
  private foldingKeptLengths(): boolean {
    return this.foldedTexts().text.length === this.joinedTexts().text.length;
  }

  private joinedTexts(): JoinedPieces {
    return (this.joined ??= joinPieces(this.texts.map((t) => t.searchable)));
  }

  private foldedTexts(): JoinedPieces {
    return (this.folded ??= foldPieces(this.joinedTexts(), this.texts.map((t) => t.searchable)));
  }
}

function searchTexts(parsed: ParsedTranscript, summaryText: string | undefined): SearchText[] {
  const texts: SearchText[] = studentUtterances(parsed).map((u) => ({
    original: u.text,
    searchable: maskNegated(u.text),
    utterance: u,
  }));
  if (summaryText !== undefined && summaryText.trim() !== '') {
    texts.push({
      original: summaryText,
      searchable: maskNegated(summaryText),
      utterance: null,
    });
  }
  return texts;
}
