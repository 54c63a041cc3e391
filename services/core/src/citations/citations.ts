// Citation checks run on every report before it leaves the grader: a report with any
// problem is never shipped. The citation formats themselves live in format.ts.

import type { GradingReport, ParsedTranscript, Rubric, Utterance } from '../types';
import { oralCitation, parseCitation, rubricCitation } from './format';

/** Cites the stretch from the start of `first` to the end of `last` (same notation as oralCitation). */
export function oralSpanCitation(first: Utterance, last: Utterance): string {
  return oralCitation({
    ...first,
    timestamp_end: last.timestamp_end,
    end_seconds: last.end_seconds,
    line_end: last.line_end,
    line_span_end: last.line_span_end,
  });
}

const anchorCache = new WeakMap<Rubric, ReadonlySet<string>>();
const citationCache = new WeakMap<Rubric, ReadonlySet<string>>();

/** Every well-formed rubric citation of this rubric (one per anchor). */
function validRubricCitations(rubric: Rubric): ReadonlySet<string> {
  let valid = citationCache.get(rubric);
  if (!valid) {
    valid = new Set([...rubricAnchors(rubric)].map((anchor) => rubricCitation(rubric.rubric_id, anchor)));
    citationCache.set(rubric, valid);
  }
  return valid;
}

/** Every anchor the rubric defines. */
export function rubricAnchors(rubric: Rubric): ReadonlySet<string> {
  const cached = anchorCache.get(rubric);
  if (cached) return cached;
  const anchors = new Set<string>([
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
  anchorCache.set(rubric, anchors);
  return anchors;
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
  let spans: SpanIndex | null = null;
  const spanIndex = () => (spans ??= parsed ? new SpanIndex(parsed.utterances) : null);
  const summaryTokens = report.details.summary?.source === 'summary_text' ? report.details.summary.token_count : null;

  const knownGood = validRubricCitations(rubric);
  const checkedStudent = new Set<string>();
  const checkRubric = (citation: string, where: string) => {
    if (knownGood.has(citation)) return;
    const parsedCitation = parseCitation(citation);
    if (parsedCitation?.kind !== 'rubric') {
      problems.push(`${where}: ${JSON.stringify(citation)} is not a well-formed rubric citation`);
    } else if (parsedCitation.rubric_id !== rubric.rubric_id) {
      problems.push(`${where}: ${JSON.stringify(citation)} names rubric ${parsedCitation.rubric_id}, not ${rubric.rubric_id}`);
    } else if (!rubricAnchors(rubric).has(parsedCitation.anchor)) {
      problems.push(`${where}: anchor ${parsedCitation.anchor} is not defined in rubric ${rubric.rubric_id}`);
    }
  };
  const checkStudent = (citation: string, where: string) => {
    if (checkedStudent.has(citation)) return;
    const before = problems.length;
    checkStudentOnce(citation, where);
    if (problems.length === before) checkedStudent.add(citation);
  };
  const checkStudentOnce = (citation: string, where: string) => {
    const parsedCitation = parseCitation(citation);
    if (parsedCitation === null || parsedCitation.kind === 'rubric') {
      problems.push(`${where}: ${JSON.stringify(citation)} is not a well-formed student citation`);
    } else if (parsedCitation.kind === 'summary') {
      if (summaryTokens !== null && parsedCitation.tokens !== summaryTokens) {
        problems.push(`${where}: ${citation} does not match the summary's ${summaryTokens} tokens`);
      }
    } else if (parsed && !spanIndex()?.isRealSpan(parsedCitation)) {
      problems.push(`${where}: ${citation} does not span utterances of the transcript`);
    }
  };

  // Places are named only for citations not already known to be good (most are).
  report.feedback.sections.forEach((section, s) => {
    section.items.forEach((item, i) => {
      const where = () => `feedback.sections[${s}].items[${i}]`;
      if (item.citations.rubric.length === 0) problems.push(`${where()}: has no rubric citation`);
      item.citations.rubric.forEach((c, k) => {
        if (!knownGood.has(c)) checkRubric(c, `${where()}.citations.rubric[${k}]`);
      });
      item.citations.student.forEach((c, k) => {
        if (!checkedStudent.has(c)) checkStudent(c, `${where()}.citations.student[${k}]`);
      });
    });
  });
  report.details.key_questions?.matches.forEach((m, i) => {
    if (!checkedStudent.has(m.citation)) checkStudent(m.citation, `details.key_questions.matches[${i}].citation`);
  });
  report.details.reasoning?.detected.forEach((d, i) => {
    if (!checkedStudent.has(d.citation)) checkStudent(d.citation, `details.reasoning.detected[${i}].citation`);
  });
  const summaryCitation = report.details.summary?.citation;
  if (summaryCitation) checkStudent(summaryCitation, 'details.summary.citation');
  return problems;
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
