/**
 * Running one checked scenario from its first step: a fresh org and fake, each step in order, and
 * everything closed at the end whatever happened. A step that fails stops the scenario (later
 * steps would build on it); a failed expectation does not, so one run shows every difference.
 */
import { dumpOrg, type OrgDump } from '../../emulator/dump/org-dump.ts';
import { ApexException } from '../../emulator/errors.ts';
import { describeFailure } from '../errors.ts';
import { RecordNames, StepFailed } from './record-names.ts';
import type { ScenarioResult, StepResult } from './results.ts';
import { openScenarioOrg, type ReplayEnvironment, type ScenarioOrg } from './scenario-org.ts';
import type { Scenario, Step } from './schema.ts';
import { describeStep } from './step-labels.ts';
import { runStep, type StepContext } from './steps.ts';

/** Runs the scenario in its own org and fake; never throws. */
export async function runScenario(
  scenario: Scenario,
  environment: ReplayEnvironment = {},
): Promise<ScenarioResult> {
  const base = { file: scenario.file, name: scenario.name };
  let world: ScenarioOrg;
  try {
    world = await openScenarioOrg(scenario, environment);
  } catch (error) {
    const why = describeStepError(error);
    const setupFailure = `could not open the org and the fake Amberflo: ${why}`;
    return { ...base, ok: false, steps: [], notRun: scenario.steps.length, setupFailure };
  }

  const context: StepContext = {
    world,
    names: new RecordNames(),
    startedAt: world.clock.now().getTime(),
  };
  const steps: StepResult[] = [];
  for (const [index, step] of scenario.steps.entries()) {
    const result = await runOneStep(step, index, context, scenario);
    steps.push(result);
    if (!result.ok && step.kind !== 'expect') break;
  }

  let setupFailure: string | undefined;
  let dump: OrgDump | undefined;
  try {
    if (environment.dump === true) dump = await dumpOrg(world.org);
  } catch (error) {
    setupFailure = `could not dump the org: ${describeStepError(error)}`;
  }
  try {
    await world.close();
  } catch (error) {
    setupFailure = `could not close the org and the fake Amberflo: ${describeStepError(error)}`;
  }
  const notRun = scenario.steps.length - steps.length;
  const ok = setupFailure === undefined && notRun === 0 && steps.every((step) => step.ok);
  return {
    ...base,
    ok,
    steps,
    notRun,
    ...(setupFailure === undefined ? {} : { setupFailure }),
    ...(dump === undefined ? {} : { dump }),
  };
}

async function runOneStep(
  step: Step,
  index: number,
  context: StepContext,
  scenario: Scenario,
): Promise<StepResult> {
  const header = {
    number: index + 1,
    label: describeStep(step, scenario),
    ...(step.note === undefined ? {} : { note: step.note }),
  };
  try {
    const outcome = await runStep(step, context);
    return { ...header, ...outcome };
  } catch (error) {
    return { ...header, ok: false, detail: describeStepError(error) };
  }
}

/** The platform's words for a failure (`System.DmlException: Insert failed. …`), on one line. */
function describeStepError(error: unknown): string {
  if (error instanceof StepFailed) return error.message;
  if (error instanceof ApexException) return error.describe().replace(/\s*\n\s*/g, ' ');
  return describeFailure(error).line;
}
