/**
 * A CLI run's org session: the org on the chosen database with the AFLO package installed and,
 * unless `--amberflo` names a real (or other) Amberflo, the built-in fake Amberflo started on a
 * free loopback port with its default key. Either way the URL and key are given to the package
 * for this run only; the settings record is not rewritten.
 */
import { existsSync } from 'node:fs';
import { afloPackage } from '../aflo/package.ts';
import { RealClock } from '../emulator/clock.ts';
import { stderrLogger, silentLogger } from '../emulator/logger.ts';
import { Org } from '../emulator/org.ts';
import {
  DEFAULT_API_KEY,
  loadFixtures,
  type FixtureData,
  startFakeAmberflo,
  type RunningFakeAmberflo,
} from '../fixtures/amberflo/index.ts';
import { CliError } from './errors.ts';

export interface GlobalOptions {
  db: string;
  /** Fixture folder for the built-in fake Amberflo (default: fixtures/amberflo/data). */
  fixtures?: string;
  amberflo?: string;
  amberfloKey?: string;
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

export async function openSession(
  options: GlobalOptions,
  { withAmberflo = true, mustExist = false } = {},
): Promise<Session> {
  if (options.db.trim() === '') throw new CliError('--db needs a path (or :memory:)', 2);
  if (mustExist && options.db !== ':memory:' && !existsSync(options.db)) {
    throw new CliError(
      `no org database at ${options.db}: it is made by the first apex, drain or reset command (check --db)`,
    );
  }
  // Everything the user can get wrong is checked before the database is opened or created.
  if (options.amberflo !== undefined) validateUrl(options.amberflo);
  const data =
    withAmberflo && options.amberflo === undefined && options.fixtures !== undefined
      ? readFixtures(options.fixtures)
      : undefined;
  const logger = loggerFromEnvironment();
  const org = await Org.open({
    db: options.db,
    clock: new RealClock(),
    logger,
    packages: [afloPackage()],
  });

  let fake: RunningFakeAmberflo | undefined;
  let url = options.amberflo ?? '';
  let key = options.amberfloKey ?? '';
  try {
    if (withAmberflo && options.amberflo === undefined) {
      fake = await startFakeAmberflo({
        port: 0,
        host: '127.0.0.1',
        ...(data === undefined ? {} : { data }),
      });
      url = fake.url;
      key = DEFAULT_API_KEY;
    }
  } catch (error) {
    org.close();
    throw error;
  }

  if (url !== '') org.overrides.set('AFLO.baseUrl', url);
  if (key !== '') org.overrides.set('AFLO.apiKey', key);
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

function readFixtures(dir: string): FixtureData {
  try {
    return loadFixtures(dir);
  } catch (error) {
    throw new CliError(
      `--fixtures ${dir}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
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
