/**
 * The runner lease between two runners on one database file: a live holder's jobs are never
 * touched, and a holder that was paused past the stale time and taken over notices, takes no
 * more jobs, commits none of the running ones and never writes over the new holder's lease.
 *
 * Two orgs of this process on one file stand for two processes; a pause is the lease record as a
 * paused holder leaves it: its last heartbeat more than a minute old.
 */
import { describe, expect, it, onTestFinished } from 'vitest';

import { System } from '../../../emulator/apex-api.ts';
import { BackgroundRunner } from '../../../emulator/async/background-runner.ts';
import { RUNNER_LEASE_SETTING, RunnerLease } from '../../../emulator/async/runner-lease.ts';
import type { Org } from '../../../emulator/org.ts';
import { EchoJob } from '../../support/demo-jobs.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { HELD_CALLOUT_CLASSES, HeldCalloutJob } from '../../support/held-callout-job.ts';
import { startHoldingServer } from '../../support/loopback-server.ts';
import { nextEvent } from '../../support/org-event.ts';
import { openTestOrg, runApex, tempDatabasePath } from '../../support/test-org.ts';

const CLASSES = HELD_CALLOUT_CLASSES;

/** Two orgs on one new database file, as two processes would open it. */
async function twoRunnersOnOneFile(): Promise<{ first: Org; second: Org }> {
  const db = tempDatabasePath();
  const packages = [demoPackage({ classes: CLASSES })];
  const { org: first } = await openTestOrg({ db, packages, concurrency: 1 });
  const { org: second } = await openTestOrg({ db, packages });
  return { first, second };
}

function enqueueHeld(org: Org, labels: string[]): Promise<string[]> {
  return runApex(org, () =>
    labels.map((label) => {
      const job = new HeldCalloutJob();
      job.label = label;
      return System.enqueueJob(job);
    }),
  );
}

/** The lease as a holder paused for `ms` leaves it: unchanged but for its old heartbeat. */
function pauseHolder(org: Org, ms: number): void {
  const holder = JSON.parse(org.settings.get(RUNNER_LEASE_SETTING) ?? '{}') as object;
  org.settings.set(RUNNER_LEASE_SETTING, JSON.stringify({ ...holder, heartbeat: Date.now() - ms }));
}

/** Takes the lease for `org`'s process, letting go of it when the test finishes. */
async function takeOver(org: Org): Promise<{ lease: RunnerLease; recoveredJobs: string[] }> {
  const lease = new RunnerLease(org);
  onTestFinished(() => lease.release());
  const outcome = await lease.acquire();
  if (!outcome.taken) throw new Error(`the lease is held by process ${outcome.holder}`);
  return { lease, recoveredJobs: outcome.recoveredJobs };
}

function jobs(org: Org): Array<Record<string, unknown>> {
  return org.query('SELECT Id, Status, ExtendedStatus FROM AsyncApexJob ORDER BY Id').records;
}

function widgetNames(org: Org): unknown[] {
  return org.query(`SELECT Name FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Name);
}

describe('the runner lease', () => {
  it('leaves a live runner its running job: the second runner runs nothing and says who runs them', async () => {
    const { first, second } = await twoRunnersOnOneFile();
    const server = await startHoldingServer();
    HeldCalloutJob.endpoint = server.url;
    const [jobId] = await enqueueHeld(first, ['a']);
    const drained = first.drain();
    await server.arrived(1);

    const report = await second.drain();

    expect(report).toMatchObject({
      runningElsewhere: { pid: process.pid },
      recoveredJobs: [],
      jobsRun: 0,
    });
    expect(jobs(second)).toEqual([expect.objectContaining({ Id: jobId, Status: 'Processing' })]);
    await server.respond(200, 'ok');
    expect(await drained).toMatchObject({ jobsRun: 1, completed: 1, failed: 0 });
    expect(widgetNames(second)).toEqual(['a:ok']);
  });

  it('fails the job of a holder paused past the stale time, and the paused drain commits none of it and takes no more', async () => {
    const { first, second } = await twoRunnersOnOneFile();
    const server = await startHoldingServer();
    HeldCalloutJob.endpoint = server.url;
    const [running, next] = await enqueueHeld(first, ['a', 'b']);
    const drained = first.drain();
    await server.arrived(1);
    pauseHolder(first, 61_000);

    const { recoveredJobs } = await takeOver(second);
    const newLease = second.settings.get(RUNNER_LEASE_SETTING);
    await server.respond(200, 'ok');
    const report = await drained;

    expect(recoveredJobs).toEqual([running]);
    expect(report).toMatchObject({ runningElsewhere: { pid: process.pid }, jobsRun: 1 });
    expect(widgetNames(second)).toEqual([]);
    expect(jobs(second)).toEqual([
      expect.objectContaining({
        Id: running,
        Status: 'Failed',
        ExtendedStatus: `System.UnexpectedException: process ${process.pid} running this job stopped answering (no heartbeat for 60 s) before the job finished; its work was rolled back`,
      }),
      expect.objectContaining({ Id: next, Status: 'Queued' }),
    ]);
    expect(server.received).toHaveLength(1);
    expect(second.settings.get(RUNNER_LEASE_SETTING)).toBe(newLease);
  });

  it('never beats over the lease of the runner that took it over, nor deletes it when let go', async () => {
    const { first, second } = await twoRunnersOnOneFile();
    const paused = new RunnerLease(first);
    await paused.acquire();
    expect(await paused.beat()).toBe(true);
    pauseHolder(first, 61_000);
    await takeOver(second);
    const newLease = second.settings.get(RUNNER_LEASE_SETTING);

    expect(await paused.beat()).toBe(false);
    await paused.release();

    expect(paused.isHeld).toBe(false);
    expect(paused.lostTo?.holder).toBe(process.pid);
    expect(second.settings.get(RUNNER_LEASE_SETTING)).toBe(newLease);
  });

  it('makes a background runner that lost the lease wait, then take it again once the new holder lets go', async () => {
    const { first: org, second: other } = await twoRunnersOnOneFile();
    const runner = new BackgroundRunner(org, { pollMs: 20 });
    onTestFinished(() => runner.stop());
    await runner.start();
    const started: string[] = [];
    org.events.on('job:started', (event) => started.push(event.jobId));
    // Another process took the lease over while this one was paused (one statement each, so no
    // transaction of the other connection stays open while this process's runner works).
    other.settings.set(
      RUNNER_LEASE_SETTING,
      JSON.stringify({ pid: process.ppid, heartbeat: Date.now() }),
    );

    // The runner wakes for the job, finds the lease gone and leaves the job queued.
    const lost = nextEvent(org, 'runner:lease-lost');
    const jobId = await runApex(org, () => System.enqueueJob(new EchoJob()));
    expect(await lost).toEqual({ holder: process.ppid });
    expect(runner.holdsLease).toBe(false);
    expect(started).toEqual([]);
    const finished = nextEvent(org, 'job:finished');
    other.settings.delete(RUNNER_LEASE_SETTING);

    expect(await finished).toMatchObject({ jobId, status: 'Completed' });
    expect(runner.holdsLease).toBe(true);
  });
});
