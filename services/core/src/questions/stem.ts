// A Porter stemmer (the 1980 algorithm with its later revisions "bli"→"ble" and
// "logi"→"log"), preceded by a small table of irregular verb forms that suffix rules
// cannot reach ("came" → "come"). Input is one lower-case word; words of two letters or
// fewer are returned unchanged. Results are memoised: a transcript's vocabulary repeats.

const IRREGULAR: ReadonlyMap<string, string> = new Map([
  ['came', 'come'], ['began', 'begin'], ['begun', 'begin'], ['felt', 'feel'], ['went', 'go'], ['gone', 'go'],
  ['took', 'take'], ['taken', 'take'], ['saw', 'see'], ['seen', 'see'], ['ate', 'eat'], ['eaten', 'eat'],
  ['drank', 'drink'], ['drunk', 'drink'], ['spoke', 'speak'], ['spoken', 'speak'], ['woke', 'wake'],
  ['fell', 'fall'], ['fallen', 'fall'], ['had', 'have'], ['has', 'have'], ['did', 'do'], ['does', 'do'],
  ['done', 'do'], ['was', 'be'], ['were', 'be'], ['is', 'be'], ['are', 'be'], ['been', 'be'], ['am', 'be'],
  ['got', 'get'], ['gotten', 'get'], ['gave', 'give'], ['given', 'give'], ['told', 'tell'], ['said', 'say'],
  ['thought', 'think'], ['lost', 'lose'], ['threw', 'throw'], ['thrown', 'throw'], ['bled', 'bleed'],
  ['slept', 'sleep'], ['left', 'leave'], ['ran', 'run'], ['broke', 'break'], ['broken', 'break'],
  // Words the suffix rules would merge with another meaning: "medical" is not "medication".
  ['medical', 'medical'], ['medically', 'medical'],
]);

const MEMO_LIMIT = 50_000;
const memo = new Map<string, string>();

export function stem(word: string): string {
  let result = memo.get(word);
  if (result === undefined) {
    result = IRREGULAR.get(word) ?? porter(word);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(word, result);
  }
  return result;
}

function porter(word: string): string {
  if (word.length <= 2) return word;
  let w = step1a(word);
  w = step1b(w);
  w = step1c(w);
  w = replaceSuffix(w, STEP2, 0);
  w = replaceSuffix(w, STEP3, 0);
  w = step4(w);
  w = step5(w);
  return w;
}

function isConsonant(w: string, i: number): boolean {
  switch (w.charCodeAt(i)) {
    case 97: case 101: case 105: case 111: case 117: // a e i o u
      return false;
    case 121: // y: a consonant at the start or after a vowel
      return i === 0 || !isConsonant(w, i - 1);
    default:
      return true;
  }
}

/** Porter's m: the number of vowel-consonant sequences in `stemPart`. */
function measure(stemPart: string): number {
  let i = 0;
  const n = stemPart.length;
  while (i < n && isConsonant(stemPart, i)) i++;
  let m = 0;
  while (i < n) {
    while (i < n && !isConsonant(stemPart, i)) i++;
    if (i >= n) break;
    while (i < n && isConsonant(stemPart, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(stemPart: string): boolean {
  for (let i = 0; i < stemPart.length; i++) if (!isConsonant(stemPart, i)) return true;
  return false;
}

function endsWithDoubleConsonant(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isConsonant(w, n - 1);
}

/** consonant-vowel-consonant at the end, the last not w, x or y ("hop", not "bow"). */
function endsCvc(w: string): boolean {
  const n = w.length;
  if (n < 3 || !isConsonant(w, n - 3) || isConsonant(w, n - 2) || !isConsonant(w, n - 1)) return false;
  const last = w[n - 1];
  return last !== 'w' && last !== 'x' && last !== 'y';
}

function step1a(w: string): string {
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ies')) return w.slice(0, -2);
  if (w.endsWith('ss')) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  return w;
}

function step1b(w: string): string {
  if (w.endsWith('eed')) return measure(w.slice(0, -3)) > 0 ? w.slice(0, -1) : w;
  let base: string | null = null;
  if (w.endsWith('ed') && hasVowel(w.slice(0, -2))) base = w.slice(0, -2);
  else if (w.endsWith('ing') && hasVowel(w.slice(0, -3))) base = w.slice(0, -3);
  if (base === null) return w;
  if (base.endsWith('at') || base.endsWith('bl') || base.endsWith('iz')) return `${base}e`;
  if (endsWithDoubleConsonant(base) && !/[lsz]$/.test(base)) return base.slice(0, -1);
  if (measure(base) === 1 && endsCvc(base)) return `${base}e`;
  return base;
}

function step1c(w: string): string {
  return w.endsWith('y') && hasVowel(w.slice(0, -1)) ? `${w.slice(0, -1)}i` : w;
}

type SuffixRule = readonly [suffix: string, replacement: string];

const STEP2: readonly SuffixRule[] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];

const STEP3: readonly SuffixRule[] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];

const STEP4: readonly string[] = [
  'ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion',
  'al', 'er', 'ic', 'ou',
];

/** The first rule whose suffix ends `w` decides: replaced when the rest has m > minMeasure. */
function replaceSuffix(w: string, rules: readonly SuffixRule[], minMeasure: number): string {
  for (const [suffix, replacement] of rules) {
    if (!w.endsWith(suffix)) continue;
    const rest = w.slice(0, -suffix.length);
    return measure(rest) > minMeasure ? rest + replacement : w;
  }
  return w;
}

function step4(w: string): string {
  for (const suffix of STEP4) {
    if (!w.endsWith(suffix)) continue;
    const rest = w.slice(0, -suffix.length);
    if (suffix === 'ion' && !/[st]$/.test(rest)) return w;
    return measure(rest) > 1 ? rest : w;
  }
  return w;
}

function step5(w: string): string {
  let out = w;
  if (out.endsWith('e')) {
    const rest = out.slice(0, -1);
    const m = measure(rest);
    if (m > 1 || (m === 1 && !endsCvc(rest))) out = rest;
  }
  if (out.endsWith('ll') && measure(out) > 1) out = out.slice(0, -1);
  return out;
}
