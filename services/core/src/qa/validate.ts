// Rubric QA: the shape check plus every semantic rule, each issue pointing (RFC 6901) at
// the offending value. Accepts any JSON value, so it doubles as the gate for untrusted input.
// Semantic checks read defensively: a part with a broken shape was already reported and is skipped.

import { COMPONENTS, type QaReport } from '../types';
import { childPointer, isJsonObject, type JsonObject } from '../edit/json-pointer';
import { IssueCollector } from './issues';
import { summaryDetector } from '../evaluators/summary-detectors';
import { checkPattern } from './patterns';
import { checkShape, RUBRIC_SHAPE } from './shape';
import { conceptsIn, intentIsSpecific } from '../lexicon/reading';
import { isGeneric } from '../questions/concepts';
import { tokenize } from '../transcript/tokens';

const WEIGHT_SUM_TOLERANCE = 1e-6;
const MAX_TOKENS_RANGE = [40, 120] as const;
const MIN_PHRASE_LENGTH = 3;
const KNOWN_STATUSES = ['draft', 'approved', 'archived'];
const RUBRIC_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const SEMVER_IDENTIFIERS = '[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*';
const SEMVER = new RegExp(`^(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-${SEMVER_IDENTIFIERS})?(?:\\+${SEMVER_IDENTIFIERS})?$`);
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const ANCHOR = /^#\S+$/;

/** Lists whose items carry `id` and `anchor`, with the component each belongs to. */
const ITEM_LISTS = [
  { path: ['structure', 'penalties'], component: 'structure' },
  { path: ['key_questions'], component: 'key_questions' },
  { path: ['reasoning', 'required_links'], component: 'reasoning' },
  { path: ['summary', 'required_elements'], component: 'summary' },
  { path: ['communication', 'rules'], component: 'communication' },
] as const;
/** Where anchors live, in document order, so a duplicate is reported at its later use. */
const ANCHOR_SOURCES: readonly (readonly string[])[] = [
  ['structure', 'anchor'],
  ['structure', 'penalties'],
  ['key_questions'],
  ['key_questions_policy', 'anchor'],
  ['reasoning', 'anchor'],
  ['reasoning', 'required_links'],
  ['summary', 'anchor'],
  ['summary', 'required_elements'],
  ['communication', 'anchor'],
  ['communication', 'rules'],
];
const PATTERN_LISTS = [
  ['reasoning', 'required_links'],
  ['summary', 'required_elements'],
  ['communication', 'rules'],
] as const;

interface Item {
  pointer: string;
  item: JsonObject;
}

export function validateRubric(input: unknown): QaReport {
  const issues = new IssueCollector();
  checkShape(input, RUBRIC_SHAPE, '', issues);
  if (isJsonObject(input)) {
    for (const check of [checkIdentity, checkWeights, checkAnchors, checkIds, checkQuestions, checkPolicy, checkSummary, checkPatterns, checkStructure]) {
      check(input, issues);
    }
  }
  return issues.report();
}

// ------------------------------------------------------------------ readers

function at(root: unknown, path: readonly string[]): unknown {
  let current = root;
  for (const key of path) current = isJsonObject(current) ? current[key] : undefined;
  return current;
}

function pointerOf(path: readonly (string | number)[]): string {
  return childPointer('', ...path);
}

/** The object items of the array at `path` with their pointers (non-objects were reported by the shape check). */
function itemsAt(root: JsonObject, path: readonly string[]): Item[] {
  const list = at(root, path);
  if (!Array.isArray(list)) return [];
  return list.flatMap((item, i) => (isJsonObject(item) ? [{ pointer: pointerOf([...path, i]), item }] : []));
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const asNumber = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const isBlank = (text: string): boolean => text.trim() === '';

/** Case- and whitespace-insensitive form used to compare phrases. */
export function normalisePhrase(phrase: string): string {
  return phrase.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Section names compare case-insensitively, with spaces, "_" and "-" treated alike. */
function sectionKey(section: string): string {
  return section.trim().toLowerCase().replace(/[\s_-]+/g, '_');
}

// ------------------------------------------------------------------ checks

function checkIdentity(root: JsonObject, issues: IssueCollector): void {
  const rubricId = asString(root.rubric_id);
  if (rubricId !== undefined && !RUBRIC_ID.test(rubricId)) {
    issues.add('rubric_id_format', '/rubric_id', `"${rubricId}" is not slug-safe: use 1-128 letters, digits, "_" or "-", starting with a letter or digit`);
  }
  const version = asString(root.version);
  if (version !== undefined && !SEMVER.test(version)) {
    issues.add('version_format', '/version', `"${version}" is not a semantic version such as 1.0.0`);
  }
  const status = asString(root.status);
  if (status !== undefined && !KNOWN_STATUSES.includes(status)) {
    issues.add('unknown_status', '/status', `status "${status}" is not one of ${KNOWN_STATUSES.join(', ')}`);
  }
  for (const field of ['created_at', 'updated_at']) {
    const stamp = asString(root[field]);
    if (stamp !== undefined && (!ISO_DATE_TIME.test(stamp) || Number.isNaN(Date.parse(stamp)))) {
      issues.add('timestamp_format', `/${field}`, `"${stamp}" is not an ISO 8601 date-time with a time zone`);
    }
  }
}

function checkWeights(root: JsonObject, issues: IssueCollector): void {
  const weights = root.weights;
  if (!isJsonObject(weights)) return;
  let sum = 0;
  let allNumbers = true;
  for (const component of COMPONENTS) {
    const weight = asNumber(weights[component]);
    if (weight === undefined) {
      allNumbers = false;
      continue;
    }
    sum += weight;
    if (weight < 0 || weight > 1) issues.add('weight_range', `/weights/${component}`, `weight ${weight} is outside [0, 1]`);
    if (weight === 0 && hasRules(root, component)) {
      issues.add('zero_weight_with_rules', `/weights/${component}`, `${component} has weight 0, so its rules never count`);
    }
  }
  if (allNumbers && Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    issues.add('weights_sum', '/weights', `weights sum to ${Number(sum.toPrecision(12))}, not 1`);
  }
  const communicationWeight = asNumber(at(root, ['communication', 'weight']));
  const componentWeight = asNumber(weights.communication);
  if (communicationWeight !== undefined && componentWeight !== undefined && communicationWeight !== componentWeight) {
    issues.add(
      'communication_weight_mismatch',
      '/communication/weight',
      `communication.weight ${communicationWeight} differs from weights.communication ${componentWeight}, which is the one used`,
    );
  }
}

function hasRules(root: JsonObject, component: string): boolean {
  return ITEM_LISTS.some((list) => {
    const items = at(root, list.path);
    return list.component === component && Array.isArray(items) && items.length > 0;
  });
}

function checkAnchors(root: JsonObject, issues: IssueCollector): void {
  const anchors = ANCHOR_SOURCES.flatMap((path) =>
    path[path.length - 1] === 'anchor'
      ? [{ pointer: pointerOf(path), anchor: at(root, path) }]
      : itemsAt(root, path).map(({ pointer, item }) => ({ pointer: `${pointer}/anchor`, anchor: item.anchor })),
  );
  const firstUse = new Map<string, string>();
  for (const { pointer, anchor } of anchors) {
    if (typeof anchor !== 'string') continue;
    if (!ANCHOR.test(anchor)) issues.add('anchor_format', pointer, `anchor "${anchor}" must be "#" followed by non-space characters`);
    const earlier = firstUse.get(anchor);
    if (earlier === undefined) firstUse.set(anchor, pointer);
    else issues.add('duplicate_anchor', pointer, `anchor "${anchor}" is already used at ${earlier}`);
  }
}

function checkIds(root: JsonObject, issues: IssueCollector): void {
  for (const list of ITEM_LISTS) {
    const firstUse = new Map<string, string>();
    for (const { pointer, item } of itemsAt(root, list.path)) {
      const id = asString(item.id);
      if (id === undefined) continue;
      if (isBlank(id)) issues.add('empty_value', `${pointer}/id`, 'id must not be empty');
      const earlier = firstUse.get(id);
      if (earlier === undefined) firstUse.set(id, pointer);
      else issues.add('duplicate_id', `${pointer}/id`, `id "${id}" is already used at ${earlier}`);
    }
  }
}

function checkQuestions(root: JsonObject, issues: IssueCollector): void {
  const questions = itemsAt(root, ['key_questions']);
  if (Array.isArray(root.key_questions) && !questions.some(({ item }) => item.critical === true)) {
    issues.add('no_critical_question', '/key_questions', 'at least one key question must be critical');
  }
  const phraseOwners = new Map<string, { pointer: string; questionId: string }>();
  for (const { pointer, item } of questions) {
    const label = asString(item.label);
    if (label !== undefined && isBlank(label)) issues.add('empty_value', `${pointer}/label`, 'label must not be empty');
    const phrases = item.phrases === undefined ? [] : item.phrases;
    if (!Array.isArray(phrases)) continue;
    if (phrases.length === 0 && label !== undefined && !labelIsMatchable(label)) {
      issues.add('no_phrases', item.phrases === undefined ? pointer : `${pointer}/phrases`, 'the question has no phrases and its label names nothing the clinical lexicon knows, so it can never be matched');
    }
    checkPhrases(phrases, pointer, String(item.id), phraseOwners, issues);
  }
}

/** Whether a label alone can match a student's question: it names a concept or a specific intent of the lexicon. */
function labelIsMatchable(label: string): boolean {
  const read = conceptsIn(tokenize(label));
  return read.concepts.some((c) => !isGeneric(c)) || read.intents.some(intentIsSpecific);
}

function checkPhrases(
  phrases: unknown[],
  questionPointer: string,
  questionId: string,
  owners: Map<string, { pointer: string; questionId: string }>,
  issues: IssueCollector,
): void {
  const seenHere = new Set<string>();
  phrases.forEach((phrase, i) => {
    if (typeof phrase !== 'string') return;
    const pointer = `${questionPointer}/phrases/${i}`;
    const key = normalisePhrase(phrase);
    if (key === '') {
      issues.add('empty_value', pointer, 'phrase must not be empty');
      return;
    }
    if (key.length < MIN_PHRASE_LENGTH) issues.add('short_phrase', pointer, `phrase "${phrase}" is shorter than ${MIN_PHRASE_LENGTH} characters`);
    if (seenHere.has(key)) {
      issues.add('repeated_phrase', pointer, `phrase "${phrase}" is listed twice in this question`);
      return;
    }
    seenHere.add(key);
    const owner = owners.get(key);
    if (owner === undefined) owners.set(key, { pointer, questionId });
    else issues.add('duplicate_phrase', pointer, `phrase "${phrase}" also belongs to question "${owner.questionId}" (${owner.pointer})`);
  });
}

function checkPolicy(root: JsonObject, issues: IssueCollector): void {
  const policy = root.key_questions_policy;
  if (!isJsonObject(policy)) return;
  const critical = asNumber(policy.critical_weight);
  const noncritical = asNumber(policy.noncritical_weight);
  const threshold = asNumber(policy.coverage_threshold);
  if (critical !== undefined && critical <= 0) {
    issues.add('policy_weight_range', '/key_questions_policy/critical_weight', `critical_weight ${critical} must be > 0`);
  }
  if (noncritical !== undefined && noncritical < 0) {
    issues.add('policy_weight_range', '/key_questions_policy/noncritical_weight', `noncritical_weight ${noncritical} must be >= 0`);
  }
  if (critical !== undefined && noncritical !== undefined && critical < noncritical) {
    issues.add('critical_weight_low', '/key_questions_policy/critical_weight', `critical_weight ${critical} is below noncritical_weight ${noncritical}`);
  }
  if (threshold !== undefined && (threshold <= 0 || threshold > 1)) {
    issues.add('coverage_threshold_range', '/key_questions_policy/coverage_threshold', `coverage_threshold ${threshold} is outside (0, 1]`);
  }
}

function checkSummary(root: JsonObject, issues: IssueCollector): void {
  const maxTokens = asNumber(at(root, ['summary', 'max_tokens']));
  const [low, high] = MAX_TOKENS_RANGE;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < low || maxTokens > high)) {
    issues.add('max_tokens_range', '/summary/max_tokens', `max_tokens ${maxTokens} must be an integer from ${low} to ${high}`);
  }
  const divisor = asNumber(at(root, ['summary', 'overflow_divisor']));
  if (divisor !== undefined && divisor <= 0) {
    issues.add('overflow_divisor_range', '/summary/overflow_divisor', `overflow_divisor ${divisor} must be > 0`);
  }
}

function checkPatterns(root: JsonObject, issues: IssueCollector): void {
  for (const path of PATTERN_LISTS) {
    for (const { pointer, item } of itemsAt(root, path)) {
      const pattern = asString(item.pattern);
      if (item.pattern === null && path[0] === 'summary' && typeof item.id === 'string' && summaryDetector(item.id) === null) {
        issues.add('no_detector', `${pointer}/pattern`, `no built-in detector is named "${item.id}" (e.g. pos2, neg1, problem, leading_dx), so this element is never matched`);
      }
      if (pattern === undefined) continue;
      const verdict = checkPattern(pattern);
      if (!verdict.ok) {
        const why = verdict.code === 'pattern_unsupported' ? 'uses syntax the linear-time engine cannot run' : 'is not a valid regular expression';
        issues.add(verdict.code, `${pointer}/pattern`, `pattern ${why}: ${verdict.detail}`);
      } else if (verdict.matchesEmpty) {
        issues.add('pattern_matches_empty', `${pointer}/pattern`, 'pattern matches the empty string, so any text satisfies it');
      }
    }
  }
}

function checkStructure(root: JsonObject, issues: IssueCollector): void {
  const order = at(root, ['structure', 'expected_order']);
  const sections = new Set<string>();
  if (Array.isArray(order)) {
    if (order.length === 0) issues.add('expected_order_empty', '/structure/expected_order', 'expected_order must list at least one section');
    order.forEach((section, i) => {
      if (typeof section !== 'string') return;
      const pointer = `/structure/expected_order/${i}`;
      if (isBlank(section)) issues.add('empty_value', pointer, 'section name must not be empty');
      else if (sections.has(sectionKey(section))) issues.add('expected_order_repeat', pointer, `section "${section}" appears twice`);
      sections.add(sectionKey(section));
    });
  }
  const majorGap = asNumber(at(root, ['reasoning', 'major_gap_penalty']));
  if (majorGap !== undefined && majorGap > 0) {
    issues.add('penalty_positive', '/reasoning/major_gap_penalty', `major_gap_penalty ${majorGap} is positive`);
  }
  for (const penalty of itemsAt(root, ['structure', 'penalties'])) checkPenalty(penalty, sections, issues);
}

function checkPenalty({ pointer, item }: Item, sections: Set<string>, issues: IssueCollector): void {
  const value = asNumber(item.value);
  if (value !== undefined && value > 0) issues.add('penalty_positive', `${pointer}/value`, `penalty value ${value} is positive and would raise the score`);
  if (item.rule !== undefined) {
    if (isJsonObject(item.rule)) checkPenaltyRule(item.rule, `${pointer}/rule`, sections, issues);
    return;
  }
  const id = asString(item.id);
  if (id === undefined) return;
  const named = sectionsNamedById(id);
  if (named === null) {
    issues.add('penalty_never_applies', pointer, `penalty "${id}" has no rule and its id is neither missing_<section> nor swap_<a>_before_<b>`);
    return;
  }
  const absent = named.filter((section) => !sections.has(sectionKey(section)));
  if (absent.length > 0) {
    issues.add('penalty_convention_section', `${pointer}/id`, `penalty id names ${absent.map((s) => `"${s}"`).join(' and ')}, not in expected_order`);
  }
}

/** Sections named by the id conventions `missing_<x>` and `swap_<a>_before_<b>`; null when neither applies. */
function sectionsNamedById(id: string): string[] | null {
  const swap = /^swap_(.+)_before_(.+)$/i.exec(id);
  if (swap) return [swap[1] as string, swap[2] as string];
  const missing = /^missing_(.+)$/i.exec(id);
  return missing ? [missing[1] as string] : null;
}

function checkPenaltyRule(rule: JsonObject, pointer: string, sections: Set<string>, issues: IssueCollector): void {
  const fieldsByKind: Record<string, string[]> = { missing: ['section'], order: ['first', 'then'] };
  const kind = asString(rule.kind);
  if (kind === undefined) return;
  const fields = fieldsByKind[kind];
  if (fields === undefined) {
    issues.add('invalid_value', `${pointer}/kind`, `rule kind "${kind}" is not one of missing, order`);
    return;
  }
  for (const field of fields) {
    const section = rule[field];
    if (section === undefined) issues.add('missing_field', `${pointer}/${field}`, `a "${kind}" rule needs "${field}"`);
    else if (typeof section !== 'string') continue;
    else if (!sections.has(sectionKey(section))) issues.add('penalty_rule_section', `${pointer}/${field}`, `section "${section}" is not in expected_order`);
  }
}
