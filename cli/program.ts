/**
 * The `aflo-emu` program: commander, with the global options declared once on the program and
 * accepted before or after the subcommand. `createProgram` builds it without running it, with
 * `exitOverride`, so tests drive it in process.
 */
import { Command, CommanderError, Option } from 'commander';
import { registerApex } from './commands/apex.ts';
import { registerClock } from './commands/clock.ts';
import { registerSchedule } from './commands/schedule.ts';
import { registerDrain } from './commands/drain.ts';
import { registerDump } from './commands/dump.ts';
import { registerEvents } from './commands/events.ts';
import { registerJobs } from './commands/jobs.ts';
import { registerQuery } from './commands/query.ts';
import { registerReplay } from './commands/replay.ts';
import { registerReset } from './commands/reset.ts';
import { registerServe } from './commands/serve.ts';
import { registerUser } from './commands/user.ts';
import { describeFailure } from './errors.ts';
import { EDITIONS } from '../emulator/async/edition.ts';
import type { CliIo } from './io.ts';
import { DEFAULT_DB } from './session.ts';
import packageJson from '../package.json' with { type: 'json' };

const VERSION = packageJson.version;

export function createProgram(io: CliIo): Command {
  const program = new Command('aflo-emu')
    .description('A local Salesforce org with the Amberflo.io package (AFLO) installed')
    .version(VERSION, '-V, --version')
    .enablePositionalOptions(false)
    .addOption(
      new Option('--db <path>', 'the org database (":memory:" for a throwaway org)')
        .default(DEFAULT_DB)
        .env('AFLO_EMU_DB'),
    )
    .addOption(
      new Option(
        '--amberflo <url>',
        'the Amberflo API to call (default: start the built-in fake)',
      ).env('AMBERFLO_URL'),
    )
    .addOption(
      new Option('--amberflo-key <key>', 'the API key for --amberflo').env('AMBERFLO_API_KEY'),
    )
    .addOption(
      new Option('--fixtures <dir>', 'fixture folder for the built-in fake Amberflo').env(
        'AFLO_EMU_FIXTURES',
      ),
    )
    .addOption(
      new Option(
        '--faults <spec>',
        'fault rules for the built-in fake: a share of requests to answer 500 (0.3), or JSON rules',
      ).env('AMBERFLO_FAULTS'),
    )
    .addOption(
      new Option('--faults-seed <n>', 'seed of the fault rates (integer, default 1)').env(
        'AMBERFLO_FAULTS_SEED',
      ),
    )
    .addOption(
      new Option(
        '--amberflo-state <file>',
        "keep the built-in fake's Amberflo objects in this JSON file across runs",
      ).env('AFLO_EMU_AMBERFLO_STATE'),
    )
    .addOption(
      new Option(
        '--clock <mode>',
        'real or virtual time for this run (default: what the org remembers; see the clock command)',
      )
        .choices(['real', 'virtual'])
        .env('AFLO_EMU_CLOCK'),
    )
    .addOption(
      new Option(
        '--edition <edition>',
        'the org edition: developer stops queueable chains at stack depth 5, production never (kept in the org once given)',
      )
        .choices([...EDITIONS])
        .env('AFLO_EMU_EDITION'),
    )
    .option('--quiet', 'no progress and no summary; errors still go to stderr')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    })
    .showHelpAfterError('(run aflo-emu --help for usage)');

  registerApex(program, io);
  registerQuery(program, io);
  registerEvents(program, io);
  registerJobs(program, io);
  registerDump(program, io);
  registerDrain(program, io);
  registerReset(program, io);
  registerClock(program, io);
  registerSchedule(program, io);
  registerReplay(program, io);
  registerServe(program, io);
  registerUser(program, io);
  overrideExits(program, program.commands);
  return program;
}

/** Subcommands (and theirs, as `user add`) report through the program and never exit. */
function overrideExits(program: Command, commands: readonly Command[]): void {
  for (const command of commands) {
    command.exitOverride().configureOutput(program.configureOutput());
    overrideExits(program, command.commands);
  }
}

/** Runs the CLI with these arguments (no `node` and script) and returns the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...args], { from: 'user' });
    return io.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    const { line, exitCode } = describeFailure(error);
    io.err(`aflo-emu: ${line}`);
    return exitCode;
  }
}
