/**
 * Queueable stack depth: unlimited in a production org, 5 in a Developer edition org, the org's
 * own figure when given, and a stack's MaximumQueueableStackDepth over either; AsyncInfo.
 */
import { describe, expect, it } from 'vitest';

import { AsyncInfo, System } from '../../../emulator/apex-api.ts';
import { Org } from '../../../emulator/org.ts';
import { VirtualClock } from '../../../emulator/clock.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { ASYNC_DEMO_CLASSES, DepthChainJob } from '../../support/demo-async-jobs.ts';
import {
  openTestOrg,
  runApex,
  START,
  tempDatabasePath,
  type TestOrgOptions,
} from '../../support/test-org.ts';

const DEPTH_REACHED = 'System.AsyncException: Maximum stack depth has been reached.';

function demoOrg(options: TestOrgOptions = {}) {
  return openTestOrg({ packages: [demoPackage({ classes: ASYNC_DEMO_CLASSES })], ...options });
}

function chain(remaining: number, childMax: number | null = null): DepthChainJob {
  const job = new DepthChainJob();
  job.remaining = remaining;
  job.childMax = childMax;
  return job;
}

/** What each DepthChainJob that committed saw, in the order they ran. */
function depthsSeen(org: Org): Array<Record<string, unknown>> {
  return org
    .query(`SELECT Notes__c FROM ${WIDGET} WHERE Name = 'depth' ORDER BY CreatedDate, Id`)
    .records.map((record) => JSON.parse(String(record.Notes__c)) as Record<string, unknown>);
}

function jobStatuses(org: Org): Array<{ Status: unknown; ExtendedStatus: unknown }> {
  return org
    .query('SELECT Status, ExtendedStatus FROM AsyncApexJob ORDER BY CreatedDate, Id')
    .records.map(({ Status, ExtendedStatus }) => ({ Status, ExtendedStatus }));
}

describe('queueable stack depth', () => {
  it('lets a chain grow without limit in a production org', async () => {
    const { org } = await demoOrg();
    expect(org.edition).toEqual({ edition: 'production', maxQueueableStackDepth: undefined });

    await runApex(org, () => System.enqueueJob(chain(9)));
    expect(await org.drain()).toMatchObject({ jobsRun: 10, completed: 10, failed: 0 });

    expect(depthsSeen(org).map((seen) => seen.depth)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('fails the fifth job of a Developer edition org when it chains a sixth', async () => {
    const { org } = await demoOrg({ edition: 'developer' });
    expect(org.edition.maxQueueableStackDepth).toBe(5);

    await runApex(org, () => System.enqueueJob(chain(9)));
    expect(await org.drain()).toMatchObject({ jobsRun: 5, completed: 4, failed: 1 });

    // The fifth job's own write rolled back with its failed enqueue.
    expect(depthsSeen(org).map((seen) => seen.depth)).toEqual([1, 2, 3, 4]);
    expect(jobStatuses(org).at(-1)).toEqual({ Status: 'Failed', ExtendedStatus: DEPTH_REACHED });
  });

  it('stops chains at the org’s own maxQueueableStackDepth when one is given', async () => {
    const { org } = await demoOrg({ edition: 'developer', maxQueueableStackDepth: 3 });

    await runApex(org, () => System.enqueueJob(chain(9)));
    expect(await org.drain()).toMatchObject({ jobsRun: 3, completed: 2, failed: 1 });
    expect(jobStatuses(org).at(-1)?.ExtendedStatus).toBe(DEPTH_REACHED);
  });

  it('lets a stack’s MaximumQueueableStackDepth override the edition’s limit, and its jobs inherit it', async () => {
    const { org } = await demoOrg({ edition: 'developer' });

    await runApex(org, () => System.enqueueJob(chain(9), { MaximumQueueableStackDepth: 8 }));
    expect(await org.drain()).toMatchObject({ jobsRun: 8, completed: 7, failed: 1 });

    const seen = depthsSeen(org);
    expect(seen.map((info) => info.depth)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(seen.every((info) => info.max === 8 && info.hasMax === true)).toBe(true);
    expect(jobStatuses(org).at(-1)?.ExtendedStatus).toBe(DEPTH_REACHED);
  });

  it('keeps a stack’s maximum when a chained job asks for a higher one', async () => {
    const { org } = await demoOrg();

    await runApex(org, () => System.enqueueJob(chain(9, 50), { MaximumQueueableStackDepth: 2 }));
    expect(await org.drain()).toMatchObject({ jobsRun: 2, completed: 1, failed: 1 });
    expect(depthsSeen(org).map((info) => info.max)).toEqual([2]);
  });

  it('refuses a chained job whose own MaximumQueueableStackDepth is below its depth', async () => {
    const { org } = await demoOrg();

    // The first job (depth 1) chains one at depth 2 that asks for a maximum of 1.
    await runApex(org, () => System.enqueueJob(chain(1, 1)));
    expect(await org.drain()).toMatchObject({ jobsRun: 1, completed: 0, failed: 1 });
    expect(jobStatuses(org).at(-1)?.ExtendedStatus).toBe(DEPTH_REACHED);
  });

  it.each([0, -1, 2.5])('refuses a MaximumQueueableStackDepth of %s', async (depth) => {
    const { org } = await demoOrg();
    await expect(
      runApex(org, () => System.enqueueJob(chain(0), { MaximumQueueableStackDepth: depth })),
    ).rejects.toMatchObject({ type: 'System.AsyncException' });
    expect(org.query('SELECT COUNT() FROM AsyncApexJob').totalSize).toBe(0);
  });

  it('reports depth 0 and no maximum outside a queueable', async () => {
    const { org } = await demoOrg();
    const seen = await runApex(org, () => ({
      depth: AsyncInfo.getCurrentQueueableStackDepth(),
      max: AsyncInfo.getMaximumQueueableStackDepth(),
      minDelay: AsyncInfo.getMinimumQueueableDelayInMinutes(),
      hasMax: AsyncInfo.hasMaxStackDepth(),
    }));
    expect(seen).toEqual({ depth: 0, max: null, minDelay: null, hasMax: false });
  });

  it('reports no maximum in a chain enqueued without one, even in a Developer edition org', async () => {
    const { org } = await demoOrg({ edition: 'developer' });
    await runApex(org, () => System.enqueueJob(chain(1)));
    await org.drain();
    expect(depthsSeen(org)).toEqual([
      { depth: 1, max: null, minDelay: null, hasMax: false },
      { depth: 2, max: null, minDelay: null, hasMax: false },
    ]);
  });
});

describe('the org edition', () => {
  it('is kept in the database: a later open without one finds it, a later one with one replaces it', async () => {
    const db = tempDatabasePath();
    const open = async (options: { edition?: 'production' | 'developer' } = {}) => {
      const org = await Org.open({ db, clock: new VirtualClock(START), ...options });
      const edition = org.edition;
      org.close();
      return edition;
    };

    expect(await open({ edition: 'developer' })).toEqual({
      edition: 'developer',
      maxQueueableStackDepth: 5,
    });
    expect(await open()).toEqual({ edition: 'developer', maxQueueableStackDepth: 5 });
    expect(await open({ edition: 'production' })).toEqual({
      edition: 'production',
      maxQueueableStackDepth: undefined,
    });
    expect(await open()).toEqual({ edition: 'production', maxQueueableStackDepth: undefined });
  });

  it('refuses an edition it does not know', async () => {
    await expect(
      Org.open({ edition: 'enterprise' as 'production', clock: new VirtualClock(START) }),
    ).rejects.toThrow('edition must be one of production, developer; got: enterprise');
  });
});
