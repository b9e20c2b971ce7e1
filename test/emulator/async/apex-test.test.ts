/**
 * Apex tests on the org: Test.isRunningTest(), Test.startTest() and Test.stopTest(), from a
 * TypeScript test (org.testing) and from package code (the Apex API's Test).
 */
import { describe, expect, it } from 'vitest';

import { ApexException, Database, Limits, System, Test } from '../../../emulator/apex-api.ts';
import type { Org } from '../../../emulator/org.ts';
import { demoPackage, widget, WIDGET } from '../../support/demo-package.ts';
import {
  ASYNC_DEMO_CLASSES,
  ChainTryingJob,
  FinalizedJob,
  TestAwareJob,
  WidgetSchedulable,
} from '../../support/demo-async-jobs.ts';
import { openTestOrg, rejectionOf, runApex } from '../../support/test-org.ts';

function demoOrg() {
  return openTestOrg({ packages: [demoPackage({ classes: ASYNC_DEMO_CLASSES })] });
}

function widgets(org: Org): Array<{ Name: unknown; Notes__c: unknown }> {
  return org
    .query(`SELECT Name, Notes__c FROM ${WIDGET} ORDER BY CreatedDate, Id`)
    .records.map(({ Name, Notes__c }) => ({ Name, Notes__c }));
}

function statuses(org: Org): unknown[] {
  return org
    .query('SELECT Status FROM AsyncApexJob ORDER BY CreatedDate, Id')
    .records.map((job) => job.Status);
}

describe('org.testing', () => {
  it('runs at stopTest the jobs enqueued after startTest, and the drain never sees them', async () => {
    const { org } = await demoOrg();

    await org.testing.run(async (test) => {
      test.startTest();
      await runApex(org, () => System.enqueueJob(new TestAwareJob()));
      expect(statuses(org)).toEqual(['Queued']);
      expect(await org.drain()).toMatchObject({ jobsRun: 0, delayedJobs: 0 });

      expect(await test.stopTest()).toEqual({
        jobsRun: 1,
        completed: 1,
        failed: 0,
        scheduledRun: 0,
      });
      expect(widgets(org)).toEqual([{ Name: 'test aware', Notes__c: 'true' }]);
      expect(statuses(org)).toEqual(['Completed']);
    });
  });

  it('runs one level only: a job run by stopTest may not chain one', async () => {
    const { org } = await demoOrg();

    await org.testing.run(async (test) => {
      test.startTest();
      await runApex(org, () => System.enqueueJob(new ChainTryingJob()));
      await test.stopTest();
    });

    expect(widgets(org)).toEqual([
      {
        Name: 'chain refused',
        Notes__c: 'System.AsyncException: Maximum stack depth has been reached.',
      },
    ]);
  });

  it('runs a job’s finalizer at stopTest too', async () => {
    const { org } = await demoOrg();
    await org.testing.run(async (test) => {
      test.startTest();
      await runApex(org, () => System.enqueueJob(new FinalizedJob()));
      await test.stopTest();
    });
    expect(widgets(org).map((row) => row.Name)).toEqual(['job work', 'finalizer']);
  });

  it('never runs jobs enqueued before startTest or after stopTest: the test’s end aborts them', async () => {
    const { org } = await demoOrg();

    await org.testing.run(async (test) => {
      await runApex(org, () => System.enqueueJob(new TestAwareJob()));
      test.startTest();
      expect(await test.stopTest()).toMatchObject({ jobsRun: 0 });
      await runApex(org, () => System.enqueueJob(new TestAwareJob()));
    });

    expect(widgets(org)).toEqual([]);
    expect(statuses(org)).toEqual(['Aborted', 'Aborted']);
    expect(org.testing.isRunningTest).toBe(false);
  });

  it('runs a job scheduled between startTest and stopTest once, whatever its cron expression', async () => {
    const { org } = await demoOrg();

    await org.testing.run(async (test) => {
      test.startTest();
      await runApex(org, () =>
        System.schedule('yearly', '0 0 0 1 1 ? 2099', new WidgetSchedulable()),
      );
      expect(await test.stopTest()).toMatchObject({ scheduledRun: 1 });
    });

    expect(widgets(org).map((row) => row.Name)).toEqual(['scheduled run']);
    const [trigger] = org.query('SELECT TimesTriggered FROM CronTrigger').records;
    expect(trigger?.TimesTriggered).toBe(1);
  });

  it('refuses a second startTest, and a stopTest before startTest or after stopTest', async () => {
    const { org } = await demoOrg();

    await org.testing.run(async (test) => {
      await expect(test.stopTest()).rejects.toMatchObject({
        type: 'System.FinalException',
        message: 'Testing has not started',
      });
      test.startTest();
      expect(() => test.startTest()).toThrow('Testing already started');
      await test.stopTest();
      expect(() => test.startTest()).toThrow('Testing already started');
      await expect(test.stopTest()).rejects.toMatchObject({ type: 'System.FinalException' });
    });
  });

  it('says no test is running outside one, and refuses startTest there', async () => {
    const { org } = await demoOrg();
    expect(await runApex(org, () => Test.isRunningTest())).toBe(false);
    expect(() => org.testing.startTest()).toThrow(ApexException);
  });
});

describe('the Apex API’s Test', () => {
  it('runs the jobs at Test.stopTest() inside the transaction, which then sees their work', async () => {
    const { org } = await demoOrg();

    const seen = await org.testing.run(() =>
      runApex(org, async () => {
        Database.insert([widget({ Name: 'setup' })]);
        Test.startTest();
        System.enqueueJob(new TestAwareJob());
        await Test.stopTest();
        return Database.query(`SELECT Name FROM ${WIDGET} ORDER BY CreatedDate, Id`).map(
          (record) => record.Name,
        );
      }),
    );

    expect(seen).toEqual(['setup', 'test aware']);
  });

  it('gives the code between startTest and stopTest fresh limits, and the old ones back after', async () => {
    const { org } = await demoOrg();

    const used = await org.testing.run(() =>
      runApex(org, async () => {
        Database.query(`SELECT Id FROM ${WIDGET}`);
        Database.query(`SELECT Id FROM ${WIDGET}`);
        Test.startTest();
        const during = Limits.getQueries();
        Database.query(`SELECT Id FROM ${WIDGET}`);
        const late = Limits.getQueries();
        await Test.stopTest();
        return { during, late, after: Limits.getQueries() };
      }),
    );

    expect(used).toEqual({ during: 0, late: 1, after: 2 });
  });

  it('refuses Test.startTest() when no Apex test runs', async () => {
    const { org } = await demoOrg();
    const error = await rejectionOf(runApex(org, () => Test.startTest()));
    expect(error).toMatchObject({ type: 'System.FinalException' });
  });
});
