// Resolves the loose names teachers use ("key questions", "summary max tokens", "the
// medicines question") to rubric locations. Unknown or ambiguous names are ClauseErrors.

import { COMPONENTS, type Component, type KeyQuestion, type Rubric } from '../types';

/** A clause was recognised but cannot be carried out; the message says why. */
export class ClauseError extends Error {}

export interface NumericSetting {
  /** RFC 6901 pointer of the number. */
  pointer: string;
  /** Name used in messages, e.g. "key_questions weight". */
  name: string;
  /** Fractions accept "20%" as 0.2; counts do not. */
  fraction: boolean;
  component?: Component;
}

const COMPONENT_ALIASES: Record<Component, string[]> = {
  structure: ['structure', 'organisation', 'organization', 'presentation structure'],
  key_questions: ['key questions', 'key question', 'questions', 'question', 'history taking', 'history questions'],
  reasoning: ['reasoning', 'clinical reasoning'],
  summary: ['summary', 'closing summary'],
  communication: ['communication', 'communication skills'],
};

const SETTINGS: { aliases: string[]; setting: NumericSetting }[] = [
  {
    aliases: ['max tokens', 'maximum tokens', 'max token', 'token limit', 'tokens', 'length', 'word limit', 'max words', 'maximum words', 'maximum length', 'max length'],
    setting: { pointer: '/summary/max_tokens', name: 'summary max_tokens', fraction: false },
  },
  { aliases: ['overflow divisor', 'divisor'], setting: { pointer: '/summary/overflow_divisor', name: 'summary overflow_divisor', fraction: false } },
  {
    aliases: ['coverage threshold', 'coverage', 'threshold'],
    setting: { pointer: '/key_questions_policy/coverage_threshold', name: 'coverage_threshold', fraction: true },
  },
  {
    aliases: ['critical weight', 'critical question weight', 'critical questions weight', 'weight of critical questions'],
    setting: { pointer: '/key_questions_policy/critical_weight', name: 'critical_weight', fraction: false },
  },
  {
    aliases: ['noncritical weight', 'non critical weight', 'noncritical question weight', 'non critical question weight', 'noncritical questions weight', 'non critical questions weight'],
    setting: { pointer: '/key_questions_policy/noncritical_weight', name: 'noncritical_weight', fraction: false },
  },
];
/** Words that may precede a setting name without changing its meaning. */
const SETTING_QUALIFIERS = /^(?:summary|summary's|key questions?|questions?|policy)\s+/;

function normaliseName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[_-]+/g, ' ')
    .replace(/'s\b/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^(?:the|a|an)\s+/, '')
    .trim();
}

export function resolveComponent(name: string): Component | undefined {
  const key = normaliseName(name);
  return COMPONENTS.find((component) => COMPONENT_ALIASES[component].includes(key));
}

/** A component weight ("summary", "summary weight", "weight of summary") or another numeric setting. */
export function resolveNumericSetting(target: string): NumericSetting {
  const name = normaliseName(target)
    .replace(/^weight(?:ing)? (?:of|for) (?:the )?(.+)$/, '$1 weight')
    .replace(/\bweighting\b/, 'weight');
  const bare = name.replace(SETTING_QUALIFIERS, '');
  const setting = SETTINGS.find((entry) => entry.aliases.includes(name) || entry.aliases.includes(bare))?.setting;
  if (setting) return setting;
  const component = resolveComponent(name.replace(/\s+(?:weight|component|score)$/, ''));
  if (component) return { pointer: `/weights/${component}`, name: `${component} weight`, fraction: true, component };
  throw new ClauseError(
    `"${target}" is not a component or setting; components are ${COMPONENTS.join(', ')}; settings are max tokens, overflow divisor, coverage threshold, critical weight, noncritical weight`,
  );
}

// ------------------------------------------------------------------ questions

const STOPWORDS = new Set(
  'a an the any of on about for to and or is are was were you your did do does what when where which how has have had question questions key'.split(' '),
);

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function contentWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !STOPWORDS.has(word))
    .map(stem);
}

export interface ResolvedQuestion {
  index: number;
  question: KeyQuestion;
}

/** Finds a question by id, anchor, label, or by words all found in its id and label. */
export function resolveQuestion(rubric: Rubric, reference: string): ResolvedQuestion {
  const questions = rubric.key_questions.map((question, index) => ({ index, question }));
  const ref = reference.trim().toLowerCase().replace(/^(?:the|a|an)\s+/, '').replace(/^(?:key\s+)?question\s+/, '').replace(/\s+question$/, '').trim();
  const asId = ref.replace(/[\s-]+/g, '_');
  const exact = questions.filter(
    ({ question }) =>
      question.id.toLowerCase() === asId || question.anchor.toLowerCase() === ref || question.anchor.toLowerCase() === `#${ref}` || question.label.toLowerCase() === ref,
  );
  if (exact.length === 1) return exact[0] as ResolvedQuestion;
  const wanted = contentWords(ref);
  const byWords =
    wanted.length === 0
      ? []
      : questions.filter(({ question }) => {
          const words = new Set([...contentWords(question.id.replace(/_/g, ' ')), ...contentWords(question.label)]);
          return wanted.every((word) => words.has(word));
        });
  if (byWords.length === 1) return byWords[0] as ResolvedQuestion;
  const ids = (byWords.length > 1 ? byWords : questions).map(({ question }) => question.id).join(', ');
  throw new ClauseError(
    byWords.length > 1 ? `"${ref}" matches several questions (${ids}); name one by its id` : `no question matches "${ref}"; the questions are ${ids}`,
  );
}
