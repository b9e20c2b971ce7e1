/** What a replay found: per scenario, per step, per expectation. report.ts turns it into lines. */
import type { OrgDump } from '../../emulator/dump/org-dump.ts';

/** One checked expectation. */
export interface ExpectationResult {
  /** What was checked, e.g. `events Outbound Customer Processed`. */
  label: string;
  ok: boolean;
  /** What was found, or for a failure expected versus actual, e.g. `expected 200, got 187`. */
  detail: string;
}

/** One step as it ran. */
export interface StepResult {
  /** 1-based, as the report numbers steps. */
  number: number;
  /** What the step does, e.g. `update acme`. */
  label: string;
  ok: boolean;
  /** What happened (`200 jobs; clock +7m`), or why the step failed. */
  detail?: string;
  note?: string;
  /** For an `expect` step: each expectation. */
  expectations?: ExpectationResult[];
}

/** One scenario's run. */
export interface ScenarioResult {
  file: string;
  name: string;
  ok: boolean;
  steps: StepResult[];
  /** Steps not run because an earlier step failed (expectations that fail do not stop a run). */
  notRun: number;
  /** Set when the org or the fake could not be opened or closed, or the org dumped. */
  setupFailure?: string;
  /**
   * The org as the scenario left it, after its last step run (ReplayEnvironment.dump); missing
   * when the org could not be opened or dumped.
   */
  dump?: OrgDump;
}
