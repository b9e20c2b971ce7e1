/** How the runner overlaps jobs: only in their callouts, and in queue order. */
import { describe, expect, it, onTestFinished } from 'vitest';

import { System } from '../../../emulator/apex-api.ts';
import { RealClock } from '../../../emulator/clock.ts';
import { Org } from '../../../emulator/org.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { EchoJob } from '../../support/demo-jobs.ts';
import { HELD_CALLOUT_CLASSES, HeldCalloutJob } from '../../support/held-callout-job.ts';
import { startHoldingServer } from '../../support/loopback-server.ts';
import { openTestOrg, runApex } from '../../support/test-org.ts';

const CLASSES = HELD_CALLOUT_CLASSES;

function enqueueSlow(labels: string[]): () => string[] {
  return () =>
    labels.map((label) => {
      const job = new HeldCalloutJob();
      job.label = label;
      return System.enqueueJob(job);
    });
}

describe('runner concurrency', () => {
  it('runs one job at a time on a virtual clock and up to 8 on the real clock, unless told', async () => {
    const virtual = await openTestOrg();
    const told = await openTestOrg({ concurrency: 3 });
    const real = await Org.open({ clock: new RealClock() });
    onTestFinished(() => real.close());

    expect(virtual.org.runner.concurrency).toBe(1);
    expect(told.org.runner.concurrency).toBe(3);
    expect(real.runner.concurrency).toBe(8);
  });

  it('overlaps the callouts of two jobs when concurrency allows two', async () => {
    const { org } = await openTestOrg({
      packages: [demoPackage({ classes: CLASSES })],
      concurrency: 2,
    });
    const server = await startHoldingServer();
    HeldCalloutJob.endpoint = server.url;
    await runApex(org, enqueueSlow(['a', 'b']));

    const drained = org.drain();
    await server.arrived(2);
    await server.respond(200, 'ok');

    expect(await drained).toMatchObject({ jobsRun: 2, completed: 2 });
    expect(
      org.query(`SELECT Name FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Name),
    ).toEqual(['a:ok', 'b:ok']);
  });

  it('starts the next job only after the current one ends when concurrency is one', async () => {
    const { org } = await openTestOrg({
      packages: [demoPackage({ classes: CLASSES })],
      concurrency: 1,
    });
    const server = await startHoldingServer();
    HeldCalloutJob.endpoint = server.url;
    await runApex(org, enqueueSlow(['a', 'b']));

    const drained = org.drain();
    await server.arrived(1);
    expect(server.received.map((r) => r.path)).toEqual(['/a']);
    await server.respond(200, 'first');
    await server.arrived(2);
    expect(server.received.map((r) => r.path)).toEqual(['/a', '/b']);
    await server.respond(200, 'second');

    expect(await drained).toMatchObject({ jobsRun: 2, completed: 2 });
  });

  it('starts jobs in queue order when several are due', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage({ classes: CLASSES })] });
    const started: string[] = [];
    org.events.on('job:started', (event) => started.push(event.jobId));
    const ids = await runApex(org, () =>
      ['1', '2', '3'].map((label) => {
        const job = new EchoJob();
        job.label = label;
        return System.enqueueJob(job);
      }),
    );
    await org.drain();
    expect(started).toEqual(ids);
  });
});
