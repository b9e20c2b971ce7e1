/**
 * Running one step against the scenario's org and fake. What the platform throws (a DML
 * statement or a retry that fails) is the step's failure, worded by run-scenario.ts; an apex
 * step and an expect step report theirs as outcomes. Expectations never stop a scenario.
 */
import { retryEvents } from '../../aflo/events/manual-retry.ts';
import type { Org } from '../../emulator/org.ts';
import { advanceClock } from '../../emulator/schedule/advance-clock.ts';
import type { FaultRuleInput } from '../../fixtures/amberflo/index.ts';
import { deleteRecords, findRecords, insertRecords, plural, updateRecords } from './dml-steps.ts';
import { formatElapsed, parseDuration } from './durations.ts';
import { checkExpectations } from './expectations.ts';
import type { RecordNames } from './record-names.ts';
import type { ExpectationResult } from './results.ts';
import type { ScenarioOrg } from './scenario-org.ts';
import type { Step } from './schema.ts';

/** A safety net: a drain that runs this many jobs is taken for a chain that never ends. */
export const MAX_DRAIN_JOBS = 100_000;

/** What a step acts on: the scenario's world and the names given so far. */
export interface StepContext {
  world: ScenarioOrg;
  names: RecordNames;
  /** The virtual time the scenario started at, epoch ms, for `clock +7m` in the report. */
  startedAt: number;
}

/** How a step went; run-scenario.ts adds its number and label. */
export interface StepOutcome {
  ok: boolean;
  detail?: string;
  expectations?: ExpectationResult[];
}

/** Runs a step; throws what the platform threw when a DML statement or a retry fails. */
export async function runStep(step: Step, context: StepContext): Promise<StepOutcome> {
  const { world, names } = context;
  const { org, fake, clock } = world;

  switch (step.kind) {
    case 'insert':
      return insertRecords(org, step, names);
    case 'update':
      return updateRecords(org, step.update, step.values, names);
    case 'delete':
      return deleteRecords(org, 'delete', step.delete, names);
    case 'undelete':
      return deleteRecords(org, 'undelete', step.undelete, names);
    case 'find':
      return findRecords(org, step.find, step.as, names);
    case 'apex':
      return runApex(org, step.apex, step.expectFailure);
    case 'faults':
      return setFaults(
        world,
        typeof step.faults === 'number' ? [{ rate: step.faults }] : step.faults,
      );
    case 'clearFaults':
      return setFaults(world, []);
    case 'drain':
      return drain(context, step.drain === true || step.drain.wait !== false);
    case 'advance':
      return advance(context, clock.now().getTime() + parseDuration(step.advance));
    case 'retry':
      return retryFailed(org);
    case 'expect': {
      const expectations = checkExpectations(step.expect, { org, fake, names });
      return { ok: expectations.every((result) => result.ok), expectations };
    }
  }
}

/** Runs anonymous Apex; it must succeed, or with `expectFailure` fail (with that text). */
async function runApex(
  org: Org,
  source: string,
  expectFailure: boolean | string | undefined,
): Promise<StepOutcome> {
  const result = await org.runAnonymous(source);
  const failure = !result.compiled
    ? `compile error at line ${result.line} column ${result.column}: ${result.compileProblem ?? ''}`
    : result.success
      ? undefined
      : (result.exceptionMessage ?? 'the script failed');

  if (expectFailure === undefined || expectFailure === false)
    return failure === undefined ? { ok: true } : { ok: false, detail: failure };
  if (failure === undefined) return { ok: false, detail: 'the script succeeded; it must fail' };
  if (typeof expectFailure === 'string' && !failure.includes(expectFailure)) {
    return {
      ok: false,
      detail: `failed with "${failure}"; expected a failure containing "${expectFailure}"`,
    };
  }
  return { ok: true, detail: `failed as it must: ${failure}` };
}

/**
 * Replaces the fake's fault rules. Clearing also restarts the rate sequence from the scenario's
 * seed, so the same steps fail the same requests on every replay.
 */
function setFaults(world: ScenarioOrg, rules: readonly FaultRuleInput[]): StepOutcome {
  world.fake.faults.clear();
  for (const rule of rules) world.fake.faults.add(rule);
  return { ok: true };
}

/** Runs the due jobs and, with `wait`, those queued for later, moving the virtual clock. */
async function drain(context: StepContext, wait: boolean): Promise<StepOutcome> {
  const report = await context.world.org.drain({
    delayed: wait ? 'wait' : 'stop',
    maxJobs: MAX_DRAIN_JOBS,
  });

  if (report.jobsRun >= MAX_DRAIN_JOBS)
    return { ok: false, detail: `stopped after ${MAX_DRAIN_JOBS} jobs: does a chain never end?` };
  const failed = report.failed === 0 ? '' : `, ${report.failed} failed`;
  const later = report.delayedJobs === 0 ? '' : `, ${report.delayedJobs} queued for later`;
  return {
    ok: true,
    detail: `${plural(report.jobsRun, 'job')}${failed}${later}; ${elapsed(context)}`,
  };
}

/**
 * Moves the virtual clock as `aflo-emu clock advance` does: every scheduled firing and delayed job
 * due on the way runs at its own time, and what they queue is drained.
 */
async function advance(context: StepContext, target: number): Promise<StepOutcome> {
  const report = await advanceClock(context.world.org, new Date(target));
  const failed = report.failed === 0 ? '' : `, ${report.failed} failed`;
  const ran = report.jobsRun === 0 ? '' : `; ran ${plural(report.jobsRun, 'job')}${failed}`;
  return { ok: true, detail: `${elapsed(context)}${ran}` };
}

/** Makes every Failed async event due now and starts its chain, as `events retry --failed`. */
async function retryFailed(org: Org): Promise<StepOutcome> {
  const count = await org.run({ kind: 'anonymous', allowsCallouts: false }, () =>
    retryEvents(undefined),
  );
  return { ok: true, detail: `${plural(count, 'Failed event')} made due` };
}

/** `clock +7m`: how far the virtual clock has moved since the scenario started. */
function elapsed(context: StepContext): string {
  return `clock ${formatElapsed(context.world.clock.now().getTime() - context.startedAt)}`;
}
