// Reads the labelled evaluation corpus (format: eval/README.md). A case file is a header,
// a `---` line, then transcript lines that may end in a label block ⟦…⟧. The loader gives
// back the transcript exactly as the engine receives it and the gold labels by line.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Rubric } from '../services/core/src/types';

export const SPLITS = ['dev', 'test'] as const;
export type Split = (typeof SPLITS)[number];

export const TOKEN_KINDS = ['q', 'trap', 'sec', 'link', 'nolink'] as const;
type TokenKind = (typeof TOKEN_KINDS)[number];

export interface Label {
  /** 1-based line of the transcript (the first line after `---`). */
  line: number;
  kind: TokenKind | 'sum';
  /** Question id, link id or section label; empty for `sum`. */
  value: string;
}

export interface Gold {
  /** Question id → the first line that asks it. */
  asked: Map<string, number>;
  /** Questions whose subject comes up without being asked (a `trap:` label). */
  trapped: Set<string>;
  /** Section labels in order of their `sec:` lines, consecutive repeats collapsed. */
  sections: string[];
  /** Reasoning links made (a `link:` label or the header's `summary_links`). */
  links: Set<string>;
  /** Links whose words appear without the link being made. */
  linkTraps: Set<string>;
  /** Lines marked `sum`. */
  summaryLines: number[];
  summaryElements: Set<string>;
  /** Words of the summary: the written summary's, or the student text of the `sum` lines. */
  summaryTokens: number;
}

export interface Case {
  split: Split;
  /** `<rubric_id>/<file name without .txt>` */
  name: string;
  file: string;
  rubricId: string;
  kinds: string[];
  header: Record<string, string>;
  /** The transcript as the engine receives it (endings and byte-order mark as the header says). */
  transcript: string;
  /** The transcript's lines without their label blocks, LF-split (index 0 is line 1). */
  lines: string[];
  summaryText?: string;
  labels: Label[];
  gold: Gold;
}

export class CorpusError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'CorpusError';
  }
}

const LABEL_BLOCK = /\s*⟦([^⟦⟧]*)⟧\s*$/;
const HEADER_LINE = /^#\s*([a-z_]+)\s*:\s*(.*)$/;
const ENDINGS: Record<string, string> = { lf: '\n', crlf: '\r\n', cr: '\r' };

export function corpusRoot(): string {
  return __dirname;
}

export function listLines(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Words of a summary line once its time and speaker label are cut off (written without the engine's parser on purpose). */
export function studentWords(line: string): number {
  const text = line
    .replace(/^\s*[[(]?\d{1,3}(?::\d{2}){1,2}[\])]?\s*(?:[-–—|]\s+)?/, '')
    .replace(/^[A-Za-z][\w.'-]*(?: [A-Z][\w.'-]*)?:\s/, '');
  return wordCount(text);
}

export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed.length === 0 ? 0 : trimmed.split(/\s+/).length;
}

function parseHeader(file: string, headerLines: string[]): Record<string, string> {
  const header: Record<string, string> = {};
  for (const raw of headerLines) {
    if (raw.trim() === '') continue;
    const m = HEADER_LINE.exec(raw);
    if (!m) throw new CorpusError(file, `header line is not "# key: value": ${JSON.stringify(raw)}`);
    if (m[1]! in header) throw new CorpusError(file, `header key "${m[1]}" is given twice`);
    header[m[1]!] = m[2]!.trim();
  }
  for (const key of ['rubric', 'kinds', 'summary_elements']) {
    if (!(key in header)) throw new CorpusError(file, `header has no "${key}" line`);
  }
  return header;
}

function parseLabels(file: string, line: number, block: string): Label[] {
  const labels: Label[] = [];
  for (const token of block.trim().split(/\s+/).filter(Boolean)) {
    if (token === 'sum') { labels.push({ line, kind: 'sum', value: '' }); continue; }
    const colon = token.indexOf(':');
    const kind = token.slice(0, colon) as TokenKind;
    const value = token.slice(colon + 1);
    if (colon < 1 || !TOKEN_KINDS.includes(kind) || value === '') {
      throw new CorpusError(file, `line ${line}: unknown label "${token}" (expected sum or ${TOKEN_KINDS.map((k) => `${k}:<id>`).join(', ')})`);
    }
    labels.push({ line, kind, value });
  }
  return labels;
}

function goldOf(labels: Label[], header: Record<string, string>, lines: string[], summaryText: string | undefined): Gold {
  const gold: Gold = {
    asked: new Map(), trapped: new Set(), sections: [], links: new Set(listLines(header.summary_links)),
    linkTraps: new Set(), summaryLines: [], summaryElements: new Set(listLines(header.summary_elements)), summaryTokens: 0,
  };
  for (const { line, kind, value } of labels) {
    if (kind === 'q' && !gold.asked.has(value)) gold.asked.set(value, line);
    else if (kind === 'trap') gold.trapped.add(value);
    else if (kind === 'sec' && gold.sections[gold.sections.length - 1] !== value) gold.sections.push(value);
    else if (kind === 'link') gold.links.add(value);
    else if (kind === 'nolink') gold.linkTraps.add(value);
    else if (kind === 'sum') gold.summaryLines.push(line);
  }
  gold.summaryTokens = summaryText !== undefined && summaryText.trim() !== ''
    ? wordCount(summaryText)
    : gold.summaryLines.reduce((sum, line) => sum + studentWords(lines[line - 1] ?? ''), 0);
  return gold;
}

export function parseCase(split: Split, file: string, text: string, summaryText?: string): Case {
  const all = text.replace(/\r\n?/g, '\n').split('\n');
  const separator = all.indexOf('---');
  if (separator < 0) throw new CorpusError(file, 'no "---" line between the header and the transcript');
  const header = parseHeader(file, all.slice(0, separator));
  const body = all.slice(separator + 1);
  const labels: Label[] = [];
  const lines = body.map((raw, i) => {
    const m = LABEL_BLOCK.exec(raw);
    if (!m) {
      if (raw.includes('⟦') || raw.includes('⟧')) throw new CorpusError(file, `line ${i + 1}: a label block must close the line`);
      return raw;
    }
    labels.push(...parseLabels(file, i + 1, m[1]!));
    return raw.slice(0, m.index);
  });
  const ending = ENDINGS[header.endings ?? 'lf'];
  if (ending === undefined) throw new CorpusError(file, `endings must be lf, crlf or cr, not "${header.endings}"`);
  if (header.bom !== undefined && header.bom !== 'true' && header.bom !== 'false') throw new CorpusError(file, 'bom must be true or false');
  const transcript = (header.bom === 'true' ? '\uFEFF' : '') + lines.join(ending);
  const base = path.basename(file, '.txt');
  return {
    split,
    name: `${header.rubric}/${base}`,
    file,
    rubricId: header.rubric!,
    kinds: listLines(header.kinds),
    header,
    transcript,
    lines,
    summaryText,
    labels,
    gold: goldOf(labels, header, lines, summaryText),
  };
}

export interface SplitCorpus {
  split: Split;
  rubrics: Map<string, Rubric>;
  cases: Case[];
}

export function loadSplit(split: Split, root = corpusRoot()): SplitCorpus {
  const dir = path.join(root, split);
  const rubrics = new Map<string, Rubric>();
  const rubricDir = path.join(dir, 'rubrics');
  if (existsSync(rubricDir)) {
    for (const name of readdirSync(rubricDir).filter((f) => f.endsWith('.json')).sort()) {
      const file = path.join(rubricDir, name);
      const rubric = JSON.parse(readFileSync(file, 'utf8')) as Rubric;
      if (rubric.rubric_id !== path.basename(name, '.json')) throw new CorpusError(file, `rubric_id "${rubric.rubric_id}" differs from the file name`);
      rubrics.set(rubric.rubric_id, rubric);
    }
  }
  const cases: Case[] = [];
  const caseDir = path.join(dir, 'cases');
  if (existsSync(caseDir)) {
    for (const rubricId of readdirSync(caseDir).sort()) {
      const folder = path.join(caseDir, rubricId);
      for (const name of readdirSync(folder).filter((f) => f.endsWith('.txt') && !f.endsWith('.summary.txt')).sort()) {
        const file = path.join(folder, name);
        const summaryFile = file.replace(/\.txt$/, '.summary.txt');
        const summary = existsSync(summaryFile) ? readFileSync(summaryFile, 'utf8') : undefined;
        const parsed = parseCase(split, path.relative(root, file), readFileSync(file, 'utf8'), summary);
        if (parsed.rubricId !== rubricId) throw new CorpusError(parsed.file, `header rubric "${parsed.rubricId}" differs from its folder "${rubricId}"`);
        cases.push(parsed);
      }
    }
  }
  return { split, rubrics, cases };
}
