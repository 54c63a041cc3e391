// What the feedback can say about each component, before a style chooses and words it.
// Every fact cites at least one rubric anchor; facts about the student's words also cite
// them. Facts come out in a fixed order (rubric order within each component).

import { rubricCitation } from '../citations/format';
import type {
  CommunicationResult,
  QuestionsResult,
  ReasoningResult,
  Rubric,
  StructureResult,
  SummaryResult,
} from '../types';
import { sectionKey } from '../evaluators/text';

export interface Fact {
  type: 'strength' | 'improvement' | 'info';
  /** Full sentence, with figures (detailed style). */
  text: string;
  /** A few words (concise style). */
  short: string;
  /** Constructive style: a strength as encouragement, an improvement as a next step. */
  constructive: string;
  /** Higher is more important; concise feedback keeps the most important fact. */
  importance: number;
  rubric: string[];
  student: string[];
}

/**
 * A score as a whole percentage. The nudge keeps binary noise from deciding the rounding
 * (0.575 is stored as 0.57499999…, yet shows as 58%).
 */
export function pct(x: number): string {
  return `${Math.round(x * 100 + 1e-9)}%`;
}

// Whitespace other than a single space between words: only then is there anything to collapse.
const UNUSUAL_SPACING = /[^\S ]|\s\s/;

function quoteShort(text: string): string {
  const oneLine = (UNUSUAL_SPACING.test(text) ? text.replace(/\s+/g, ' ') : text).trim();
  return oneLine.length > 120 ? `${oneLine.slice(0, 119)}…` : oneLine;
}

export function structureFacts(rubric: Rubric, result: StructureResult): Fact[] {
  const cite = (anchor: string) => rubricCitation(rubric.rubric_id, anchor);
  const home = cite(rubric.structure.anchor);
  const facts: Fact[] = [];
  const detected = new Set(result.detected_order.map(sectionKey));
  const missing = result.expected_order.filter((label) => !detected.has(sectionKey(label)));
  for (const label of missing) {
    facts.push({
      type: 'improvement',
      text: `The ${label} section was not presented.`,
      short: `Missing: ${label}.`,
      constructive: `Next time, include the ${label} section.`,
      importance: 60,
      rubric: [home],
      student: [],
    });
  }
  for (const applied of result.penalties_applied) {
    const penalty = rubric.structure.penalties.find((p) => p.id === applied.id);
    if (!penalty) continue;
    facts.push({
      type: 'improvement',
      text: `${penalty.description} (penalty ${applied.value}).`,
      short: `${penalty.description}.`,
      constructive: `Next time, avoid this: ${penalty.description.charAt(0).toLowerCase()}${penalty.description.slice(1)}.`,
      importance: 70,
      rubric: [cite(penalty.anchor), home],
      student: [],
    });
  }
  const outOfOrder = result.violations.find((v) => v.includes('out of the expected order'));
  if (outOfOrder) {
    facts.push({
      type: 'improvement',
      text: `${outOfOrder}.`,
      short: 'Sections out of order.',
      constructive: `Next time, follow the order ${result.expected_order.join(' → ')}.`,
      importance: 50,
      rubric: [home],
      student: [],
    });
  }
  for (const success of result.successes) {
    facts.push({ type: 'strength', text: `${success}.`, short: `${success}.`, constructive: `${success}.`, importance: 10, rubric: [home], student: [] });
  }
  return facts;
}

export function questionFacts(rubric: Rubric, result: QuestionsResult): Fact[] {
  const cite = (anchor: string) => rubricCitation(rubric.rubric_id, anchor);
  const policy = rubric.key_questions_policy;
  const facts: Fact[] = [];
  if (result.coverage < policy.coverage_threshold) {
    facts.push({
      type: 'improvement',
      text: `Key-question coverage was ${pct(result.coverage)}, below the expected ${pct(policy.coverage_threshold)}.`,
      short: `Coverage ${pct(result.coverage)} < ${pct(policy.coverage_threshold)}.`,
      constructive: `Aim to cover at least ${pct(policy.coverage_threshold)} of the key questions (this time ${pct(result.coverage)}).`,
      importance: 100,
      rubric: [cite(policy.anchor)],
      student: [],
    });
  }
  const matches = new Map(result.matches.map((m) => [m.question_id, m]));
  for (const question of rubric.key_questions) {
    const match = matches.get(question.id);
    const critical = question.critical ? 'critical ' : '';
    if (match) {
      facts.push({
        type: 'strength',
        text: `Asked the ${critical}question “${question.label}”: “${quoteShort(match.utterance.text)}” (confidence ${match.confidence.toFixed(2)}).`,
        short: `Asked: ${question.label}`,
        constructive: `You asked “${question.label}”.`,
        importance: question.critical ? 20 : 10,
        rubric: [cite(question.anchor)],
        student: [match.citation],
      });
    } else {
      facts.push({
        type: 'improvement',
        text: `Did not ask the ${critical}question “${question.label}”.`,
        short: `Not asked: ${question.label}`,
        constructive: `Next time, ask: “${question.label}”.`,
        importance: question.critical ? 90 : 40,
        rubric: [cite(question.anchor)],
        student: [],
      });
    }
  }
  if (result.coverage >= policy.coverage_threshold) {
    facts.push({
      type: 'strength',
      text: `Key-question coverage was ${pct(result.coverage)} (expected at least ${pct(policy.coverage_threshold)}).`,
      short: `Coverage ${pct(result.coverage)}.`,
      constructive: `You covered ${pct(result.coverage)} of the key questions.`,
      importance: 30,
      rubric: [cite(policy.anchor)],
      student: [],
    });
  }
  return facts;
}

export function reasoningFacts(rubric: Rubric, result: ReasoningResult): Fact[] {
  const cite = (anchor: string) => rubricCitation(rubric.rubric_id, anchor);
  const detected = new Map(result.detected.map((d) => [d.link_id, d]));
  return rubric.reasoning.required_links.map((link): Fact => {
    const detection = detected.get(link.id);
    if (detection) {
      return {
        type: 'strength',
        text: `Reasoning link made (${link.description}): “${quoteShort(detection.matched_text)}”.`,
        short: `Linked: ${link.description}`,
        constructive: `Good reasoning: ${link.description}.`,
        importance: 10,
        rubric: [cite(link.anchor)],
        student: [detection.citation],
      };
    }
    return {
      type: 'improvement',
      text: `Reasoning link not stated: ${link.description}.`,
      short: `Missing link: ${link.description}`,
      constructive: `Next time, say the link out loud: ${link.description}.`,
      importance: 80,
      rubric: [cite(link.anchor)],
      student: [],
    };
  });
}

export function summaryFacts(rubric: Rubric, result: SummaryResult): Fact[] {
  const cite = (anchor: string) => rubricCitation(rubric.rubric_id, anchor);
  const home = cite(rubric.summary.anchor);
  const own = result.citation ? [result.citation] : [];
  const facts: Fact[] = [];
  if (result.source === 'none') {
    facts.push({
      type: 'improvement',
      text: 'No closing summary was found, so the summary elements could not be credited.',
      short: 'No summary.',
      constructive: 'Next time, close with a short summary of the case.',
      importance: 95,
      rubric: [home],
      student: [],
    });
  } else if (result.token_count > rubric.summary.max_tokens) {
    facts.push({
      type: 'improvement',
      text: `The summary ran to ${result.token_count} words, over the ${rubric.summary.max_tokens}-word limit (succinctness ${pct(result.succinct_score)}).`,
      short: `Summary too long (${result.token_count} words).`,
      constructive: `Next time, keep the summary within ${rubric.summary.max_tokens} words (this one had ${result.token_count}).`,
      importance: 60,
      rubric: [home],
      student: own,
    });
  } else {
    facts.push({
      type: 'strength',
      text: `The summary was concise: ${result.token_count} words within the ${rubric.summary.max_tokens}-word limit.`,
      short: `Concise summary.`,
      constructive: `Your summary was concise (${result.token_count} words).`,
      importance: 10,
      rubric: [home],
      student: own,
    });
  }
  const matched = new Set(result.matched_elements);
  for (const element of rubric.summary.required_elements) {
    if (matched.has(element.id)) {
      facts.push({
        type: 'strength',
        text: `The summary included: ${element.description}.`,
        short: `Included: ${element.description}`,
        constructive: `Your summary included: ${element.description}.`,
        importance: 10,
        rubric: [cite(element.anchor)],
        student: own,
      });
    } else if (result.source !== 'none') {
      facts.push({
        type: 'improvement',
        text: `The summary lacked: ${element.description}.`,
        short: `Summary lacks: ${element.description}`,
        constructive: `Next time, include in the summary: ${element.description}.`,
        importance: 55,
        rubric: [cite(element.anchor)],
        student: own,
      });
    }
  }
  return facts;
}

export function communicationFacts(rubric: Rubric, result: CommunicationResult): Fact[] {
  const cite = (anchor: string) => rubricCitation(rubric.rubric_id, anchor);
  if (rubric.communication.rules.length === 0) {
    return [
      {
        type: 'info',
        text: 'This rubric sets no communication criteria.',
        short: 'No communication criteria.',
        constructive: 'This rubric sets no communication criteria.',
        importance: 0,
        rubric: [cite(rubric.communication.anchor)],
        student: [],
      },
    ];
  }
  const matched = new Set(result.matched_rules);
  return rubric.communication.rules.map((rule): Fact => {
    const description = rule.description ?? rule.id.replace(/_/g, ' ');
    return matched.has(rule.id)
      ? { type: 'strength', text: `Communication: ${description}.`, short: `Did: ${description}`, constructive: `Good communication: ${description}.`, importance: 10, rubric: [cite(rule.anchor)], student: [] }
      : { type: 'improvement', text: `Communication criterion not met: ${description}.`, short: `Not done: ${description}`, constructive: `Next time: ${description}.`, importance: 45, rubric: [cite(rule.anchor)], student: [] };
  });
}
