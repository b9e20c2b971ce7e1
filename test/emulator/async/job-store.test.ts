/** Enqueueing: the AsyncApexJob row, when it exists, and the limits and delays. */
import { describe, expect, it } from 'vitest';

import { ApexException, Limits, System } from '../../../emulator/apex-api.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { DEMO_JOBS, EchoJob } from '../../support/demo-jobs.ts';
import { openTestOrg, rejectionOf, runApex, START } from '../../support/test-org.ts';

async function demoOrg() {
  return openTestOrg({ packages: [demoPackage({ classes: DEMO_JOBS })] });
}

describe('System.enqueueJob', () => {
  it('writes a Queued AsyncApexJob pointing at its ApexClass when the transaction commits', async () => {
    const { org } = await demoOrg();
    const seen: number[] = [];
    org.events.on('records:written', (event) => {
      if (event.type === 'AsyncApexJob')
        seen.push(org.query('SELECT Id FROM AsyncApexJob').totalSize);
    });

    const jobId = await runApex(org, () => System.enqueueJob(new EchoJob()));

    const [job] = org.query(
      'SELECT Id, JobType, Status, NumberOfErrors, CreatedDate, CompletedDate, ApexClassId, ApexClass.Name, ApexClass.NamespacePrefix FROM AsyncApexJob',
    ).records;
    expect(job).toMatchObject({
      Id: jobId,
      JobType: 'Queueable',
      Status: 'Queued',
      NumberOfErrors: 0,
      CompletedDate: null,
    });
    expect(job?.CreatedDate).toEqual(new Date(START));
    expect(job?.ApexClass).toMatchObject({ Name: 'EchoJob', NamespacePrefix: 'Demo' });
    expect(String(job?.ApexClassId).startsWith('01p')).toBe(true);
    expect(seen).toEqual([1]);
  });

  it('leaves no job when the enqueuing transaction rolls back', async () => {
    const { org } = await demoOrg();
    await rejectionOf(
      runApex(org, () => {
        System.enqueueJob(new EchoJob());
        throw new Error('abort');
      }),
    );
    expect(org.query('SELECT Id FROM AsyncApexJob').totalSize).toBe(0);
    expect((await org.drain()).jobsRun).toBe(0);
  });

  it('allows 50 jobs and throws System.LimitException on the 51st when the transaction is synchronous', async () => {
    const { org } = await demoOrg();
    expect(await runApex(org, () => Limits.getLimitQueueableJobs())).toBe(50);
    const counted = await runApex(org, () => {
      for (let i = 0; i < 50; i++) System.enqueueJob(new EchoJob());
      return Limits.getQueueableJobs();
    });
    expect(counted).toBe(50);

    const error = await rejectionOf(
      runApex(org, () => {
        for (let i = 0; i < 51; i++) System.enqueueJob(new EchoJob());
      }),
    );
    expect(error).toBeInstanceOf(ApexException);
    expect((error as ApexException).describe()).toBe(
      'System.LimitException: Too many queueable jobs added to the queue: 51',
    );
    expect(org.query('SELECT COUNT() FROM AsyncApexJob').totalSize).toBe(50);
  });

  it.each([-1, 11, 1.5])('refuses the enqueue when the delay is %s minutes', async (delay) => {
    const { org } = await demoOrg();
    const error = await rejectionOf(runApex(org, () => System.enqueueJob(new EchoJob(), delay)));
    expect(error).toMatchObject({ type: 'System.AsyncException' });
  });

  it('refuses the enqueue when the object’s class does not implement Queueable', async () => {
    const { org } = await demoOrg();
    const error = await rejectionOf(
      runApex(org, () => System.enqueueJob({ execute: () => undefined })),
    );
    expect(error).toMatchObject({ type: 'System.AsyncException' });
  });
});

describe('delayed jobs', () => {
  it('keeps a delayed job queued on drain and runs it when drain waits on the virtual clock', async () => {
    const { org, clock } = await demoOrg();
    const jobId = await runApex(org, () => System.enqueueJob(new EchoJob(), 5));

    const first = await org.drain();
    expect(first).toMatchObject({ jobsRun: 0, delayedJobs: 1 });
    expect(org.query('SELECT Status FROM AsyncApexJob').records[0]?.Status).toBe('Queued');
    expect(clock.now()).toEqual(new Date(START));

    const second = await org.drain({ delayed: 'wait' });
    expect(second).toMatchObject({ jobsRun: 1, completed: 1, delayedJobs: 0 });
    const [job] = org.query('SELECT Id, Status, CompletedDate FROM AsyncApexJob').records;
    expect(job).toMatchObject({ Id: jobId, Status: 'Completed' });
    expect(job?.CompletedDate).toEqual(new Date('2026-01-01T00:05:00.000Z'));
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(1);
  });

  it('runs a delayed job on drain when the clock has passed its time', async () => {
    const { org, clock } = await demoOrg();
    await runApex(org, () => System.enqueueJob(new EchoJob(), 10));
    clock.advance(10 * 60_000);
    expect(await org.drain()).toMatchObject({ jobsRun: 1, completed: 1 });
  });
});
