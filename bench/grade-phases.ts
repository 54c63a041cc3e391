// Where an in-process grade spends its time: CPU microseconds per step of grade(), measured
// inside whole grades (each iteration grades a fresh parse, so nothing is remembered from
// the previous one), median over the timed grades, with each step's share of the total.
// The steps are those of services/core/src/grade.ts; before timing, the script checks that
// running them one by one gives the same scores and feedback as grade() itself.
//
//   node --import tsx bench/grade-phases.ts [--grades N] [--source]

import assert from 'node:assert/strict';
import { parseArgs } from 'node:util';
import { benchCases, loadCore, median, type Case, type GradingCore } from './support/cases';

const STEPS = ['parse', 'sections', 'structure', 'questions', 'reasoning', 'summary', 'communication', 'scores', 'feedback', 'citations'] as const;
type Step = (typeof STEPS)[number];

/** grade() one step at a time, reporting each step's duration in milliseconds. */
function gradeInSteps(core: GradingCore, c: Case, record: (step: Step, ms: number) => void) {
  let last = performance.now();
  const done = (step: Step) => {
    const now = performance.now();
    record(step, now - last);
    last = now;
  };
  const parsed = core.parseTranscript(c.transcript);
  done('parse');
  const sections = core.segmentSections(parsed);
  done('sections');
  const structure = core.evaluateStructure(c.rubric, sections, parsed);
  done('structure');
  const key_questions = core.matchQuestions(c.rubric, parsed);
  done('questions');
  const reasoning = core.evaluateReasoning(c.rubric, parsed);
  done('reasoning');
  const summary = core.evaluateSummary(c.rubric, parsed, sections);
  done('summary');
  const communication = core.evaluateCommunication(c.rubric, parsed);
  done('communication');
  const results = { structure, key_questions, reasoning, summary, communication };
  const component_scores = core.scoreComponents(c.rubric, { structure, questions: key_questions, reasoning, summary, communication });
  done('scores');
  const feedback = core.composeFeedback(c.rubric, results, 'constructive');
  done('feedback');
  const report = { ...core.grade(c.rubric, 'Student: placeholder'), component_scores, feedback, details: { structure, key_questions, reasoning, summary } };
  last = performance.now(); // the placeholder grade above only supplies the report's other fields
  const problems = core.validateCitations(c.rubric, report, parsed);
  done('citations');
  if (problems.length > 0) throw new Error(problems.join('; '));
  return { component_scores, feedback };
}

function checkSameAsGrade(core: GradingCore, c: Case): void {
  const whole = core.grade(c.rubric, c.transcript);
  const stepwise = gradeInSteps(core, c, () => {});
  assert.deepEqual(stepwise, { component_scores: whole.component_scores, feedback: whole.feedback }, `${c.name}: the steps no longer add up to grade()`);
}

function measure(core: GradingCore, c: Case, grades: number): Map<Step, number> {
  for (let i = 0; i < Math.min(grades, 2000); i++) gradeInSteps(core, c, () => {});
  const samples = new Map<Step, number[]>(STEPS.map((s) => [s, []]));
  for (let i = 0; i < grades; i++) gradeInSteps(core, c, (step, ms) => samples.get(step)?.push(ms * 1000));
  return new Map(STEPS.map((s) => [s, median(samples.get(s) ?? [])]));
}

function main(): void {
  const { values } = parseArgs({ options: { grades: { type: 'string' }, source: { type: 'boolean' } } });
  const grades = Number(values.grades ?? 20000);
  const { core, code } = loadCore(values.source === true);
  console.log(`grade() step by step (${code}): median microseconds per step over ${grades} grades, node ${process.version}`);
  for (const c of benchCases()) {
    checkSameAsGrade(core, c);
    const n = c.transcript.length > 100_000 ? Math.max(20, Math.floor(grades / 500)) : grades;
    const perStep = measure(core, c, n);
    const total = [...perStep.values()].reduce((a, b) => a + b, 0);
    console.log(`\n${c.name}: ${total.toFixed(1)} µs in all (sum of step medians)`);
    for (const [step, us] of perStep) {
      console.log(`  ${step.padEnd(14)} ${us.toFixed(2).padStart(10)} µs ${((us / total) * 100).toFixed(1).padStart(6)}%`);
    }
  }
}

main();
