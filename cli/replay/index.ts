/**
 * Scenario replay: scenario files (schema.ts) are read and checked (parse-scenario.ts), each is
 * run in a throwaway org with its own fake Amberflo (run-scenario.ts), and the results are
 * printed (report.ts). `replayFiles` is the whole pipeline, as `aflo-emu replay` runs it.
 */
import { writeFileSync } from 'node:fs';
import { renderDumpText } from '../../emulator/dump/dump-format.ts';
import { readScenarioFile } from './parse-scenario.ts';
import { renderScenario, renderSummary } from './report.ts';
import type { ScenarioResult } from './results.ts';
import { runScenario } from './run-scenario.ts';
import type { ReplayEnvironment } from './scenario-org.ts';
import type { Scenario } from './schema.ts';

export { parseScenario, readScenarioFile, type ParsedScenario } from './parse-scenario.ts';
export { renderScenario, renderSummary } from './report.ts';
export type { ExpectationResult, ScenarioResult, StepResult } from './results.ts';
export { runScenario } from './run-scenario.ts';
export type { ReplayEnvironment } from './scenario-org.ts';
export type { Scenario, Step } from './schema.ts';

/** How `replayFiles` runs, beside the environment the scenarios share. */
export interface ReplayFileOptions {
  /** Print only failures and the summary. */
  quiet?: boolean;
  /** Write the dump of each scenario's org, as its last step left it, to this file. */
  dumpTo?: string;
}

/** Where a replay writes: the report to `out`, file problems to `err`. */
export interface ReplayOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Checks every file first (any problem: all are printed, nothing runs, exit code 2), then runs
 * the scenarios one after another, printing each as it ends. Exit code 0 when every scenario
 * passed, else 1.
 */
/** How many file problems are printed before the rest are only counted. */
const MAX_PROBLEMS_SHOWN = 50;

export async function replayFiles(
  files: readonly string[],
  output: ReplayOutput,
  options: ReplayEnvironment & ReplayFileOptions = {},
): Promise<number> {
  const scenarios: Scenario[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const parsed = readScenarioFile(file);
    if (parsed.ok) scenarios.push(parsed.scenario);
    else for (const problem of parsed.problems) problems.push(problem);
  }
  if (problems.length > 0) {
    for (const problem of problems.slice(0, MAX_PROBLEMS_SHOWN)) output.err(problem);
    if (problems.length > MAX_PROBLEMS_SHOWN)
      output.err(`and ${problems.length - MAX_PROBLEMS_SHOWN} more problems`);
    output.err('nothing was run: fix the scenario files above first');
    return 2;
  }

  const results: ScenarioResult[] = [];
  for (const scenario of scenarios) {
    const result = await runScenario(scenario, { ...options, dump: options.dumpTo !== undefined });
    results.push(result);
    for (const line of renderScenario(result, options)) output.out(line);
  }
  output.out(renderSummary(results));
  const written = options.dumpTo === undefined || writeDumps(results, options.dumpTo, output);
  return written && results.every((result) => result.ok) ? 0 : 1;
}

/**
 * Writes the dump of the org each scenario left, in the text format of `aflo-emu dump`, one
 * scenario after another (each introduced by `# <file>: <name>` when there are several).
 * False, with a line on `err`, when a scenario has no dump or the file cannot be written.
 */
function writeDumps(
  results: readonly ScenarioResult[],
  path: string,
  output: ReplayOutput,
): boolean {
  const lines: string[] = [];
  for (const result of results) {
    if (result.dump === undefined) {
      output.err(`${result.file}: no dump to write (${result.setupFailure ?? 'no org'})`);
      return false;
    }
    if (results.length > 1) lines.push(`# ${result.file}: ${result.name}`);
    lines.push(...renderDumpText(result.dump));
  }
  try {
    writeFileSync(path, `${lines.join('\n')}\n`);
    return true;
  } catch (error) {
    output.err(`cannot write the dump to ${path}: ${(error as Error).message}`);
    return false;
  }
}
