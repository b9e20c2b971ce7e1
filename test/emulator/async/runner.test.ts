/** Running jobs: status transitions, failures, async limits, and state kept across a reopen. */
import { describe, expect, it } from 'vitest';

import { Database, System, type Queueable } from '../../../emulator/apex-api.ts';
import { Org } from '../../../emulator/org.ts';
import { demoPackage, WIDGET, widget } from '../../support/demo-package.ts';
import {
  ChainJob,
  DEMO_JOBS,
  EchoJob,
  FailingJob,
  GreedyJob,
  PlainErrorJob,
} from '../../support/demo-jobs.ts';
import { openTestOrg, runApex, START, tempDatabasePath } from '../../support/test-org.ts';
import { VirtualClock } from '../../../emulator/clock.ts';

async function demoOrg() {
  return openTestOrg({ packages: [demoPackage({ classes: DEMO_JOBS })] });
}

function jobs(org: Org) {
  return org.query(
    'SELECT Id, Status, NumberOfErrors, ExtendedStatus, CompletedDate, ParentJobId, ApexClass.Name FROM AsyncApexJob ORDER BY CreatedDate, Id',
  ).records;
}

describe('drain', () => {
  it('moves a job Queued → Processing → Completed with CompletedDate from the org clock when it succeeds', async () => {
    const { org, clock } = await demoOrg();
    const statuses: string[] = [];
    org.events.on('job:started', () => statuses.push('started'));
    org.events.on('job:finished', (event) => statuses.push(event.status));
    const jobId = await runApex(org, () => {
      const job = new EchoJob();
      job.label = 'ran';
      return System.enqueueJob(job);
    });
    clock.advance(30_000);

    const report = await org.drain();

    expect(report).toEqual({
      jobsRun: 1,
      completed: 1,
      failed: 0,
      delayedJobs: 0,
      recoveredJobs: [],
    });
    expect(statuses).toEqual(['started', 'Completed']);
    const [job] = jobs(org);
    expect(job).toMatchObject({
      Id: jobId,
      Status: 'Completed',
      NumberOfErrors: 0,
      ExtendedStatus: null,
    });
    expect(job?.CompletedDate).toEqual(new Date('2026-01-01T00:00:30.000Z'));
    expect(org.query(`SELECT Name, Notes__c FROM ${WIDGET}`).records[0]).toMatchObject({
      Name: 'ran',
      Notes__c: 'Processing',
    });
  });

  it('marks the job Failed with NumberOfErrors 1 and `Type: message` and undoes its DML when execute throws', async () => {
    const { org } = await demoOrg();
    await runApex(org, () => System.enqueueJob(new FailingJob()));

    expect(await org.drain()).toMatchObject({ jobsRun: 1, completed: 0, failed: 1 });
    const [job] = jobs(org);
    expect(job).toMatchObject({
      Status: 'Failed',
      NumberOfErrors: 1,
      ExtendedStatus: 'Demo.BoomException: it broke',
    });
    expect(job?.CompletedDate).toEqual(new Date(START));
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(0);
  });

  it('reports a non-Apex error as System.UnexpectedException when execute throws one', async () => {
    const { org } = await demoOrg();
    await runApex(org, () => System.enqueueJob(new PlainErrorJob()));
    await org.drain();
    expect(jobs(org)[0]).toMatchObject({
      Status: 'Failed',
      ExtendedStatus: 'System.UnexpectedException: plain failure',
    });
  });

  it('runs a child a queueable enqueues, linked by ParentJobId, when the parent completes', async () => {
    const { org } = await demoOrg();
    const parentId = await runApex(org, () => System.enqueueJob(new ChainJob()));

    expect(await org.drain()).toMatchObject({ jobsRun: 2, completed: 2 });
    const [parent, child] = jobs(org);
    expect(parent).toMatchObject({
      Id: parentId,
      Status: 'Completed',
      ApexClass: { Name: 'ChainJob' },
    });
    expect(child).toMatchObject({
      Status: 'Completed',
      ParentJobId: parentId,
      ApexClass: { Name: 'EchoJob' },
    });
    expect(org.query(`SELECT Name FROM ${WIDGET}`).records[0]?.Name).toBe('child');
  });

  it('fails the job with `Too many queueable jobs added to the queue: 2` and queues no child when a queueable enqueues twice', async () => {
    const { org } = await demoOrg();
    await runApex(org, () => System.enqueueJob(new GreedyJob()));

    expect(await org.drain()).toMatchObject({ jobsRun: 1, failed: 1 });
    const all = jobs(org);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      Status: 'Failed',
      NumberOfErrors: 1,
      ExtendedStatus: 'System.LimitException: Too many queueable jobs added to the queue: 2',
    });
  });

  it('keeps the job Completed and the drain going when an observer throws', async () => {
    const { org } = await demoOrg();
    for (const event of ['records:written', 'job:started', 'job:finished'] as const) {
      org.events.on(event, () => {
        throw new Error(`${event} observer broke`);
      });
    }
    await runApex(org, () => [System.enqueueJob(new EchoJob()), System.enqueueJob(new EchoJob())]);

    expect(await org.drain()).toMatchObject({ jobsRun: 2, completed: 2, failed: 0 });
    expect(jobs(org).map((job) => job.Status)).toEqual(['Completed', 'Completed']);
  });

  it('stops after maxJobs when asked to', async () => {
    const { org } = await demoOrg();
    await runApex(org, () => [System.enqueueJob(new EchoJob()), System.enqueueJob(new EchoJob())]);
    expect(await org.drain({ maxJobs: 1 })).toMatchObject({ jobsRun: 1 });
    expect(await org.drain()).toMatchObject({ jobsRun: 1 });
  });
});

/** A job whose fields (Dates included) must come back after the database is closed. */
class StatefulJob implements Queueable {
  name = '';
  when = new Date(0);
  nested: { at: Date; tags: string[] } = { at: new Date(0), tags: [] };
  count = 0;

  execute(): void {
    Database.insert([
      widget({
        Name: this.name,
        When__c: this.when,
        Due__c: this.nested.at.toISOString().slice(0, 10),
        Notes__c: JSON.stringify({
          tags: this.nested.tags,
          count: this.count,
          isDate: this.when instanceof Date,
        }),
      }),
    ]);
  }
}

describe('job state', () => {
  it('keeps a queued job and its field values, Dates included, when the database is closed and reopened', async () => {
    const db = tempDatabasePath();
    const classes = [
      { name: 'Demo.StatefulJob', type: StatefulJob, implements: ['Queueable'] as const },
    ];
    const first = await Org.open({
      db,
      clock: new VirtualClock(START),
      packages: [demoPackage({ classes })],
    });
    try {
      await first.run({ kind: 'anonymous', allowsCallouts: false }, () => {
        const job = new StatefulJob();
        job.name = 'restored';
        job.when = new Date('2026-05-06T07:08:09.010Z');
        job.nested = { at: new Date('2026-07-08T00:00:00.000Z'), tags: ['a', 'b'] };
        job.count = 3;
        System.enqueueJob(job);
      });
    } finally {
      first.close();
    }

    const { org } = await openTestOrg({ db, packages: [demoPackage({ classes })] });
    expect(org.query('SELECT Status FROM AsyncApexJob').records[0]?.Status).toBe('Queued');
    expect(await org.drain()).toMatchObject({ jobsRun: 1, completed: 1 });

    const [row] = org.query(`SELECT Name, When__c, Due__c, Notes__c FROM ${WIDGET}`).records;
    expect(row).toMatchObject({ Name: 'restored', Due__c: '2026-07-08' });
    expect(row?.When__c).toEqual(new Date('2026-05-06T07:08:09.010Z'));
    expect(JSON.parse(String(row?.Notes__c))).toEqual({ tags: ['a', 'b'], count: 3, isDate: true });
  });

  it('fails a job and still runs the ones after it when its class is no longer installed', async () => {
    const db = tempDatabasePath();
    const classes = [
      { name: 'Demo.StatefulJob', type: StatefulJob, implements: ['Queueable'] as const },
      ...DEMO_JOBS,
    ];
    const first = await Org.open({
      db,
      clock: new VirtualClock(START),
      packages: [demoPackage({ classes })],
    });
    try {
      await first.run({ kind: 'anonymous', allowsCallouts: false }, () => {
        System.enqueueJob(new StatefulJob());
        System.enqueueJob(new EchoJob());
      });
    } finally {
      first.close();
    }

    const { org } = await openTestOrg({ db, packages: [demoPackage({ classes: DEMO_JOBS })] });
    await org.drain();

    const statuses = org.query(
      'SELECT Status, ExtendedStatus, ApexClass.Name FROM AsyncApexJob ORDER BY Id',
    ).records;
    expect(statuses).toMatchObject([
      { Status: 'Failed', ApexClass: { Name: 'StatefulJob' } },
      { Status: 'Completed', ApexClass: { Name: 'EchoJob' } },
    ]);
    expect(String(statuses[0]?.ExtendedStatus)).toMatch(/^System\.TypeException: /);
  });
});
