// Repeated blocks: a run of two or more consecutive non-blank lines that repeats, line
// for line and verbatim (same timestamp, label and text), a run that appeared earlier.
// Blank lines are skipped when deciding what "consecutive" means. Linear time: each line
// gets an integer id, each adjacent pair of ids is looked up once in a hash map holding
// its first occurrence, and every extension step consumes a line for good.

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
  const interner = new LineInterner();
  for (let i = 0; i < contents.length; i++) {
    const content = contents[i];
    if (content === null || content === undefined) continue;
    lineNumbers.push(i + 1);
    ids.push(interner.idOf(content));
  }
  if (interner.size === ids.length) return scan; // no line occurs twice

  const distinct = interner.size;
  const firstPairAt = new Map<number, number>();
  for (let k = 0; k + 1 < ids.length; k++) {
    const pair = (ids[k] as number) * distinct + (ids[k + 1] as number);
    if (!firstPairAt.has(pair)) firstPairAt.set(pair, k);
  }

  let k = 0;
  while (k + 1 < ids.length) {
    const origin = firstPairAt.get((ids[k] as number) * distinct + (ids[k + 1] as number)) as number;
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

  get size(): number {
    return this.distinct.length;
  }

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
