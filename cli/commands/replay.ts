/**
 * `aflo-emu replay <scenario.json…>`: runs trigger scenarios, each in a throwaway in-memory org
 * on a virtual clock with its own fake Amberflo, and checks their expectations. Exit 0 when all
 * passed, 1 when a step or an expectation failed, 2 when a file is invalid (then nothing runs).
 */
import type { Command } from 'commander';
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
    .addHelpText('after', HELP)
    .action(async (files: string[], _options: unknown, command: Command) => {
      for (const [option, why] of Object.entries(REFUSED)) {
        if (command.getOptionValueSourceWithGlobals(option) === 'cli') throw new CliError(why, 2);
      }
      const global = globalOptions(command);
      const fixtures = global.fixtures === undefined ? undefined : readFixtures(global.fixtures);

      io.exitCode = await replayFiles(files, io, {
        quiet: global.quiet === true,
        ...(fixtures === undefined ? {} : { fixtures }),
      });
    });
}

function readFixtures(dir: string): FixtureData {
  try {
    return loadFixtures(dir);
  } catch (error) {
    throw new CliError(`--fixtures ${dir}: ${(error as Error).message}`, 2);
  }
}
