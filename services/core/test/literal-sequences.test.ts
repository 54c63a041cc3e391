import assert from 'node:assert/strict';
import { RE2JS } from 're2js';
import { compileLinear } from '../src/evaluators/linear-regex';
import { firstShortestMatch, firstTextMatching, literalSequences } from '../src/evaluators/literal-sequences';
import { foldCase, foldPieces, joinPieces } from '../src/evaluators/required-literals';

const FLAGS = RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL;

/** A small deterministic pseudo-random generator, so that a failure can be replayed. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.floor((state / 2147483648) * n);
  };
}

/** The spanIn contract by brute force on the engine: the earliest end, then the latest start. */
function engineSpan(program: RE2JS, text: string): { start: number; end: number } | null {
  for (let end = 0; end <= text.length; end++) {
    if (!program.test(text.slice(0, end))) continue;
    for (let start = end; start >= 0; start--) if (program.test(text.slice(start, end))) return { start, end };
  }
  return null;
}

describe('literalSequences', () => {
  it('reads groups of literal alternatives joined by .* and unions of them', () => {
    const literals = (pattern: string) => literalSequences(pattern)?.map((groups) => groups.map((group) => group.literals));
    assert.deepEqual(literals('(acute|sudden).*(Stroke|CVA)|gastro enteritis'), [[['acute', 'sudden'], ['stroke', 'cva']], [['gastro enteritis']]]);
    assert.deepEqual(literals('(?:EKG|ECG).*rule out'), [[['ekg', 'ecg'], ['rule out']]]);
  });

  it('declines every other syntax', () => {
    for (const pattern of ['(a|)', 'a.*', '.*a', 'a.*?b', '(a.*b)', 'a(b|c)', '(\\d+.year)', 'x.ray', 'a+', '\\bct\\b', '(a|(b))', 'caf\u00e9', '[ab].*c', '(?i)a', 'a.*.*b', '']) {
      assert.equal(literalSequences(pattern), null, pattern);
    }
  });
});

describe('literal sequences match exactly as the engine does', () => {
  it('folds every ASCII character only where the engine equates it case-insensitively', () => {
    // Every code point outside the surrogates once, each folded alone.
    const points: string[] = [];
    for (let cp = 0; cp < 0x110000; cp++) if (cp < 0xd800 || cp > 0xdfff) points.push(String.fromCodePoint(cp));
    const all = points.join('');
    // The points the engine equates with some printable ASCII character...
    const matcher = RE2JS.compile('[\\x20-\\x7e]', FLAGS).matcher(all);
    const byEngine: string[] = [];
    while (matcher.find()) byEngine.push(matcher.group() as string);
    // ... are those whose folding is one printable ASCII character, which the engine equates with them.
    const byFolding = points.filter((p) => /^[\x20-\x7e]$/.test(foldCase(p)) && foldCase(p).length === p.length);
    assert.deepEqual(byFolding, byEngine);
    for (const p of byFolding) assert.ok(RE2JS.compile(RE2JS.quote(foldCase(p)), FLAGS).test(p), JSON.stringify(p));
  });

  it('agrees with the engine on generated patterns and texts', () => {
    const next = random(7);
    // Some literals hold others strictly inside ("kaak", "aa"), so a later occurrence can end first.
    const words = ['a', 'b', 'ab', 'ba', 'aab', 'k', 'sk', 'a b', 'b-a', 'kaak', 'aa'];
    // Case variants, the Kelvin sign and long s (which the engine folds to k and s), line breaks, a surrogate pair, a dotted capital I.
    const textChars = ['a', 'A', 'b', 'B', ' ', '-', 'k', 'K', '\u212a', 's', 'S', '\u017f', '\n', '\ud83d\ude00', '\u0130', 'x'];
    const pick = <T>(items: readonly T[]): T => items[next(items.length)] as T;
    for (let p = 0; p < 400; p++) {
      const branches = Array.from({ length: 1 + next(2) }, () =>
        Array.from({ length: 1 + next(3) }, () => {
          const literals = Array.from({ length: 1 + next(3) }, () => pick(words));
          return literals.length === 1 && next(2) === 0 ? (literals[0] as string) : `(${next(2) ? '?:' : ''}${literals.join('|')})`;
        }).join('.*'),
      );
      const pattern = branches.join('|');
      const sequences = literalSequences(pattern);
      assert.ok(sequences, pattern);
      const program = RE2JS.compile(pattern, FLAGS);
      const linear = compileLinear(pattern, 'test');
      for (let t = 0; t < 40; t++) {
        // Pieces are characters or whole literals (upper-cased at times), so that matches are common.
        const text = Array.from({ length: next(8) }, () => (next(2) ? pick(textChars) : next(2) ? pick(words) : pick(words).toUpperCase())).join('');
        const expected = engineSpan(program, text);
        const where = `${pattern} on ${JSON.stringify(text)}`;
        assert.equal(linear.test(text), expected !== null, where);
        if (expected) assert.deepEqual(linear.spanIn(text), expected, where);
        const folded = foldCase(text);
        if (folded.length === text.length) assert.deepEqual(firstShortestMatch(sequences, folded), expected, where);
      }
      for (let t = 0; t < 20; t++) {
        const texts = Array.from({ length: 1 + next(5) }, () => Array.from({ length: next(8) }, () => pick(textChars)).join(''));
        const folded = foldPieces(joinPieces(texts), texts);
        if (folded.text.length !== texts.join('\n').length) continue;
        const expected = texts.findIndex((text) => program.test(text));
        assert.equal(firstTextMatching(sequences, folded), expected, `${pattern} on ${JSON.stringify(texts)}`);
      }
    }
  });
});
