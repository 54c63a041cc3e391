// Collects QA issues and orders them deterministically (pointer, then code, then message).

import type { QaIssue, QaReport } from '../types';
import { comparePointers } from '../edit/json-pointer';
import { QA_CODES, type QaCode } from './codes';

export class IssueCollector {
  private readonly errors: QaIssue[] = [];
  private readonly warnings: QaIssue[] = [];

  /** Files the issue under errors or warnings according to the code's severity. */
  add(code: QaCode, pointer: string, message: string): void {
    const list = QA_CODES[code].severity === 'error' ? this.errors : this.warnings;
    list.push({ pointer, code, message });
  }

  report(): QaReport {
    return { valid: this.errors.length === 0, errors: sortIssues(this.errors), warnings: sortIssues(this.warnings) };
  }
}

function sortIssues(issues: QaIssue[]): QaIssue[] {
  return [...issues].sort(
    (a, b) => comparePointers(a.pointer, b.pointer) || compareText(a.code, b.code) || compareText(a.message, b.message),
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
