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
  const interner = new LineInterner(contents);
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
 * Gives equal lines equal ids. Hashing a whole line is the dearest step of parsing, so a
 * line whose cheap fingerprint (length and two characters) no other line shares is known
 * to be unique and simply gets a fresh id; only the others go through the hash map.
 * Equal lines always share a fingerprint, so no repeat is missed.
 */
class LineInterner {
  size = 0;
  private readonly ids = new Map<string, number>();
  private readonly fingerprintCounts = new Map<number, number>();

  constructor(contents: readonly (string | null)[]) {
    for (const content of contents) {
      if (content === null || content === undefined) continue;
      const key = fingerprint(content);
      this.fingerprintCounts.set(key, (this.fingerprintCounts.get(key) ?? 0) + 1);
    }
  }

  idOf(content: string): number {
    if (this.fingerprintCounts.get(fingerprint(content)) === 1) return this.size++;
    let id = this.ids.get(content);
    if (id === undefined) {
      id = this.size++;
      this.ids.set(content, id);
    }
    return id;
  }
}

function fingerprint(content: string): number {
  const n = content.length;
  return ((n & 0xffff) << 14) | ((content.charCodeAt(n - 1) ^ (content.charCodeAt(n >> 1) << 7)) & 0x3fff);
}
