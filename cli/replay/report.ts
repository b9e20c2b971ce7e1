/**
 * The replay report in plain text: per scenario a header, a line per step and, under an `expect`
 * step, a line per expectation; a failure says expected versus actual. Quiet reports keep only
 * what failed. The summary line ends the report.
 */
import type { ExpectationResult, ScenarioResult, StepResult } from './results.ts';

const PASS = '✓';
const FAIL = '✗';

/** The lines of one scenario; with `quiet`, none for a scenario that passed. */
export function renderScenario(
  result: ScenarioResult,
  options: { quiet?: boolean } = {},
): string[] {
  const quiet = options.quiet === true;
  if (quiet && result.ok) return [];

  const lines = [`${result.file}: ${result.name}`];
  for (const step of result.steps) {
    if (quiet && step.ok) continue;
    lines.push(stepLine(step));
    for (const expectation of step.expectations ?? []) {
      if (quiet && expectation.ok) continue;
      lines.push(expectationLine(expectation));
    }
  }
  if (result.notRun > 0)
    lines.push(`  · ${result.notRun} later step${result.notRun === 1 ? '' : 's'} not run`);
  if (result.setupFailure !== undefined) lines.push(`  ${FAIL} ${result.setupFailure}`);
  return lines;
}

/** `2 scenarios, 1 failed`. */
export function renderSummary(results: readonly ScenarioResult[]): string {
  const failed = results.filter((result) => !result.ok).length;
  return `${results.length} scenario${results.length === 1 ? '' : 's'}, ${failed} failed`;
}

function stepLine(step: StepResult): string {
  const detail = step.detail === undefined || step.detail === '' ? '' : `: ${step.detail}`;
  const note = step.note === undefined ? '' : `  # ${step.note}`;
  return `  ${step.ok ? PASS : FAIL} ${step.number} ${step.label}${detail}${note}`;
}

function expectationLine(expectation: ExpectationResult): string {
  return `      ${expectation.ok ? PASS : FAIL} ${expectation.label}: ${expectation.detail}`;
}
