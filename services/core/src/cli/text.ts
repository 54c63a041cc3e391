// Plain-text renderings for the terminal (--format text).

import { COMPONENTS, type EditPreview, type GradingReport, type QaReport } from '../types';

const MARKS = { strength: '+', improvement: '-', info: '*' } as const;

export function formatReport(report: GradingReport): string {
  const lines = [
    `medgrade report ${report.grading_id}`,
    `rubric ${report.rubric_id} ${report.rubric_version}, ${report.status}, graded ${report.graded_at}`,
    '',
    report.feedback.overall_summary,
    '',
    'component scores:',
    ...COMPONENTS.map((c) => `  ${c.padEnd(14)} ${report.component_scores[c] ?? 'not evaluated'}`),
    `  ${'overall'.padEnd(14)} ${report.overall_score ?? 'not available'}`,
  ];
  for (const section of report.feedback.sections) {
    lines.push('', `[${section.category}]`);
    for (const item of section.items) {
      lines.push(`  ${MARKS[item.type]} ${item.text}`);
      const citations = [...item.citations.rubric, ...item.citations.student];
      if (citations.length > 0) lines.push(`      ${citations.join('  ')}`);
    }
  }
  if (report.warnings.length > 0) lines.push('', 'warnings:', ...report.warnings.map((w) => `  ! ${w}`));
  return lines.join('\n');
}

export function formatQaReport(file: string, report: QaReport): string {
  const lines = [
    `${file}: ${report.valid ? 'valid' : 'invalid'} (${report.errors.length} errors, ${report.warnings.length} warnings)`,
    ...report.errors.map((issue) => `  error   ${issue.pointer || '/'} ${issue.code}: ${issue.message}`),
    ...report.warnings.map((issue) => `  warning ${issue.pointer || '/'} ${issue.code}: ${issue.message}`),
  ];
  return lines.join('\n');
}

export function formatEditPreview(file: string, preview: EditPreview): string {
  const lines = [
    'understood:',
    ...preview.understood.map((line) => `  ${line}`),
    'patch:',
    ...preview.patch.map((op) => `  ${JSON.stringify(op)}`),
    'changes:',
    ...preview.diff.map((d) => `  ${d.change} ${d.path}: ${JSON.stringify(d.before)} → ${JSON.stringify(d.after)}`),
    formatQaReport(`${file} after the edit`, preview.qa),
  ];
  return lines.join('\n');
}
