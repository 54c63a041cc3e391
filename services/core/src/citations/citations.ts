// Citation checks run on every report before it leaves the grader: a report with any
// problem is never shipped. The citation formats themselves live in format.ts.

import type { GradingReport, ParsedTranscript, Rubric, Utterance } from '../types';
import { EN_DASH, ORAL_PREFIX, parseCitation, rubricCitation } from './format';

export { oralSpanCitation } from './format';

/** What the checks and the feedback need of a rubric's anchors, built once per rubric object. */
interface CitationIndex {
  anchors: ReadonlySet<string>;
  /** Anchor → its rubric citation. */
  byAnchor: ReadonlyMap<string, string>;
  /** Every well-formed rubric citation of this rubric (one per anchor). */
  valid: ReadonlySet<string>;
}

const indexCache = new WeakMap<Rubric, CitationIndex>();

function citationIndex(rubric: Rubric): CitationIndex {
  let index = indexCache.get(rubric);
  if (!index) {
    const anchors = definedAnchors(rubric);
    const byAnchor = new Map([...anchors].map((anchor) => [anchor, rubricCitation(rubric.rubric_id, anchor)]));
    index = { anchors, byAnchor, valid: new Set(byAnchor.values()) };
    indexCache.set(rubric, index);
  }
  return index;
}

/**
 * The rubric citation of each anchor the rubric defines. Feedback cites through these very
 * strings, so checking a feedback citation against them is a lookup of an already hashed string.
 */
export function rubricCitations(rubric: Rubric): ReadonlyMap<string, string> {
  return citationIndex(rubric).byAnchor;
}

/** Every anchor the rubric defines. */
export function rubricAnchors(rubric: Rubric): ReadonlySet<string> {
  return citationIndex(rubric).anchors;
}

function definedAnchors(rubric: Rubric): Set<string> {
  return new Set<string>([
    rubric.structure.anchor,
    rubric.key_questions_policy.anchor,
    rubric.reasoning.anchor,
    rubric.summary.anchor,
    rubric.communication.anchor,
    ...rubric.structure.penalties.map((p) => p.anchor),
    ...rubric.key_questions.map((q) => q.anchor),
    ...rubric.reasoning.required_links.map((l) => l.anchor),
    ...rubric.summary.required_elements.map((e) => e.anchor),
    ...rubric.communication.rules.map((r) => r.anchor),
  ]);
}

/**
 * Problems with the report's citations, each naming where it sits; empty when all is well.
 * Checked: every feedback item has a rubric citation; every rubric citation is well formed,
 * names this rubric and an anchor it defines; every student citation is well formed and,
 * when the parsed transcript is given, spans real utterances (the start of one utterance to
 * the end of the same or a later one); a summary citation counts the summary's tokens.
 */
export function validateCitations(rubric: Rubric, report: GradingReport, parsed?: ParsedTranscript): string[] {
  const problems: string[] = [];
  const check = new CitationCheck(rubric, report, parsed);
  const note = (problem: string | null, place: () => string) => {
    if (problem !== null) problems.push(`${place()}: ${problem}`);
  };
  // Places are named only for citations that fail (most do not).
  report.feedback.sections.forEach((section, s) => {
    section.items.forEach((item, i) => {
      const { rubric: rubricCitations, student } = item.citations;
      if (rubricCitations.length === 0) problems.push(`feedback.sections[${s}].items[${i}]: has no rubric citation`);
      for (let k = 0; k < rubricCitations.length; k++) {
        note(check.rubricProblem(rubricCitations[k] as string), () => `feedback.sections[${s}].items[${i}].citations.rubric[${k}]`);
      }
      for (let k = 0; k < student.length; k++) {
        note(check.studentProblem(student[k] as string), () => `feedback.sections[${s}].items[${i}].citations.student[${k}]`);
      }
    });
  });
  report.details.key_questions?.matches.forEach((m, i) => {
    note(check.studentProblem(m.citation), () => `details.key_questions.matches[${i}].citation`);
  });
  report.details.reasoning?.detected.forEach((d, i) => {
    note(check.studentProblem(d.citation), () => `details.reasoning.detected[${i}].citation`);
  });
  const summaryCitation = report.details.summary?.citation;
  if (summaryCitation) note(check.studentProblem(summaryCitation), () => 'details.summary.citation');
  return problems;
}

/** The checks of one report's citations: each says what is wrong with a citation, or null. */
class CitationCheck {
  private readonly knownGood: ReadonlySet<string>;
  /** Student citations that passed; one that failed is checked again, so each place is named. */
  private readonly goodStudent = new Set<string>();
  private readonly summaryTokens: number | null;
  private spans: SpanIndex | null = null;

  constructor(
    private readonly rubric: Rubric,
    report: GradingReport,
    private readonly parsed: ParsedTranscript | undefined,
  ) {
    this.knownGood = citationIndex(rubric).valid;
    const summary = report.details.summary;
    this.summaryTokens = summary?.source === 'summary_text' ? summary.token_count : null;
  }

  rubricProblem(citation: string): string | null {
    if (this.knownGood.has(citation)) return null;
    const rubric = this.rubric;
    const parsedCitation = parseCitation(citation);
    if (parsedCitation?.kind !== 'rubric') return `${JSON.stringify(citation)} is not a well-formed rubric citation`;
    if (parsedCitation.rubric_id !== rubric.rubric_id) {
      return `${JSON.stringify(citation)} names rubric ${parsedCitation.rubric_id}, not ${rubric.rubric_id}`;
    }
    if (!rubricAnchors(rubric).has(parsedCitation.anchor)) {
      return `anchor ${parsedCitation.anchor} is not defined in rubric ${rubric.rubric_id}`;
    }
    return null;
  }

  studentProblem(citation: string): string | null {
    if (this.goodStudent.has(citation)) return null;
    const problem = this.newStudentProblem(citation);
    if (problem === null) this.goodStudent.add(citation);
    return problem;
  }

  private newStudentProblem(citation: string): string | null {
    if (this.parsed && this.spanIndex(this.parsed).citesTimedSpan(citation)) return null;
    // anything else is read in full, which also names what is wrong
    const parsedCitation = parseCitation(citation);
    if (parsedCitation === null || parsedCitation.kind === 'rubric') {
      return `${JSON.stringify(citation)} is not a well-formed student citation`;
    }
    if (parsedCitation.kind === 'summary') {
      const tokens = this.summaryTokens;
      return tokens !== null && parsedCitation.tokens !== tokens ? `${citation} does not match the summary's ${tokens} tokens` : null;
    }
    if (this.parsed && !this.spanIndex(this.parsed).isRealSpan(parsedCitation)) {
      return `${citation} does not span utterances of the transcript`;
    }
    return null;
  }

  private spanIndex(parsed: ParsedTranscript): SpanIndex {
    return (this.spans ??= new SpanIndex(parsed.utterances));
  }
}

type OralCitation = Extract<NonNullable<ReturnType<typeof parseCitation>>, { kind: 'oral' }>;

/**
 * Whether a student citation spans real utterances: some utterance starts where it starts
 * and the same or a later one ends where it ends. A report holds few distinct student
 * citations, so the first ones are answered by scanning the utterances; only a report with
 * many builds the index of every start and end.
 */
class SpanIndex {
  private static readonly SCANS_BEFORE_INDEX = 32;
  private index: SpanMaps | null = null;
  private scans = 0;

  constructor(private readonly utterances: readonly Utterance[]) {}

  isRealSpan(citation: OralCitation): boolean {
    if (this.index === null && this.scans < SpanIndex.SCANS_BEFORE_INDEX) {
      this.scans++;
      return this.scan(citation);
    }
    this.index ??= new SpanMaps(this.utterances);
    return this.index.isRealSpan(citation);
  }

  /**
   * Whether the citation is a time citation from the start of an utterance to the end of the
   * same or a later one, told from the utterances' own timestamps: the parser has read those
   * as times, so the citation's times need not be read again, only compared as text (and
   * their order checked, as parseCitation does). False sends the citation to
   * the full check; true is only ever given where that check would find no problem.
   */
  citesTimedSpan(citation: string): boolean {
    if (!citation.startsWith(ORAL_PREFIX)) return false;
    const dash = citation.indexOf(EN_DASH, ORAL_PREFIX.length);
    if (dash < 0) return false;
    const start = citation.slice(ORAL_PREFIX.length, dash);
    const end = citation.slice(dash + 1);
    const utterances = this.utterances;
    let i = 0;
    while (i < utterances.length && (utterances[i] as Utterance).timestamp_start !== start) i++;
    if (i === utterances.length) return false;
    const startSeconds = (utterances[i] as Utterance).start_seconds as number;
    for (; i < utterances.length; i++) {
      const u = utterances[i] as Utterance;
      // every utterance ending at this time ends at the same seconds: checking the first is enough
      if (u.timestamp_end === end) return (u.end_seconds as number) >= startSeconds;
    }
    return false;
  }

  private scan(citation: OralCitation): boolean {
    const utterances = this.utterances;
    let i = 0;
    while (i < utterances.length && !startsAt(utterances[i] as Utterance, citation)) i++;
    for (; i < utterances.length; i++) if (endsAt(utterances[i] as Utterance, citation)) return true;
    return false;
  }
}

function startsAt(u: Utterance, citation: OralCitation): boolean {
  return citation.mode === 'time' ? u.timestamp_start === citation.start : u.line === citation.start_line;
}

function endsAt(u: Utterance, citation: OralCitation): boolean {
  return citation.mode === 'time' ? u.timestamp_end === citation.end : u.line_span_end === citation.end_line;
}

/** Earliest utterance starting, and latest ending, at each time and at each line. */
class SpanMaps {
  private readonly firstAtTime = new Map<string, number>();
  private readonly lastEndingAtTime = new Map<string, number>();
  private readonly firstAtLine = new Map<number, number>();
  private readonly lastEndingAtLine = new Map<number, number>();

  constructor(utterances: readonly Utterance[]) {
    utterances.forEach((u, i) => {
      if (!this.firstAtLine.has(u.line)) this.firstAtLine.set(u.line, i);
      this.lastEndingAtLine.set(u.line_span_end, i);
      if (u.timestamp_start !== null && !this.firstAtTime.has(u.timestamp_start)) this.firstAtTime.set(u.timestamp_start, i);
      if (u.timestamp_end !== null) this.lastEndingAtTime.set(u.timestamp_end, i);
    });
  }

  isRealSpan(citation: OralCitation): boolean {
    const from = citation.mode === 'time' ? this.firstAtTime.get(citation.start) : this.firstAtLine.get(citation.start_line);
    const to = citation.mode === 'time' ? this.lastEndingAtTime.get(citation.end) : this.lastEndingAtLine.get(citation.end_line);
    return from !== undefined && to !== undefined && from <= to;
  }
}
