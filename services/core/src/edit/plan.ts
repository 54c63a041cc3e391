// Deterministic natural-language rubric editor: instruction → clauses → RFC 6902 patch,
// previewed with a diff and the QA report of the result. Nothing here guesses: a clause
// either matches a documented phrasing (docs/rubric-edits.md) and resolves against the
// rubric, or the whole edit is refused with what was and was not understood.

import type { EditPreview, JsonPatchOperation, KeyQuestion, Rubric } from '../types';
import { validateRubric, normalisePhrase } from '../qa/validate';
import { diffRubrics } from './diff';
import { InstructionSyntaxError, splitInstruction, type Clause } from './instruction';
import { applyJsonPatch, JsonPatchError } from './json-patch';
import { cloneJson, readPointer } from './json-pointer';
import { ClauseError, resolveComponent, resolveNumericSetting, resolveQuestion } from './targets';

export type { EditPreview } from '../types';

export class RubricEditError extends Error {
  /** What each understood clause was taken to mean. */
  readonly understood: string[];
  /** Each clause that could not be understood or carried out, with the reason ("clause: reason"). */
  readonly not_understood: string[];

  constructor(understood: string[], notUnderstood: string[]) {
    const tail = understood.length > 0 ? ` (understood: ${understood.join('; ')})` : '';
    super(`could not plan the rubric edit: ${notUnderstood.join('; ')}${tail}`);
    this.name = 'RubricEditError';
    this.understood = understood;
    this.not_understood = notUnderstood;
  }
}

interface ClausePlan {
  ops: JsonPatchOperation[];
  understood: string;
}

interface ClauseContext {
  rubric: Rubric;
  quotes: string[];
}

type ClauseParser = (text: string, context: ClauseContext) => ClausePlan | null;

const SHAPE_CODES = new Set(['invalid_type', 'missing_field']);

export function planRubricEdit(rubric: Rubric, instruction: string): EditPreview {
  // Rubrics may arrive unvalidated (e.g. over gRPC); semantic errors are fine — an edit may
  // fix them — but a wrong shape would make the planner guess.
  const shapeErrors = validateRubric(rubric).errors.filter((issue) => SHAPE_CODES.has(issue.code));
  if (shapeErrors.length > 0) {
    throw new RubricEditError([], shapeErrors.map((issue) => `the rubric itself is malformed at "${issue.pointer}": ${issue.message}`));
  }
  let split;
  try {
    split = splitInstruction(instruction);
  } catch (error) {
    if (error instanceof InstructionSyntaxError) throw new RubricEditError([], [error.message]);
    throw error;
  }
  const patch: JsonPatchOperation[] = [];
  const understood: string[] = [];
  const notUnderstood: string[] = [];
  // Each clause is planned against the rubric as the clauses before it left it.
  let working = cloneJson(rubric);
  for (const clause of split.clauses) {
    try {
      const plan = planClause(clause, { rubric: working, quotes: split.quotes });
      working = applyJsonPatch(working, plan.ops) as Rubric;
      patch.push(...plan.ops);
      understood.push(plan.understood);
    } catch (error) {
      if (error instanceof ClauseError) notUnderstood.push(`${clause.display}: ${error.message}`);
      else if (error instanceof JsonPatchError) notUnderstood.push(`${clause.display}: the rubric lacks the expected field (${error.message})`);
      else throw error;
    }
  }
  if (notUnderstood.length > 0) throw new RubricEditError(understood, notUnderstood);
  // Replaying the whole patch on the original proves the patch alone yields the preview.
  const after = applyJsonPatch(rubric, patch) as Rubric;
  return { patch, before: cloneJson(rubric), after, diff: diffRubrics(rubric, after), qa: validateRubric(after), understood };
}

const PARSERS: ClauseParser[] = [parseNumeric, parseAddQuestion, parseCritical, parseAddPhrases, parseRemovePhrases, parseRemoveQuestion];

function planClause(clause: Clause, context: ClauseContext): ClausePlan {
  for (const parser of PARSERS) {
    const plan = parser(clause.text, context);
    if (plan !== null) return plan;
  }
  throw new ClauseError(
    'not a supported edit (weights and settings, max tokens, phrases, critical / not critical, add or remove a question)',
  );
}

// ------------------------------------------------------------------ numbers

const NUMBER = '(-?(?:\\d+(?:\\.\\d+)?|\\.\\d+))\\s*(%|percent|per cent)?';
const SET_VERBS = 'set|change|make|update|adjust|put|limit|cap';
const UP_VERBS = 'increase|raise|boost|bump up|bump|up';
const DOWN_VERBS = 'decrease|lower|reduce|cut|drop';
const VERB_CHANGE = new RegExp(`^(${SET_VERBS}|${UP_VERBS}|${DOWN_VERBS})\\s+(.+?)\\s+(to|by|at)\\s+${NUMBER}(?:\\s+(tokens|words))?$`);
const ADD_AMOUNT = new RegExp(`^add\\s+${NUMBER}\\s+to\\s+(.+)$`);
const SUBTRACT_AMOUNT = new RegExp(`^(?:subtract|take|remove)\\s+${NUMBER}\\s+(?:off|from)\\s+(.+)$`);
const ASSIGN = new RegExp(`^(?:(?:${SET_VERBS})\\s+)?(.+?)\\s*(?:=|:|\\bto\\b)\\s*${NUMBER}$`);

type Direction = 'set' | 'up' | 'down';

function parseNumeric(text: string, { rubric }: ClauseContext): ClausePlan | null {
  const verbForm = VERB_CHANGE.exec(text);
  if (verbForm) {
    const [, verb, target, preposition, amount, percent, unit] = verbForm as unknown as string[];
    const direction: Direction = new RegExp(`^(?:${UP_VERBS})$`).test(verb as string)
      ? 'up'
      : new RegExp(`^(?:${DOWN_VERBS})$`).test(verb as string)
        ? 'down'
        : 'set';
    if (preposition === 'by' && direction === 'set') throw new ClauseError(`"${verb} … by" is ambiguous: say increase or decrease by an amount`);
    const settingName = unit !== undefined ? 'max tokens' : (target as string);
    return planNumber(rubric, settingName, preposition === 'by' ? direction : 'set', Number(amount), percent, direction);
  }
  const added = ADD_AMOUNT.exec(text);
  if (added) return planNumber(rubric, added[3] as string, 'up', Number(added[1]), added[2], 'up');
  const subtracted = SUBTRACT_AMOUNT.exec(text);
  if (subtracted) return planNumber(rubric, subtracted[3] as string, 'down', Number(subtracted[1]), subtracted[2], 'down');
  const assigned = ASSIGN.exec(text);
  if (assigned && !/^(?:add|remove|delete|mark)\b/.test(text)) {
    return planNumber(rubric, assigned[1] as string, 'set', Number(assigned[2]), assigned[3], 'set');
  }
  return null;
}

function planNumber(rubric: Rubric, target: string, change: Direction, amount: number, percent: string | undefined, said: Direction): ClausePlan {
  const setting = resolveNumericSetting(target);
  if (percent !== undefined && !setting.fraction) throw new ClauseError(`${setting.name} is a count, not a fraction, so "%" does not apply`);
  const value = percent !== undefined ? amount / 100 : amount;
  const current = readPointer(rubric, setting.pointer);
  if (typeof current !== 'number') throw new ClauseError(`the rubric has no number at ${setting.pointer}`);
  // Rounded to 9 decimals so 0.2 + 0.05 reads 0.25, not 0.25000000000000006.
  const next = Math.round((change === 'set' ? value : change === 'up' ? current + value : current - value) * 1e9) / 1e9;
  if (next === current) return { ops: [], understood: `${setting.name} is already ${current} (no change)` };
  const ops: JsonPatchOperation[] = [{ op: 'replace', path: setting.pointer, value: next }];
  // communication.weight mirrors weights.communication; keep them in step when they agree.
  if (setting.component === 'communication' && rubric.communication.weight === current) {
    ops.push({ op: 'replace', path: '/communication/weight', value: next });
  }
  const contrary = (said === 'up' && next < current) || (said === 'down' && next > current);
  const note = contrary ? ` (the instruction said ${said === 'up' ? 'increase' : 'decrease'}, but this ${said === 'up' ? 'lowers' : 'raises'} it)` : '';
  return { ops, understood: `set ${setting.name} from ${current} to ${next}${note}` };
}

// ------------------------------------------------------------------ critical flag

const CRITICAL_STATE = '(critical|essential|required|not critical|non ?-?critical|optional)';
const MARK_CRITICAL = new RegExp(`^(?:mark|make|set|flag)\\s+(.+?)\\s+(?:as\\s+|to\\s+be\\s+|to\\s+)?(?:an?\\s+)?${CRITICAL_STATE}(?:\\s+question)?$`);
const IS_CRITICAL = new RegExp(`^(.+?)\\s+(?:is|should be|becomes)\\s+(?:an?\\s+)?${CRITICAL_STATE}(?:\\s+question)?$`);
const UNMARK_CRITICAL = /^unmark\s+(.+?)(?:\s+as\s+critical)?$/;

function parseCritical(text: string, context: ClauseContext): ClausePlan | null {
  const match = MARK_CRITICAL.exec(text) ?? IS_CRITICAL.exec(text);
  const unmarked = match === null ? UNMARK_CRITICAL.exec(text) : null;
  if (match === null && unmarked === null) return null;
  const reference = unquote(((match ?? unmarked) as RegExpExecArray)[1] as string, context.quotes);
  const critical = match !== null && /^(?:critical|essential|required)$/.test(match[2] as string);
  const { index, question } = resolveQuestion(context.rubric, reference);
  const state = critical ? 'critical' : 'not critical';
  if (question.critical === critical) return { ops: [], understood: `question ${question.id} is already ${state} (no change)` };
  return {
    ops: [guardQuestion(index, question), { op: 'replace', path: `/key_questions/${index}/critical`, value: critical }],
    understood: `mark question ${question.id} ${state}`,
  };
}

// ------------------------------------------------------------------ phrases

const ADD_PHRASES = /^(?:add|include|append)\s+(?:the\s+)?(?:(?:new\s+)?(phrases?|synonyms?|wordings?)\s+)?(.+?)\s+(?:to|for|on|under|into)\s+(.+)$/;
const REMOVE_PHRASES = /^(?:remove|delete|drop)\s+(?:the\s+)?(?:(phrases?|synonyms?|wordings?)\s+)?(.+?)\s+(?:from|on|of|in)\s+(.+)$/;
const RUBRIC_ITSELF = /^(?:the\s+)?rubric$/;

function parseAddPhrases(text: string, context: ClauseContext): ClausePlan | null {
  const match = ADD_PHRASES.exec(text);
  if (!match) return null;
  const [, keyword, list, target] = match as unknown as string[];
  if (keyword === undefined && !/«\d+»/.test(list as string)) return null;
  const phrases = phraseList(list as string, context.quotes);
  const { index, question } = resolveQuestion(context.rubric, unquote(target as string, context.quotes));
  const existing = new Set((question.phrases ?? []).map(normalisePhrase));
  for (const phrase of phrases) {
    if (existing.has(normalisePhrase(phrase))) throw new ClauseError(`"${phrase}" is already a phrase of question ${question.id}`);
    existing.add(normalisePhrase(phrase));
  }
  return {
    // A question without a phrases list gets one holding the new phrases.
    ops: question.phrases === undefined
      ? [{ op: 'add', path: `/key_questions/${index}/phrases`, value: phrases }]
      : phrases.map((phrase) => ({ op: 'add', path: `/key_questions/${index}/phrases/-`, value: phrase })),
    understood: `add ${describePhrases(phrases)} to question ${question.id}`,
  };
}

function parseRemovePhrases(text: string, context: ClauseContext): ClausePlan | null {
  const match = REMOVE_PHRASES.exec(text);
  if (!match || RUBRIC_ITSELF.test(match[3] as string)) return null;
  const phrases = phraseList(match[2] as string, context.quotes);
  const { index, question } = resolveQuestion(context.rubric, unquote(match[3] as string, context.quotes));
  const own = question.phrases ?? [];
  const positions = phrases.map((phrase) => {
    const position = own.findIndex((existing) => normalisePhrase(existing) === normalisePhrase(phrase));
    if (position < 0) throw new ClauseError(`question ${question.id} has no phrase "${phrase}"; its phrases are ${own.length ? own.map((p) => `"${p}"`).join(', ') : 'none'}`);
    return position;
  });
  // Highest index first, so earlier removals do not shift the later ones.
  const ops = [...new Set(positions)]
    .sort((a, b) => b - a)
    .flatMap((position): JsonPatchOperation[] => {
      const path = `/key_questions/${index}/phrases/${position}`;
      return [{ op: 'test', path, value: own[position] }, { op: 'remove', path }];
    });
  return { ops, understood: `remove ${describePhrases(phrases)} from question ${question.id}` };
}

/** Quoted phrases («n» separated by commas, "and", "or"), or one unquoted phrase. */
function phraseList(list: string, quotes: string[]): string[] {
  const numbers = [...list.matchAll(/«(\d+)»/g)].map((match) => Number(match[1]));
  if (numbers.length === 0) return [list.trim()];
  if (list.replace(/«\d+»|\b(?:and|or)\b|[,\s]/g, '') !== '') throw new ClauseError(`cannot tell the phrases apart in "${unquote(list, quotes)}": quote each phrase`);
  const phrases = numbers.map((n) => quotes[n] as string);
  if (phrases.some((phrase) => phrase === '')) throw new ClauseError('a phrase cannot be empty');
  return phrases;
}

function describePhrases(phrases: string[]): string {
  return `${phrases.length === 1 ? 'phrase' : 'phrases'} ${phrases.map((p) => `"${p}"`).join(', ')}`;
}

// ------------------------------------------------------------------ questions

const ADD_QUESTION = /^(?:add|create)\s+(?:(?:a|an|new|another)\s+)*(?:(critical|non ?-?critical|optional)\s+)?(?:key\s+)?question\b(.*)$/;
const LABEL = /(?:\b(?:labell?ed|called|named|titled|with label|label)\s*:?\s*)«(\d+)»/;
const PHRASES = /(?:\bwith\s+)?(?:\bthe\s+)?\b(?:phrases?|synonyms?)\s*:?\s*((?:«\d+»(?:\s*,\s*|\s+or\s+|\s+and\s+|\s*))+)/;
const ID = /\b(?:with\s+)?id\s+([a-z0-9_-]+)/;
const CRITICAL_WORD = /\b(?:as\s+|that is\s+)?(critical|non ?-?critical|optional)\b/;

function parseAddQuestion(text: string, { rubric, quotes }: ClauseContext): ClausePlan | null {
  const match = ADD_QUESTION.exec(text);
  if (!match) return null;
  let rest = match[2] as string;
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const found = pattern.exec(rest);
    if (found) rest = rest.replace(found[0], ' ');
    return found;
  };
  const labelMatch = take(LABEL);
  const phrasesMatch = take(PHRASES);
  const idMatch = take(ID);
  const criticalWord = (match[1] ?? take(CRITICAL_WORD)?.[1]) as string | undefined;
  if (!labelMatch) throw new ClauseError(`a new question needs a label, e.g. labelled 'Any drug allergies?'`);
  const label = quotes[Number(labelMatch[1])] as string;
  const leftover = unquote(rest.replace(/\b(?:with|and|as)\b|,/g, ' '), quotes)
    .trim()
    .replace(/^(?:about|on|for|regarding)\s+/, '');
  const id = slug(idMatch?.[1] ?? (leftover !== '' ? leftover : label));
  if (id === '') throw new ClauseError('cannot derive an id for the new question: add "id <name>"');
  if (rubric.key_questions.some((question) => question.id === id)) throw new ClauseError(`a question with id "${id}" already exists`);
  const question: KeyQuestion = {
    id,
    anchor: `${questionAnchorPrefix(rubric)}${id}`,
    label,
    critical: criticalWord !== undefined && criticalWord === 'critical',
    phrases: phrasesMatch ? phraseList(phrasesMatch[1] as string, quotes) : [],
  };
  return {
    ops: [{ op: 'add', path: '/key_questions/-', value: question }],
    understood: `add ${question.critical ? 'critical' : 'non-critical'} question ${id} "${label}" with ${(question.phrases ?? []).length === 0 ? 'no phrases' : describePhrases(question.phrases ?? [])}`,
  };
}

function parseRemoveQuestion(text: string, context: ClauseContext): ClausePlan | null {
  const match = /^(?:remove|delete|drop)\s+(.+?)(?:\s+from\s+(?:the\s+)?rubric)?$/.exec(text);
  if (!match) return null;
  const reference = unquote(match[1] as string, context.quotes);
  const component = resolveComponent(reference.replace(/\s+(?:weight|component|section)$/, ''));
  if (component !== undefined) throw new ClauseError(`components cannot be removed; set the ${component} weight to 0 instead`);
  const { index, question } = resolveQuestion(context.rubric, reference);
  return {
    ops: [guardQuestion(index, question), { op: 'remove', path: `/key_questions/${index}` }],
    understood: `remove question ${question.id} ("${question.label}")`,
  };
}

/** A test op pinning the question's id, so the patch refuses to run on a reordered rubric. */
function guardQuestion(index: number, question: KeyQuestion): JsonPatchOperation {
  return { op: 'test', path: `/key_questions/${index}/id`, value: question.id };
}

/** New anchors follow the rubric's own convention (e.g. "#Q." + id) when all questions share one. */
function questionAnchorPrefix(rubric: Rubric): string {
  const prefixes = rubric.key_questions.map((q) => (q.anchor.endsWith(q.id) ? q.anchor.slice(0, -q.id.length) : null));
  const first = prefixes[0];
  return first && prefixes.every((prefix) => prefix === first) ? first : '#Q.';
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .split('_')
    .slice(0, 5)
    .join('_');
}

function unquote(text: string, quotes: string[]): string {
  return text.replace(/«(\d+)»/g, (_, n: string) => quotes[Number(n)] ?? '').replace(/\s+/g, ' ').trim();
}
