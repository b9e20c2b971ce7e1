/**
 * Transaction finalizers: System.attachFinalizer, the finalizer's own transaction after a
 * success or a failure, FinalizerContext, its one enqueue on a new stack, the five re-enqueues of
 * a failing job, and a finalizer left by a process that stopped after its job.
 */
import { describe, expect, it } from 'vitest';

import { ApexException, System } from '../../../emulator/apex-api.ts';
import type { Org } from '../../../emulator/org.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { startServer } from '../../support/loopback-server.ts';
import {
  ASYNC_DEMO_CLASSES,
  CalloutFinalizerJob,
  DoubleAttachJob,
  GreedyFinalizerJob,
  FinalizedJob,
  NotAFinalizerJob,
  NullFinalizerJob,
  RecordingFinalizer,
  RetriedJob,
  ThrowingFinalizerJob,
} from '../../support/demo-async-jobs.ts';
import {
  openTestOrg,
  rejectionOf,
  runApex,
  tempDatabasePath,
  type TestOrgOptions,
} from '../../support/test-org.ts';

function demoOrg(options: TestOrgOptions = {}) {
  return openTestOrg({ packages: [demoPackage({ classes: ASYNC_DEMO_CLASSES })], ...options });
}

function finalizedJob(fields: Partial<FinalizedJob> = {}): FinalizedJob {
  return Object.assign(new FinalizedJob(), fields);
}

function widgetNames(org: Org): string[] {
  return org
    .query(`SELECT Name FROM ${WIDGET} ORDER BY CreatedDate, Id`)
    .records.map((record) => String(record.Name));
}

/** What the RecordingFinalizer was told. */
function finalizerSaw(org: Org): Record<string, unknown> {
  const [record] = org.query(`SELECT Notes__c FROM ${WIDGET} WHERE Name = 'finalizer'`).records;
  if (record === undefined) throw new Error('the finalizer wrote nothing');
  return JSON.parse(String(record.Notes__c)) as Record<string, unknown>;
}

function jobStatus(org: Org, jobId: string) {
  const [job] = org.query('SELECT Status, ExtendedStatus FROM AsyncApexJob WHERE Id = :jobId', {
    binds: { jobId },
  }).records;
  return { Status: job?.Status, ExtendedStatus: job?.ExtendedStatus };
}

describe('a finalizer after its job', () => {
  it('runs after a job that succeeded, in its own transaction, with the job’s Id and SUCCESS', async () => {
    const { org } = await demoOrg();
    const jobId = await runApex(org, () => System.enqueueJob(finalizedJob()));

    expect(await org.drain()).toMatchObject({ jobsRun: 1, completed: 1 });

    expect(widgetNames(org)).toEqual(['job work', 'finalizer']);
    const saw = finalizerSaw(org);
    expect(saw).toMatchObject({
      jobId,
      result: 'SUCCESS',
      exception: null,
      note: 'set by the job after attaching',
      queueable: false,
    });
    expect(String(saw.requestId)).toMatch(/^[0-9a-f]{32}$/);
    expect(jobStatus(org, jobId).Status).toBe('Completed');
  });

  it('runs after a job that failed: the job’s work is rolled back, the finalizer’s commits', async () => {
    const { org } = await demoOrg();
    const jobId = await runApex(org, () => System.enqueueJob(finalizedJob({ fail: true })));

    expect(await org.drain()).toMatchObject({ jobsRun: 1, failed: 1 });

    expect(widgetNames(org)).toEqual(['finalizer']);
    expect(finalizerSaw(org)).toMatchObject({
      jobId,
      result: 'UNHANDLED_EXCEPTION',
      exception: 'Demo.BoomException: the job broke',
      note: 'set by the job after attaching',
    });
    expect(jobStatus(org, jobId)).toEqual({
      Status: 'Failed',
      ExtendedStatus: 'Demo.BoomException: the job broke',
    });
  });

  it('keeps its job’s status and its own work off when it throws', async () => {
    const { org } = await demoOrg();
    const jobId = await runApex(org, () => System.enqueueJob(new ThrowingFinalizerJob()));

    expect(await org.drain()).toMatchObject({ jobsRun: 1, completed: 1 });

    expect(widgetNames(org)).toEqual(['job work']);
    expect(jobStatus(org, jobId).Status).toBe('Completed');
    expect(org.db.prepare('SELECT COUNT(*) AS n FROM emu_job_finalizer').get()).toEqual({ n: 0 });
  });

  it('may enqueue a job, which starts a new stack at depth 1', async () => {
    const { org } = await demoOrg({ edition: 'developer' });
    const jobId = await runApex(org, () =>
      System.enqueueJob(finalizedJob({ enqueueFromFinalizer: true })),
    );

    expect(await org.drain()).toMatchObject({ jobsRun: 2, completed: 2 });

    const [chained] = org.query(`SELECT Notes__c FROM ${WIDGET} WHERE Name = 'depth'`).records;
    expect(JSON.parse(String(chained?.Notes__c))).toMatchObject({ depth: 1, hasMax: false });
    const [child] = org.query(
      "SELECT ParentJobId FROM AsyncApexJob WHERE ApexClass.Name = 'DepthChainJob'",
    ).records;
    expect(child?.ParentJobId).toBe(jobId);
  });
});

describe('what a finalizer may do', () => {
  it('may call out, though its job does not implement Database.AllowsCallouts', async () => {
    const server = await startServer();
    const { org } = await demoOrg();
    await runApex(org, () =>
      System.enqueueJob(Object.assign(new CalloutFinalizerJob(), { endpoint: server.url })),
    );

    await org.drain();

    expect(server.received).toHaveLength(1);
    const [called] = org.query(`SELECT Notes__c FROM ${WIDGET} WHERE Name = 'called out'`).records;
    expect(called?.Notes__c).toBe('200');
  });

  it('may enqueue one job, not two', async () => {
    const { org } = await demoOrg();
    await runApex(org, () => System.enqueueJob(new GreedyFinalizerJob()));

    await org.drain();

    const [refused] = org.query(
      `SELECT Notes__c FROM ${WIDGET} WHERE Name = 'second enqueue refused'`,
    ).records;
    expect(refused?.Notes__c).toBe(
      'System.LimitException: Too many queueable jobs added to the queue: 2',
    );
    expect(
      org.query("SELECT COUNT() FROM AsyncApexJob WHERE ApexClass.Name = 'TestAwareJob'").totalSize,
    ).toBe(1);
  });
});

describe('System.attachFinalizer', () => {
  it('refuses a second finalizer for the same job', async () => {
    const { org } = await demoOrg();
    const jobId = await runApex(org, () => System.enqueueJob(new DoubleAttachJob()));
    await org.drain();
    expect(jobStatus(org, jobId)).toEqual({
      Status: 'Failed',
      ExtendedStatus:
        'System.AsyncException: More than one Finalizer cannot be attached to same Async Apex Job',
    });
  });

  it('refuses an object whose class does not implement Finalizer', async () => {
    const { org } = await demoOrg();
    const jobId = await runApex(org, () => System.enqueueJob(new NotAFinalizerJob()));
    await org.drain();
    expect(jobStatus(org, jobId).ExtendedStatus).toBe(
      'System.AsyncException: Class Demo.DepthChainJob must implement the Finalizer interface',
    );
  });

  it('refuses a null finalizer', async () => {
    const { org } = await demoOrg();
    const jobId = await runApex(org, () => System.enqueueJob(new NullFinalizerJob()));
    await org.drain();
    expect(jobStatus(org, jobId).ExtendedStatus).toBe(
      'System.AsyncException: Argument cannot be null',
    );
  });

  it('refuses to attach outside a queueable’s execute', async () => {
    const { org } = await demoOrg();
    const outside = await rejectionOf(
      runApex(org, () => System.attachFinalizer(new RecordingFinalizer())),
    );
    expect((outside as ApexException).describe()).toBe(
      'System.AsyncException: System.attachFinalizer(Finalizer) is not allowed in this context',
    );
  });
});

describe('re-enqueueing a failed job from its finalizer', () => {
  it('allows five in a row and refuses the sixth', async () => {
    const { org } = await demoOrg();
    await runApex(org, () => System.enqueueJob(Object.assign(new RetriedJob(), { failures: 99 })));

    expect(await org.drain()).toMatchObject({ jobsRun: 6, failed: 6 });

    expect(widgetNames(org)).toEqual([
      're-enqueued 2',
      're-enqueued 3',
      're-enqueued 4',
      're-enqueued 5',
      're-enqueued 6',
      'refused',
    ]);
    const [refused] = org.query(`SELECT Notes__c FROM ${WIDGET} WHERE Name = 'refused'`).records;
    expect(String(refused?.Notes__c)).toContain('System.AsyncException');
  });

  it('counts again from zero after a success', async () => {
    const { org } = await demoOrg();
    // Fails 4 times, succeeds on the 5th try; then a new failure streak may have 5 again.
    await runApex(org, () => System.enqueueJob(Object.assign(new RetriedJob(), { failures: 4 })));
    expect(await org.drain()).toMatchObject({ jobsRun: 5, failed: 4, completed: 1 });
    expect(widgetNames(org)).toContain('attempt 5');
  });
});

describe('a finalizer left by a process that stopped after its job', () => {
  it('runs when the next runner takes over the org', async () => {
    const db = tempDatabasePath();
    const first = (await demoOrg({ db })).org;
    const jobId = await runApex(first, () => System.enqueueJob(finalizedJob()));
    // The job commits; its process stops before the finalizer's transaction.
    first.events.on('job:finished', () => first.close());
    await rejectionOf(first.drain());

    const { org } = await demoOrg({ db });
    expect(widgetNames(org)).toEqual(['job work']);
    expect(jobStatus(org, jobId).Status).toBe('Completed');

    expect(await org.drain()).toMatchObject({ jobsRun: 0 });
    expect(widgetNames(org)).toEqual(['job work', 'finalizer']);
    expect(finalizerSaw(org)).toMatchObject({
      jobId,
      result: 'SUCCESS',
      note: 'set by the job after attaching',
    });
  });
});
