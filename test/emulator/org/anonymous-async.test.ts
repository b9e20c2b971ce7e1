/** Jobs and schedules from anonymous Apex: enqueueJob with a delay or AsyncOptions, schedule, abortJob. */
import { describe, expect, it } from 'vitest';

import type { Schedulable } from '../../../emulator/apex-api.ts';
import type { Org } from '../../../emulator/org.ts';
import { DEMO_JOBS } from '../../support/demo-jobs.ts';
import { demoPackage } from '../../support/demo-package.ts';
import { openTestOrg, START } from '../../support/test-org.ts';

class Nightly implements Schedulable {
  execute(): void {}
}

const CLASSES = [
  ...DEMO_JOBS,
  { name: 'Demo.Nightly', type: Nightly, implements: ['Schedulable'] as const },
];

async function jobsOrg(): Promise<Org> {
  return (await openTestOrg({ packages: [demoPackage({ classes: CLASSES })] })).org;
}

async function succeed(org: Org, source: string): Promise<string[]> {
  const result = await org.runAnonymous(source);
  if (!result.compiled)
    expect.fail(`${result.line}:${result.column} ${result.compileProblem ?? ''}`);
  if (!result.success) expect.fail(result.exceptionMessage ?? 'failed');
  return result.debugLog.map((line) => line.replace(/^USER_DEBUG\|\[\w+\]\|/, ''));
}

const MINUTE = 60_000;

describe('anonymous Apex async Apex', () => {
  it('queues a job for later when enqueueJob gets a delay in minutes', async () => {
    const org = await jobsOrg();

    await succeed(org, 'System.enqueueJob(new Demo.EchoJob(), 5);');

    expect(org.jobs.earliestQueued()).toBe(Date.parse(START) + 5 * MINUTE);
  });

  it('passes AsyncOptions to the job store when enqueueJob gets them', async () => {
    const org = await jobsOrg();

    const lines = await succeed(
      org,
      `
      AsyncOptions options = new AsyncOptions();
      options.MinimumQueueableDelayInMinutes = 3;
      options.DuplicateSignature = new QueueableDuplicateSignature.Builder().addString('echo').build();
      System.debug(options.MinimumQueueableDelayInMinutes);
      System.enqueueJob(new Demo.EchoJob(), options);
      `,
    );

    expect(lines).toEqual(['3']);
    expect(org.jobs.earliestQueued()).toBe(Date.parse(START) + 3 * MINUTE);
  });

  it('refuses a second job with the same duplicate signature', async () => {
    const org = await jobsOrg();
    const enqueue = `
      AsyncOptions options = new AsyncOptions();
      options.DuplicateSignature = new QueueableDuplicateSignature.Builder().addString('once').build();
      System.enqueueJob(new Demo.EchoJob(), options);`;
    await succeed(org, enqueue);

    const result = await org.runAnonymous(enqueue);

    expect(result.exceptionType).toBe('System.DuplicateMessageException');
  });

  it('schedules a Schedulable, answering the CronTrigger Id, and aborts it by that Id', async () => {
    const org = await jobsOrg();

    const [id] = await succeed(
      org,
      "Id triggerId = System.schedule('nightly', '0 0 2 * * ?', new Demo.Nightly()); System.debug(triggerId);",
    );

    const [trigger] = org.query(
      'SELECT Id, CronExpression, CronJobDetail.Name FROM CronTrigger',
    ).records;
    expect(trigger).toMatchObject({ Id: id, CronExpression: '0 0 2 * * ?' });
    expect(trigger?.CronJobDetail).toMatchObject({ Name: 'nightly' });

    await succeed(org, `System.abortJob('${String(id)}');`);

    expect(org.query('SELECT COUNT() FROM CronTrigger').totalSize).toBe(0);
  });

  it('rolls back the schedule and the job when the script fails afterwards', async () => {
    const org = await jobsOrg();

    const result = await org.runAnonymous(`
      System.schedule('nightly', '0 0 2 * * ?', new Demo.Nightly());
      System.enqueueJob(new Demo.EchoJob());
      Integer n = 1 / 0;`);

    expect(result.exceptionMessage).toBe('System.MathException: Divide by 0');
    expect(org.query('SELECT COUNT() FROM CronTrigger').totalSize).toBe(0);
    expect(org.query('SELECT COUNT() FROM AsyncApexJob').totalSize).toBe(0);
  });
});
