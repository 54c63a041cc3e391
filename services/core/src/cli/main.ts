// medgrade: grade a transcript, validate a rubric or preview a rubric edit (the JSON Patch,
// the resulting changes and the QA of the result; the file is not changed), all in-process.
// Exit codes: 0 success, 1 bad input (unreadable file, invalid JSON, invalid rubric,
// an edit that cannot be planned), 2 wrong usage. Errors are one line on stderr.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { planRubricEdit } from '../edit/plan';
import { grade } from '../grade';
import { validateRubric } from '../qa/validate';
import { FEEDBACK_STYLES, type FeedbackStyle, type GradingReport, type QaReport, type Rubric } from '../types';
import { formatEditPreview, formatQaReport, formatReport } from './text';

const USAGE = `usage:
  medgrade grade --rubric FILE --transcript FILE [--summary FILE] [--style constructive|detailed|concise] [--format json|text]
  medgrade validate FILE [--format json|text]
  medgrade edit FILE "instruction" [--format json|text]`;

/** A failure to report on one line, with its exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processOutput: Output = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export async function main(argv: readonly string[], output: Output = processOutput): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'grade':
        return gradeCommand(rest, output);
      case 'validate':
        return validateCommand(rest, output);
      case 'edit':
        return editCommand(rest, output);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        output.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new CliError(`unknown command "${command}" (expected grade, validate or edit)`, 2);
    }
  } catch (err) {
    if (err instanceof CliError) {
      output.err(`medgrade: ${err.message}`);
      return err.exitCode;
    }
    output.err(`medgrade: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

function parse(args: readonly string[], options: Record<string, { type: 'string' }>) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new CliError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`, 2);
  }
}

function gradeCommand(args: readonly string[], output: Output): number {
  const { values, positionals } = parse(args, {
    rubric: { type: 'string' },
    transcript: { type: 'string' },
    summary: { type: 'string' },
    style: { type: 'string' },
    format: { type: 'string' },
  });
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`, 2);
  if (!values.rubric) throw new CliError('grade needs --rubric FILE', 2);
  if (!values.transcript) throw new CliError('grade needs --transcript FILE', 2);
  const style = values.style ?? 'constructive';
  if (!(FEEDBACK_STYLES as readonly string[]).includes(style)) {
    throw new CliError(`unknown style "${style}" (expected ${FEEDBACK_STYLES.join(', ')})`, 2);
  }
  const format = checkFormat(values.format);

  const rubric = readRubric(values.rubric);
  const transcript = readText(values.transcript, 'transcript');
  const summaryText = values.summary === undefined ? undefined : readText(values.summary, 'summary');
  const report: GradingReport = grade(rubric, transcript, {
    style: style as FeedbackStyle,
    ...(summaryText === undefined ? {} : { summaryText }),
  });
  output.out(format === 'json' ? JSON.stringify(report, null, 2) : formatReport(report));
  return 0;
}

function validateCommand(args: readonly string[], output: Output): number {
  const { values, positionals } = parse(args, { format: { type: 'string' } });
  if (positionals.length !== 1) throw new CliError('validate needs exactly one rubric FILE', 2);
  const file = positionals[0] as string;
  const format = checkFormat(values.format);
  const report: QaReport = validateRubric(readJson(file, 'rubric'));
  output.out(format === 'json' ? JSON.stringify(report, null, 2) : formatQaReport(file, report));
  return report.valid ? 0 : 1;
}

function editCommand(args: readonly string[], output: Output): number {
  const { values, positionals } = parse(args, { format: { type: 'string' } });
  if (positionals.length !== 2) throw new CliError('edit needs a rubric FILE and one quoted "instruction"', 2);
  const [file, instruction] = positionals as [string, string];
  const format = checkFormat(values.format);
  const preview = planRubricEdit(readRubric(file), instruction);
  const { understood, patch, diff, qa } = preview;
  output.out(format === 'json' ? JSON.stringify({ understood, patch, diff, qa }, null, 2) : formatEditPreview(file, preview));
  return 0;
}

function checkFormat(format: string | undefined): 'json' | 'text' {
  const chosen = format ?? 'json';
  if (chosen !== 'json' && chosen !== 'text') throw new CliError(`unknown format "${chosen}" (expected json or text)`, 2);
  return chosen;
}

function readText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new CliError(`cannot read ${what} file ${file}: ${why}`, 1);
  }
}

function readJson(file: string, what: string): unknown {
  const text = readText(file, what);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`${what} file ${file} is not valid JSON: ${(err as Error).message}`, 1);
  }
}

/** Reads a rubric and refuses one that QA rejects, naming its first error. */
function readRubric(file: string): Rubric {
  const input = readJson(file, 'rubric');
  const qa = validateRubric(input);
  const [first, ...others] = qa.errors;
  if (first) {
    const more = others.length > 0 ? ` (and ${others.length} more; run "medgrade validate ${file}")` : '';
    throw new CliError(`rubric ${file} is invalid: ${first.pointer || '/'} ${first.code}: ${first.message}${more}`, 1);
  }
  return input as Rubric;
}
