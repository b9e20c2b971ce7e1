/**
 * A CLI run's org session: the org on the chosen database with the AFLO package installed and,
 * unless `--amberflo` names a real (or other) Amberflo, the built-in fake Amberflo started on a
 * free loopback port with its default key (see `built-in-fake.ts`), which the package reaches
 * through the named credential `AFLO__Amberflo` (fake-amberflo-credential.ts). Either way the URL
 * and key are given to the package for this run only; the settings record is not rewritten.
 */
import { existsSync } from 'node:fs';
import { afloPackage } from '../aflo/package.ts';
import { RealClock, type OrgClock } from '../emulator/clock.ts';
import { stderrLogger, silentLogger } from '../emulator/logger.ts';
import { Org } from '../emulator/org.ts';
import { EDITIONS, isEdition, type Edition } from '../emulator/async/edition.ts';
import type { ClockChoice } from '../emulator/remembered-clock.ts';
import type { RunningFakeAmberflo } from '../fixtures/amberflo/index.ts';
import { builtInFakeSettings, startBuiltInFake } from './built-in-fake.ts';
import { useFakeAmberflo } from './fake-amberflo-credential.ts';
import { CliError } from './errors.ts';

export interface GlobalOptions {
  db: string;
  /** Fixture folder for the built-in fake Amberflo (default: fixtures/amberflo/data). */
  fixtures?: string;
  amberflo?: string;
  amberfloKey?: string;
  /** Fault rules for the built-in fake, as `parseFaultSpec` reads them. */
  faults?: string;
  /** Seed of the built-in fake's fault-rate PRNG, an integer as typed. */
  faultsSeed?: string;
  /** File that keeps the built-in fake's objects across runs. */
  amberfloState?: string;
  /** `real` or `virtual` for this run; the org's remembered clock when omitted. */
  clock?: 'real' | 'virtual';
  /** The org's edition, kept in the database once given; what it remembers when omitted. */
  edition?: string;
  quiet?: boolean;
}

export interface Session {
  org: Org;
  /** The fake Amberflo this run started, if any. */
  fake?: RunningFakeAmberflo;
  amberfloUrl: string;
  close(): Promise<void>;
}

export const DEFAULT_DB = '.aflo-emu/org.db';

export interface SessionOptions {
  /** Start the built-in fake Amberflo (unless --amberflo names one). Default true. */
  withAmberflo?: boolean;
  /** Refuse to create the database: the command only reads or moves an existing org. */
  mustExist?: boolean;
  /** The clock this command needs, over --clock (`clock set` needs virtual time, `reset --at` a start). */
  clock?: ClockChoice;
}

export async function openSession(
  options: GlobalOptions,
  { withAmberflo = true, mustExist = false, clock }: SessionOptions = {},
): Promise<Session> {
  if (options.db.trim() === '') throw new CliError('--db needs a path (or :memory:)', 2);
  if (mustExist && options.db !== ':memory:' && !existsSync(options.db)) {
    throw new CliError(
      `no org database at ${options.db}: it is made by the first apex, drain or reset command (check --db)`,
    );
  }
  // Everything the user can get wrong is checked, and the fake started (it reads its fixtures and
  // state file), before the database is opened or created.
  if (options.amberflo !== undefined) validateUrl(options.amberflo);
  const edition = validEdition(options.edition);
  const fakeSettings = builtInFakeSettings(options);
  const logger = loggerFromEnvironment();
  // The fake stamps its writes (createTime, updateTime) with the org's clock once it is open, as
  // a replay's fake does, so a run on virtual time leaves the same records every time.
  let orgClock: OrgClock | undefined;
  const now = (): number => (orgClock?.now() ?? new Date()).getTime();
  const fake =
    withAmberflo && options.amberflo === undefined
      ? await startBuiltInFake(fakeSettings, now)
      : undefined;

  let org: Org;
  try {
    org = await Org.open({
      db: options.db,
      clock:
        clock ?? (options.clock === 'real' ? new RealClock() : (options.clock ?? 'remembered')),
      logger,
      packages: [afloPackage()],
      ...(edition === undefined ? {} : { edition }),
    });
  } catch (error) {
    await fake?.close();
    throw error;
  }

  orgClock = org.clock;
  const url = fake?.url ?? options.amberflo ?? '';
  if (fake !== undefined) {
    useFakeAmberflo(org, fake.url);
  } else {
    const key = options.amberfloKey ?? '';
    if (url !== '') org.overrides.set('AFLO.baseUrl', url);
    if (key !== '') org.overrides.set('AFLO.apiKey', key);
  }
  return {
    org,
    ...(fake === undefined ? {} : { fake }),
    amberfloUrl: url,
    close: async () => {
      await fake?.close();
      org.close();
    },
  };
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** `AFLO_EMU_LOG_LEVEL=debug` writes the emulator's JSON logs to stderr. */
function loggerFromEnvironment() {
  const level = process.env.AFLO_EMU_LOG_LEVEL;
  if (level === undefined || level === '') return silentLogger();
  if (!LOG_LEVELS.includes(level)) {
    throw new CliError(
      `AFLO_EMU_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got: ${level}`,
      2,
    );
  }
  return stderrLogger(level);
}

/** `--edition` as the org takes it (commander has checked it; callers in code may not have). */
function validEdition(edition: string | undefined): Edition | undefined {
  if (edition === undefined || isEdition(edition)) return edition;
  throw new CliError(`--edition must be one of ${EDITIONS.join(', ')}, got: ${edition}`, 2);
}

/** The package appends API paths to the base URL, so it may carry neither query nor fragment. */
function validateUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`--amberflo must be an http(s) URL, got: ${url}`, 2);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CliError(`--amberflo must be an http(s) URL, got: ${url}`, 2);
  }
  if (parsed.search !== '' || parsed.hash !== '') {
    throw new CliError(`--amberflo must be a base URL without ?query or #fragment, got: ${url}`, 2);
  }
}
