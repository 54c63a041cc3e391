// reasoning = detected links / required links (1.0 when none are required).
// Each link's pattern is searched, case-insensitively and in linear time, through the
// student's utterances in transcript order and then through the written summary text.
// Negated stretches (see negation.ts) are blanked out before the search, so a match can
// never rest on "I don't think this is a stroke" or "ACS was ruled out". The first
// match found is the link's evidence.

import { oralSpanCitation } from '../citations/citations';
import { oralCitation, summaryCitation } from '../citations/format';
import { annotateConcepts, annotateReading } from '../lexicon/annotate';
import { studentReadings, type UtteranceReading } from '../lexicon/reading';
import { spokenSummary } from '../transcript/summary-span';
import type { ParsedTranscript, ReasoningDetection, ReasoningResult, Rubric, Utterance } from '../types';
import type { LinearPattern } from './linear-regex';
import { firstTextMatching } from './literal-sequences';
import { maskGeneric, maskNegated, maskQuestions } from './negation';
import { foldPieces, joinPieces, textsThatMayMatch, type JoinedPieces } from './required-literals';
import { rubricPatterns } from './rubric-cache';
import { countTokens, studentUtterances } from './text';

interface SearchText {
  original: string;
  /** The original with clinical names written in after lay words (lexicon/annotate.ts), negated stretches replaced by spaces. */
  searchable: string;
  /** Offsets in `searchable` → offsets in `original` (see AnnotatedText). */
  toOriginal: (offset: number, edge: 'start' | 'end') => number;
  /** The utterance spoken, or null for the written summary. */
  utterance: Utterance | null;
  /** For the spoken summary searched as one text: its last utterance. */
  through: Utterance | null;
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
    const last = text.through ?? text.utterance;
    detected.push({
      link_id: link.id,
      matched_text: text.original.slice(text.toOriginal(span.start, 'start'), text.toOriginal(span.end, 'end')),
      timestamp_start: text.utterance ? text.utterance.timestamp_start : null,
      timestamp_end: last ? last.timestamp_end : null,
      // Only a detected link's citation is ever needed.
      citation: !text.utterance ? summaryCitation(countTokens(text.original))
        : text.through ? oralSpanCitation(text.utterance, text.through) : oralCitation(text.utterance),
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

const SAME_OFFSET = (offset: number): number => offset;

function searchText(original: string, utterance: Utterance | null, through: Utterance | null = null, reading?: UtteranceReading | null): SearchText {
  const annotated = reading ? annotateReading(reading) : annotateConcepts(original);
  return {
    original,
    searchable: maskGeneric(maskNegated(maskQuestions(annotated ? annotated.text : original))),
    toOriginal: annotated ? annotated.toOriginal : SAME_OFFSET,
    utterance,
    through,
  };
}

/**
 * What links are searched in, in order: each student utterance, then each two consecutive
 * utterances of a spoken summary as one text (findings on one line, the conclusion on the
 * next), then the written summary.
 */
function searchTexts(parsed: ParsedTranscript, summaryText: string | undefined): SearchText[] {
  const readings = studentReadings(parsed);
  const texts: SearchText[] = studentUtterances(parsed).map((u) => searchText(u.text, u, null, readings[u.index]));
  const spoken = spokenSummary(parsed)?.utterances ?? [];
  for (let i = 0; i + 1 < spoken.length; i++) {
    const first = parsed.utterances[spoken[i] as number] as Utterance;
    const second = parsed.utterances[spoken[i + 1] as number] as Utterance;
    texts.push(searchText(`${first.text} ${second.text}`, first, second));
  }
  if (summaryText !== undefined && summaryText.trim() !== '') texts.push(searchText(summaryText, null));
  return texts;
}
