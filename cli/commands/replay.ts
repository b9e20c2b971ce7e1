/**
 * `aflo-emu replay <scenario.json…>`: runs trigger scenarios, each in a throwaway in-memory org
 * on a virtual clock with its own fake Amberflo, and checks their expectations. Exit 0 when all
 * passed, 1 when a step or an expectation failed, 2 when a file is invalid (then nothing runs).
 */
import type { Command } from 'commander';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadFixtures, type FixtureData } from '../../fixtures/amberflo/index.ts';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { replayFiles } from '../replay/index.ts';
import { globalOptions } from '../shared-options.ts';

const HELP = `
Each scenario gets a new org in memory and its own fake Amberflo on a free loopback port, so
--db is ignored, and so are --amberflo-key and the environment's AMBERFLO_URL, AMBERFLO_FAULTS
and AMBERFLO_FAULTS_SEED; --amberflo, --faults, --faults-seed and --amberflo-state are refused
(a scenario sets its faults with "faults" steps). --fixtures gives the data of scenarios with
"amberflo": "fixtures" (the default). --quiet prints only what failed, and the summary.
--dump <file> writes the org each scenario left, as "aflo-emu dump" prints it (each scenario
after a "# <file>: <name>" line when there are several): on the same scenario and fixtures, two
replays write the same bytes, so "diff" shows what a change to the package did.
The file format: README.md, "Replaying trigger scenarios".

Example: aflo-emu replay fixtures/scenarios/*.json`;

/** Global options that mean nothing to a replay, by commander's key, with what to do instead. */
const REFUSED: Record<string, string> = {
  amberflo: 'replay uses its own fake Amberflo for each scenario; leave out --amberflo',
  faults: 'a scenario sets its own faults with "faults" steps; leave out --faults',
  faultsSeed: 'a scenario seeds its faults with "seed"; leave out --faults-seed',
  amberfloState: 'each scenario starts its fake Amberflo afresh; leave out --amberflo-state',
};

/** Adds `replay` to the program. */
export function registerReplay(program: Command, io: CliIo): void {
  program
    .command('replay')
    .description('run scenario files, each in a throwaway org, and check their expectations')
    .argument('<scenarios...>', 'scenario files (JSON), e.g. fixtures/scenarios/*.json')
    .option('--dump <file>', 'write the dump of the org each scenario left to this file')
    .addHelpText('after', HELP)
    .action(async (files: string[], options: { dump?: string }, command: Command) => {
      for (const [option, why] of Object.entries(REFUSED)) {
        if (command.getOptionValueSourceWithGlobals(option) === 'cli') throw new CliError(why, 2);
      }
      const global = globalOptions(command);
      const fixtures = global.fixtures === undefined ? undefined : readFixtures(global.fixtures);
      if (options.dump !== undefined) checkDumpPath(options.dump);

      io.exitCode = await replayFiles(files, io, {
        quiet: global.quiet === true,
        ...(fixtures === undefined ? {} : { fixtures }),
        ...(options.dump === undefined ? {} : { dumpTo: options.dump }),
      });
    });
}

/** The dump is written once the scenarios have run, so it must be writable before they start. */
function checkDumpPath(path: string): void {
  if (path.trim() === '') throw new CliError('--dump needs a file path', 2);
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new CliError(`--dump ${path} is a folder; give a file path`, 2);
  }
  const target = existsSync(path) ? path : dirname(resolve(path));
  try {
    accessSync(target, constants.W_OK);
  } catch {
    const what =
      target === path
        ? 'the file is not writable'
        : `the folder ${target} is missing or not writable`;
    throw new CliError(`--dump ${path}: ${what}`, 2);
  }
}

function readFixtures(dir: string): FixtureData {
  try {
    return loadFixtures(dir);
  } catch (error) {
    throw new CliError(`--fixtures ${dir}: ${(error as Error).message}`, 2);
  }
}
