/**
 * The throwaway world one scenario runs in: a new in-memory org with the AFLO package on a
 * virtual clock, and its own fake Amberflo on a free loopback port, given to the package for
 * this org only. Nothing is shared between scenarios.
 */
import { afloPackage } from '../../aflo/package.ts';
import { VirtualClock } from '../../emulator/clock.ts';
import { silentLogger, type Logger } from '../../emulator/logger.ts';
import { Org } from '../../emulator/org.ts';
import {
  startFakeAmberflo,
  type FixtureData,
  type RunningFakeAmberflo,
} from '../../fixtures/amberflo/index.ts';
import { useFakeAmberflo } from '../fake-amberflo-credential.ts';
import type { Scenario } from './schema.ts';

/** What every scenario of a replay shares: where the fake's data comes from, and logging. */
export interface ReplayEnvironment {
  /** The data of `"amberflo": "fixtures"`; default the committed fixtures. */
  fixtures?: FixtureData;
  /** The org's logger; default silent. */
  logger?: Logger;
  /** Keep a dump of each scenario's org, as its last step left it, in its result. */
  dump?: boolean;
}

/** One scenario's org, its virtual clock and its fake Amberflo. */
export interface ScenarioOrg {
  org: Org;
  clock: VirtualClock;
  fake: RunningFakeAmberflo;
  /** Closes the fake and the org; safe to call once whatever happened before. */
  close(): Promise<void>;
}

const EMPTY: FixtureData = {
  customers: [],
  promotions: [],
  customerPromotions: [],
  productItems: [],
};

/** Opens the org and starts the fake; if either fails, whatever was opened is closed again. */
export async function openScenarioOrg(
  scenario: Scenario,
  environment: ReplayEnvironment,
): Promise<ScenarioOrg> {
  const clock = new VirtualClock(scenario.clock);
  const data = scenario.amberflo === 'empty' ? EMPTY : environment.fixtures;

  // The fake stamps its writes (createTime, updateTime) with the org's clock, so replays repeat.
  const fake = await startFakeAmberflo({
    port: 0,
    seed: scenario.seed,
    now: () => clock.now().getTime(),
    ...(data === undefined ? {} : { data }),
  });
  let org: Org;
  try {
    org = await Org.open({
      db: ':memory:',
      clock,
      packages: [afloPackage()],
      logger: environment.logger ?? silentLogger(),
    });
  } catch (error) {
    await fake.close();
    throw error;
  }

  useFakeAmberflo(org, fake.url);
  org.overrides.set('AFLO.calloutTimeoutMs', String(scenario.calloutTimeoutMs));
  return {
    org,
    clock,
    fake,
    close: async () => {
      try {
        await fake.close();
      } finally {
        org.close();
      }
    },
  };
}
