// What the feedback can say about each component, worded in the one style asked for:
//   detailed      a full sentence, with figures;
//   concise       a few words;
//   constructive  a strength as encouragement, an improvement as a next step.
// Only the chosen style's words are built (compose.ts decides which facts a style keeps).
// Every fact cites at least one rubric anchor; facts about the student's words also cite
// them. Facts come out in a fixed order (rubric order within each component). The lists
// searched are a rubric's few entries, so plain scans stand where sets would cost more to build.

import { rubricCitations } from '../citations/citations';
import { rubricCitation } from '../citations/format';
import type {
  CommunicationResult,
  FeedbackItem,
  FeedbackStyle,
  QuestionsResult,
  ReasoningResult,
  Rubric,
  StructureResult,
  SummaryResult,
} from '../types';
import { sectionKey } from '../evaluators/text';

export interface Fact {
  /** The feedback item as it goes into the report: type, words in the chosen style, citations. */
  item: FeedbackItem;
  /** Higher is more important; concise feedback keeps the most important fact. */
  importance: number;
}

/** A fact with its own citation arrays (no two items share one). */
function fact(type: FeedbackItem['type'], text: string, importance: number, rubric: string[], student: string[] = []): Fact {
  return { item: { type, text, citations: { rubric, student } }, importance };
}

/**
 * Cites an anchor with the rubric's own citation string (rubricCitations), which the citation
 * check finds without hashing a new string.
 */
export function citer(rubric: Rubric): (anchor: string) => string {
  const citations = rubricCitations(rubric);
  return (anchor) => citations.get(anchor) ?? rubricCitation(rubric.rubric_id, anchor);
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

export function structureFacts(rubric: Rubric, result: StructureResult, style: FeedbackStyle): Fact[] {
  const cite = citer(rubric);
  const home = cite(rubric.structure.anchor);
  const facts: Fact[] = [];
  const detected = result.detected_order.map(sectionKey);
  const missing = result.expected_order.filter((label) => !detected.includes(sectionKey(label)));
  for (const label of missing) {
    const text =
      style === 'detailed'
        ? `The ${label} section was not presented.`
        : style === 'concise'
          ? `Missing: ${label}.`
          : `Next time, include the ${label} section.`;
    facts.push(fact('improvement', text, 60, [home]));
  }
  for (const applied of result.penalties_applied) {
    const penalty = rubric.structure.penalties.find((p) => p.id === applied.id);
    if (!penalty) continue;
    const text =
      style === 'detailed'
        ? `${penalty.description} (penalty ${applied.value}).`
        : style === 'concise'
          ? `${penalty.description}.`
          : `Next time, avoid this: ${penalty.description.charAt(0).toLowerCase()}${penalty.description.slice(1)}.`;
    facts.push(fact('improvement', text, 70, [cite(penalty.anchor), home]));
  }
  const outOfOrder = result.violations.find((v) => v.includes('out of the expected order'));
  if (outOfOrder) {
    const text =
      style === 'detailed'
        ? `${outOfOrder}.`
        : style === 'concise'
          ? 'Sections out of order.'
          : `Next time, follow the order ${result.expected_order.join(' → ')}.`;
    facts.push(fact('improvement', text, 50, [home]));
  }
  for (const success of result.successes) {
    facts.push(fact('strength', `${success}.`, 10, [home]));
  }
  return facts;
}

export function questionFacts(rubric: Rubric, result: QuestionsResult, style: FeedbackStyle): Fact[] {
  const cite = citer(rubric);
  const policy = rubric.key_questions_policy;
  const facts: Fact[] = [];
  if (result.coverage < policy.coverage_threshold) {
    const text =
      style === 'detailed'
        ? `Key-question coverage was ${pct(result.coverage)}, below the expected ${pct(policy.coverage_threshold)}.`
        : style === 'concise'
          ? `Coverage ${pct(result.coverage)} < ${pct(policy.coverage_threshold)}.`
          : `Aim to cover at least ${pct(policy.coverage_threshold)} of the key questions (this time ${pct(result.coverage)}).`;
    facts.push(fact('improvement', text, 100, [cite(policy.anchor)]));
  }
  for (const question of rubric.key_questions) {
    const match = result.matches.find((m) => m.question_id === question.id);
    const critical = question.critical ? 'critical ' : '';
    if (match) {
      const text =
        style === 'detailed'
          ? `Asked the ${critical}question “${question.label}”: “${quoteShort(match.utterance.text)}” (confidence ${match.confidence.toFixed(2)}).`
          : style === 'concise'
            ? `Asked: ${question.label}`
            : `You asked “${question.label}”.`;
      facts.push(fact('strength', text, question.critical ? 20 : 10, [cite(question.anchor)], [match.citation]));
    } else {
      const text =
        style === 'detailed'
          ? `Did not ask the ${critical}question “${question.label}”.`
          : style === 'concise'
            ? `Not asked: ${question.label}`
            : `Next time, ask: “${question.label}”.`;
      facts.push(fact('improvement', text, question.critical ? 90 : 40, [cite(question.anchor)]));
    }
  }
  if (result.coverage >= policy.coverage_threshold) {
    const text =
      style === 'detailed'
        ? `Key-question coverage was ${pct(result.coverage)} (expected at least ${pct(policy.coverage_threshold)}).`
        : style === 'concise'
          ? `Coverage ${pct(result.coverage)}.`
          : `You covered ${pct(result.coverage)} of the key questions.`;
    facts.push(fact('strength', text, 30, [cite(policy.anchor)]));
  }
  return facts;
}

export function reasoningFacts(rubric: Rubric, result: ReasoningResult, style: FeedbackStyle): Fact[] {
  const cite = citer(rubric);
  return rubric.reasoning.required_links.map((link): Fact => {
    const detection = result.detected.find((d) => d.link_id === link.id);
    if (detection) {
      const text =
        style === 'detailed'
          ? `Reasoning link made (${link.description}): “${quoteShort(detection.matched_text)}”.`
          : style === 'concise'
            ? `Linked: ${link.description}`
            : `Good reasoning: ${link.description}.`;
      return fact('strength', text, 10, [cite(link.anchor)], [detection.citation]);
    }
    const text =
      style === 'detailed'
        ? `Reasoning link not stated: ${link.description}.`
        : style === 'concise'
          ? `Missing link: ${link.description}`
          : `Next time, say the link out loud: ${link.description}.`;
    return fact('improvement', text, 80, [cite(link.anchor)]);
  });
}

export function summaryFacts(rubric: Rubric, result: SummaryResult, style: FeedbackStyle): Fact[] {
  const cite = citer(rubric);
  const home = cite(rubric.summary.anchor);
  const own = () => (result.citation ? [result.citation] : []);
  const maxTokens = rubric.summary.max_tokens;
  const facts: Fact[] = [];
  if (result.source === 'none') {
    const text =
      style === 'detailed'
        ? 'No closing summary was found, so the summary elements could not be credited.'
        : style === 'concise'
          ? 'No summary.'
          : 'Next time, close with a short summary of the case.';
    facts.push(fact('improvement', text, 95, [home]));
  } else if (result.token_count > maxTokens) {
    const text =
      style === 'detailed'
        ? `The summary ran to ${result.token_count} words, over the ${maxTokens}-word limit (succinctness ${pct(result.succinct_score)}).`
        : style === 'concise'
          ? `Summary too long (${result.token_count} words).`
          : `Next time, keep the summary within ${maxTokens} words (this one had ${result.token_count}).`;
    facts.push(fact('improvement', text, 60, [home], own()));
  } else {
    const text =
      style === 'detailed'
        ? `The summary was concise: ${result.token_count} words within the ${maxTokens}-word limit.`
        : style === 'concise'
          ? `Concise summary.`
          : `Your summary was concise (${result.token_count} words).`;
    facts.push(fact('strength', text, 10, [home], own()));
  }
  for (const element of rubric.summary.required_elements) {
    if (result.matched_elements.includes(element.id)) {
      const text =
        style === 'detailed'
          ? `The summary included: ${element.description}.`
          : style === 'concise'
            ? `Included: ${element.description}`
            : `Your summary included: ${element.description}.`;
      facts.push(fact('strength', text, 10, [cite(element.anchor)], own()));
    } else if (result.source !== 'none') {
      const text =
        style === 'detailed'
          ? `The summary lacked: ${element.description}.`
          : style === 'concise'
            ? `Summary lacks: ${element.description}`
            : `Next time, include in the summary: ${element.description}.`;
      facts.push(fact('improvement', text, 55, [cite(element.anchor)], own()));
    }
  }
  return facts;
}

export function communicationFacts(rubric: Rubric, result: CommunicationResult, style: FeedbackStyle): Fact[] {
  const cite = citer(rubric);
  if (rubric.communication.rules.length === 0) {
    const text = style === 'concise' ? 'No communication criteria.' : 'This rubric sets no communication criteria.';
    return [fact('info', text, 0, [cite(rubric.communication.anchor)])];
  }
  return rubric.communication.rules.map((rule): Fact => {
    const description = rule.description ?? rule.id.replace(/_/g, ' ');
    if (result.matched_rules.includes(rule.id)) {
      const text =
        style === 'detailed'
          ? `Communication: ${description}.`
          : style === 'concise'
            ? `Did: ${description}`
            : `Good communication: ${description}.`;
      return fact('strength', text, 10, [cite(rule.anchor)]);
    }
    const text =
      style === 'detailed'
        ? `Communication criterion not met: ${description}.`
        : style === 'concise'
          ? `Not done: ${description}`
          : `Next time: ${description}.`;
    return fact('improvement', text, 45, [cite(rule.anchor)]);
  });
}
