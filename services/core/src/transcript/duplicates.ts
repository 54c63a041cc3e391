// Repeated blocks: a run of two or more consecutive non-blank lines that repeats, line
// for line and verbatim (same timestamp, label and text), a run that appeared earlier.
// Blank lines are skipped when deciding what "consecutive" means. Linear time: each line
// gets an integer id, the first occurrence of each adjacent pair of ids is found once (from
// the first occurrence of its first line, or else in a hash map of pairs), and every
// extension step consumes a line for good.

export interface DuplicateBlock {
  /** 1-based line numbers of the dropped run and of the run it repeats. */
  first: number;
  last: number;
  originalFirst: number;
  originalLast: number;
}

export interface DuplicateScan {
  blocks: DuplicateBlock[];
  /** dropped[n] is true when line n (1-based) was dropped. */
  dropped: boolean[];
  droppedCount: number;
}

const MIN_BLOCK_LINES = 2;

/** `contents[i]` is line i+1 trimmed, or null when blank. */
export function findDuplicateBlocks(contents: readonly (string | null)[]): DuplicateScan {
  const scan: DuplicateScan = { blocks: [], dropped: [], droppedCount: 0 };
  const lineNumbers: number[] = [];
  const ids: number[] = [];
  /** firstAt[id]: where that line first occurs. Ids are numbered in order of first occurrence. */
  const firstAt: number[] = [];
  const interner = new LineInterner();
  for (let i = 0; i < contents.length; i++) {
    const content = contents[i];
    if (content === null || content === undefined) continue;
    const id = interner.idOf(content);
    if (id === firstAt.length) firstAt.push(ids.length);
    lineNumbers.push(i + 1);
    ids.push(id);
  }
  if (firstAt.length === ids.length) return scan; // no line occurs twice

  const pairs = new PairOrigins(ids, firstAt);
  let k = 0;
  while (k + 1 < ids.length) {
    const origin = pairs.firstAt(k);
    // The earlier run must end before this one starts.
    if (origin + 1 >= k) {
      k++;
      continue;
    }
    let length = MIN_BLOCK_LINES;
    while (k + length < ids.length && origin + length < k && ids[k + length] === ids[origin + length]) length++;
    for (let j = k; j < k + length; j++) scan.dropped[lineNumbers[j] as number] = true;
    scan.droppedCount += length;
    scan.blocks.push({
      first: lineNumbers[k] as number,
      last: lineNumbers[k + length - 1] as number,
      originalFirst: lineNumbers[origin] as number,
      originalLast: lineNumbers[origin + length - 1] as number,
    });
    k += length;
  }
  return scan;
}

/**
 * Where each adjacent pair of lines (ids[k], ids[k + 1]) first occurs. A pair that repeats is
 * most often the pair at the first occurrence of its first line (a repeated block repeats
 * its original's pairs), found from firstAt alone; only the other pairs go into a hash map.
 */
class PairOrigins {
  private readonly otherPairsFirstAt = new Map<number, number>();

  constructor(
    private readonly ids: readonly number[],
    private readonly lineFirstAt: readonly number[],
  ) {
    for (let k = 0; k + 1 < ids.length; k++) {
      if (this.isPairAtFirstOccurrence(k)) continue;
      const pair = this.pairKey(k);
      if (!this.otherPairsFirstAt.has(pair)) this.otherPairsFirstAt.set(pair, k);
    }
  }

  /** Where the pair at k first occurs (k itself when it has not occurred before). */
  firstAt(k: number): number {
    if (this.isPairAtFirstOccurrence(k)) return this.lineFirstAt[this.ids[k] as number] as number;
    return this.otherPairsFirstAt.get(this.pairKey(k)) as number;
  }

  /** Whether the pair at k also follows the first occurrence of its first line. */
  private isPairAtFirstOccurrence(k: number): boolean {
    const first = this.lineFirstAt[this.ids[k] as number] as number;
    return this.ids[first + 1] === this.ids[k + 1];
  }

  private pairKey(k: number): number {
    return (this.ids[k] as number) * this.lineFirstAt.length + (this.ids[k + 1] as number);
  }
}

/**
 * Gives equal lines equal ids. Hashing a whole line is the dearest step of parsing, so lines
 * are first grouped by a cheap fingerprint (length and two characters); equal lines always
 * share one. The first line of a fingerprint stands for it: a later line equal to it (one
 * string comparison) takes its id, as a repeated block does, and only a line that differs
 * from it goes through the hash map of whole lines. Each line costs at most one comparison
 * and one map lookup, so this stays linear.
 */
class LineInterner {
  /** Distinct lines by id. */
  private readonly distinct: string[] = [];
  private readonly firstIdByFingerprint = new Map<number, number>();
  private readonly idsOfOthers = new Map<string, number>();

  idOf(content: string): number {
    const key = fingerprint(content);
    const first = this.firstIdByFingerprint.get(key);
    if (first === undefined) {
      this.firstIdByFingerprint.set(key, this.distinct.length);
      return this.distinct.push(content) - 1;
    }
    if (this.distinct[first] === content) return first;
    let id = this.idsOfOthers.get(content);
    if (id === undefined) {
      id = this.distinct.push(content) - 1;
      this.idsOfOthers.set(content, id);
    }
    return id;
  }
}

function fingerprint(content: string): number {
  const n = content.length;
  return ((n & 0xffff) << 14) | ((content.charCodeAt(n - 1) ^ (content.charCodeAt(n >> 1) << 7)) & 0x3fff);
}
