/**
 * The built-in fake Amberflo a CLI run starts when `--amberflo` names no other: its fixtures, its
 * fault rules (`--faults`), the seed of their rates (`--faults-seed`) and the file that keeps its
 * state across runs (`--amberflo-state`). The options are checked before anything is opened.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  loadFixtures,
  parseFaultSpec,
  startFakeAmberflo,
  type FaultRuleInput,
  type FixtureData,
  type RunningFakeAmberflo,
} from '../fixtures/amberflo/index.ts';
import { CliError } from './errors.ts';
import type { GlobalOptions } from './session.ts';

/** The built-in fake's settings, checked. */
export interface BuiltInFakeSettings {
  /** Fixture folder; default the committed set. */
  fixtures?: string;
  /** Fault rules to add once it listens; default none. */
  rules: FaultRuleInput[];
  /** Seed of the fault-rate PRNG and of the ids the fake makes; default 1. */
  seed?: number;
  /** Where its objects are kept across runs; default nowhere. */
  statePath?: string;
}

const FAKE_ONLY = [
  ['faults', '--faults / AMBERFLO_FAULTS'],
  ['faultsSeed', '--faults-seed / AMBERFLO_FAULTS_SEED'],
  ['amberfloState', '--amberflo-state / AFLO_EMU_AMBERFLO_STATE'],
] as const;

/**
 * Checks the options that shape the built-in fake; throws a CliError with exit code 2 for a bad
 * fault spec or seed, or for any of them given together with `--amberflo`.
 */
export function builtInFakeSettings(options: GlobalOptions): BuiltInFakeSettings {
  if (options.amberflo !== undefined) {
    const given = FAKE_ONLY.find(([key]) => options[key] !== undefined);
    if (given !== undefined) {
      throw new CliError(
        `${given[1]} needs the built-in fake Amberflo; drop --amberflo (or AMBERFLO_URL) to use it`,
        2,
      );
    }
  }

  let rules: FaultRuleInput[];
  try {
    rules = parseFaultSpec(options.faults ?? '');
  } catch (error) {
    throw new CliError(error instanceof Error ? error.message : String(error), 2);
  }

  if (options.amberfloState?.trim() === '') {
    throw new CliError('--amberflo-state needs a file path', 2);
  }
  if (options.amberfloState !== undefined) checkWritable(options.amberfloState);
  return {
    fixtures: options.fixtures,
    rules,
    seed: parseSeed(options.faultsSeed),
    statePath: options.amberfloState,
  };
}

/**
 * Starts the built-in fake on a free loopback port, with its fixtures, state and fault rules;
 * `now` (epoch ms) stamps its writes, the real time by default.
 */
export async function startBuiltInFake(
  settings: BuiltInFakeSettings,
  now: () => number = Date.now,
): Promise<RunningFakeAmberflo> {
  const fake = await startFakeAmberflo({
    port: 0,
    host: '127.0.0.1',
    now,
    data: settings.fixtures === undefined ? undefined : readFixtures(settings.fixtures),
    seed: settings.seed,
    statePath: settings.statePath,
  });
  for (const rule of settings.rules) fake.faults.add(rule);
  return fake;
}

function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seed = Number(text.trim());
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(seed)) {
    throw new CliError(`--faults-seed / AMBERFLO_FAULTS_SEED must be an integer, got: ${text}`, 2);
  }
  return seed;
}

function readFixtures(dir: string): FixtureData {
  try {
    return loadFixtures(dir);
  } catch (error) {
    throw new CliError(
      `--fixtures ${dir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The state file is rewritten after every write, so it must be writable before anything runs. */
function checkWritable(path: string): void {
  const target = existsSync(path) ? path : dirname(resolve(path));
  try {
    accessSync(target, constants.W_OK);
  } catch {
    throw new CliError(
      `--amberflo-state ${path}: ${target === path ? 'the file' : `the folder ${target}`} is missing or not writable`,
      2,
    );
  }
}
