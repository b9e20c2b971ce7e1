/** The background runner (`serve`): jobs run as they are queued, here or by another process. */
import { describe, expect, it, onTestFinished } from 'vitest';

import { System } from '../../../emulator/apex-api.ts';
import { BackgroundRunner } from '../../../emulator/async/background-runner.ts';
import { VirtualClock } from '../../../emulator/clock.ts';
import { Org } from '../../../emulator/org.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { EchoJob } from '../../support/demo-jobs.ts';
import { HELD_CALLOUT_CLASSES, HeldCalloutJob } from '../../support/held-callout-job.ts';
import { startHoldingServer } from '../../support/loopback-server.ts';
import { nextEvent } from '../../support/org-event.ts';
import { openTestOrg, runApex, START, tempDatabasePath } from '../../support/test-org.ts';

const CLASSES = HELD_CALLOUT_CLASSES;

function packages() {
  return [demoPackage({ classes: CLASSES })];
}

/** A started runner, stopped when the test finishes (if the test has not stopped it). */
async function startRunner(org: Org): Promise<BackgroundRunner> {
  const runner = new BackgroundRunner(org, { pollMs: 20 });
  onTestFinished(() => runner.stop());
  await runner.start();
  return runner;
}

function echo(label: string): () => string {
  return () => {
    const job = new EchoJob();
    job.label = label;
    return System.enqueueJob(job);
  };
}

function widgetNames(org: Org): unknown[] {
  return org.query(`SELECT Name FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Name);
}

describe('BackgroundRunner', () => {
  it('runs a job as soon as the transaction that queued it commits', async () => {
    const { org } = await openTestOrg({ packages: packages() });
    const runner = await startRunner(org);
    expect(runner.holdsLease).toBe(true);

    const finished = nextEvent(org, 'job:finished');
    const jobId = await runApex(org, echo('now'));

    expect(await finished).toMatchObject({ jobId, status: 'Completed' });
    expect(widgetNames(org)).toEqual(['now']);
  });

  it('runs a delayed job when the virtual clock reaches its time, not before', async () => {
    const { org, clock } = await openTestOrg({ packages: packages() });
    await startRunner(org);
    const waiting = nextEvent(org, 'runner:waiting');
    const jobId = await runApex(org, () => System.enqueueJob(new EchoJob(), 2));

    expect((await waiting).until).toEqual(new Date(Date.parse(START) + 120_000));
    const lookedAgain = nextEvent(org, 'runner:waiting');
    clock.advance(60_000);
    await lookedAgain;
    expect(org.query(`SELECT Status FROM AsyncApexJob`).records[0]?.Status).toBe('Queued');
    const finished = nextEvent(org, 'job:finished');
    clock.advance(60_000);

    expect(await finished).toMatchObject({ jobId, status: 'Completed' });
  });

  it('runs a job that another Org instance on the same database queued', async () => {
    const db = tempDatabasePath();
    const { org } = await openTestOrg({ db, packages: packages() });
    await startRunner(org);
    const other = await Org.open({ db, clock: new VirtualClock(START), packages: packages() });
    onTestFinished(() => other.close());

    const finished = nextEvent(org, 'job:finished');
    const jobId = await runApex(other, echo('from the other connection'));

    expect(await finished).toMatchObject({ jobId, status: 'Completed' });
    expect(widgetNames(other)).toEqual(['from the other connection']);
  });

  it('lets the running job finish, starts no new one and lets go of the lease when stopped', async () => {
    const { org } = await openTestOrg({ packages: packages(), concurrency: 1 });
    const server = await startHoldingServer();
    HeldCalloutJob.endpoint = server.url;
    const runner = await startRunner(org);
    const started: string[] = [];
    org.events.on('job:started', (event) => started.push(event.jobId));

    const [first, second] = await runApex(org, () =>
      ['a', 'b'].map((label) => {
        const job = new HeldCalloutJob();
        job.label = label;
        return System.enqueueJob(job);
      }),
    );
    await server.arrived(1);
    const stopped = runner.stop();
    await server.respond(200, 'ok');
    await stopped;

    expect(started).toEqual([first]);
    expect(widgetNames(org)).toEqual(['a:ok']);
    const statuses = org.query('SELECT Id, Status FROM AsyncApexJob ORDER BY Id').records;
    expect(statuses).toEqual([
      expect.objectContaining({ Id: first, Status: 'Completed' }),
      expect.objectContaining({ Id: second, Status: 'Queued' }),
    ]);
    expect(org.settings.get('runner.lease')).toBeUndefined();
    expect(runner.holdsLease).toBe(false);
  });

  it('leaves the jobs to a live process holding the lease, then takes over when it lets go', async () => {
    const db = tempDatabasePath();
    const { org } = await openTestOrg({ db, packages: packages() });
    const holder = { pid: process.ppid, heartbeat: Date.now() };
    org.settings.set('runner.lease', JSON.stringify(holder));
    const runner = new BackgroundRunner(org, { pollMs: 20 });
    onTestFinished(() => runner.stop());

    expect(await runner.start()).toEqual({
      runningElsewhere: { pid: process.ppid },
      recoveredJobs: [],
    });
    await runApex(org, echo('later'));
    expect(org.query('SELECT Status FROM AsyncApexJob').records[0]?.Status).toBe('Queued');

    const finished = nextEvent(org, 'job:finished');
    const other = await Org.open({ db, clock: new VirtualClock(START), packages: packages() });
    onTestFinished(() => other.close());
    other.settings.delete('runner.lease');

    expect(await finished).toMatchObject({ status: 'Completed' });
    expect(runner.holdsLease).toBe(true);
  });
});
