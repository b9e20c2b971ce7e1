/**
 * An org with the AFLO package installed, on a fresh in-memory database and a virtual clock,
 * wired to a real fake Amberflo on a loopback port. Everything made here is closed by
 * `closeAll()` (call it in afterEach), so no test leaves a server or a database open.
 */
import { afloPackage } from '../../aflo/package.ts';
import { VirtualClock } from '../../emulator/clock.ts';
import { Org } from '../../emulator/org.ts';
import type { Edition } from '../../emulator/async/edition.ts';
import {
  DEFAULT_API_KEY,
  startFakeAmberflo,
  type FixtureData,
  type RunningFakeAmberflo,
} from '../../fixtures/amberflo/index.ts';

export interface AfloHarness {
  org: Org;
  fake: RunningFakeAmberflo;
  clock: VirtualClock;
  /** Runs `(new AFLO.DownloadScheduler()).execute(null);` and drains, waiting out retries. */
  sync(): Promise<void>;
}

const open: Array<() => Promise<void>> = [];

export async function aflo(
  options: { db?: string; data?: FixtureData; concurrency?: number; edition?: Edition } = {},
): Promise<AfloHarness> {
  const clock = new VirtualClock('2026-03-01T06:00:00.000Z');
  const fake = await startFakeAmberflo({
    port: 0,
    ...(options.data === undefined ? {} : { data: options.data }),
  });
  const org = await Org.open({
    db: options.db ?? ':memory:',
    clock,
    packages: [afloPackage()],
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.edition === undefined ? {} : { edition: options.edition }),
  });
  org.overrides.set('AFLO.baseUrl', fake.url);
  org.overrides.set('AFLO.apiKey', DEFAULT_API_KEY);
  open.push(async () => {
    org.close();
    await fake.close();
  });

  return {
    org,
    fake,
    clock,
    sync: async () => {
      const result = await org.runAnonymous('(new AFLO.DownloadScheduler()).execute(null);');
      if (!result.success)
        throw new Error(
          `the sync script failed: ${result.exceptionMessage ?? result.compileProblem ?? ''}`,
        );
      await org.drain({ delayed: 'wait' });
    },
  };
}

export async function closeAll(): Promise<void> {
  const closers = open.splice(0);
  for (const close of closers) await close();
}

/** `SELECT COUNT() …` */
export function count(
  org: Org,
  soql: string,
  binds: Record<string, string | string[]> = {},
): number {
  return org.query(soql, { binds }).totalSize;
}
