import { describe, expect, it } from 'vitest';

import {
  Database,
  System,
  type Schedulable,
  type SchedulableContext,
} from '../../../emulator/apex-api.ts';
import { VirtualClock } from '../../../emulator/clock.ts';
import { ApexException } from '../../../emulator/errors.ts';
import { takeDueJob } from '../../../emulator/async/job-execution.ts';
import { advanceClock } from '../../../emulator/schedule/advance-clock.ts';
import { MAX_SCHEDULED_JOBS } from '../../../emulator/schedule/scheduler.ts';
import { DEMO_JOBS, EchoJob } from '../../support/demo-jobs.ts';
import { demoPackage, widget } from '../../support/demo-package.ts';
import { openTestOrg, rejectionOf, runApex } from '../../support/test-org.ts';

/** Writes a widget named after its trigger, stamped with the org time, and queues an EchoJob. */
class TickJob implements Schedulable {
  label = 'tick';

  execute(context: SchedulableContext | null): void {
    Database.insert([
      widget({
        Name: this.label,
        Code__c: null,
        Notes__c: context?.getTriggerId() ?? null,
        When__c: System.now(),
      }),
    ]);
    const echo = new EchoJob();
    echo.label = `${this.label} follow-up`;
    System.enqueueJob(echo);
  }
}

/** Throws on every firing. */
class BrokenTick implements Schedulable {
  execute(): void {
    throw new ApexException('Demo.TickException', 'no tick today');
  }
}

const CLASSES = [
  ...DEMO_JOBS,
  { name: 'Demo.TickJob', type: TickJob, implements: ['Schedulable'] as const },
  { name: 'Demo.BrokenTick', type: BrokenTick, implements: ['Schedulable'] as const },
];

function schedulingOrg(start = '2026-01-01T00:00:00.000Z') {
  return openTestOrg({
    packages: [demoPackage({ classes: CLASSES })],
    clock: new VirtualClock(start),
  });
}

function schedule(
  org: Awaited<ReturnType<typeof schedulingOrg>>['org'],
  name: string,
  cron: string,
  job: object = new TickJob(),
): Promise<string> {
  return runApex(org, () => System.schedule(name, cron, job));
}

describe('System.schedule', () => {
  it('creates a CronTrigger and its CronJobDetail, queryable by SOQL', async () => {
    const { org } = await schedulingOrg();

    const id = await schedule(org, 'Morning tick', '0 0 6 * * ?');

    expect(id).toMatch(/^08e/);
    const [trigger] = org.query(
      'SELECT Id, CronJobDetail.Name, CronJobDetail.JobType, State, NextFireTime, PreviousFireTime, TimesTriggered, CronExpression, TimeZoneSidKey, OwnerId, StartTime, EndTime FROM CronTrigger',
    ).records;
    expect(trigger).toMatchObject({
      Id: id,
      CronJobDetail: { Name: 'Morning tick', JobType: '7' },
      State: 'WAITING',
      NextFireTime: new Date('2026-01-01T06:00:00.000Z'),
      PreviousFireTime: null,
      TimesTriggered: 0,
      CronExpression: '0 0 6 * * ?',
      TimeZoneSidKey: 'GMT',
      OwnerId: org.userId(),
      StartTime: new Date('2026-01-01T00:00:00.000Z'),
      EndTime: null,
    });
  });

  it('exists only once its transaction commits', async () => {
    const { org } = await schedulingOrg();

    await rejectionOf(
      runApex(org, () => {
        System.schedule('Doomed', '0 0 6 * * ?', new TickJob());
        throw new ApexException('Demo.Oops', 'rolled back');
      }),
    );

    expect(org.query('SELECT COUNT() FROM CronTrigger').totalSize).toBe(0);
    expect(org.query('SELECT COUNT() FROM CronJobDetail').totalSize).toBe(0);
    expect(org.nextDueTime()).toBeUndefined();
  });

  it('refuses a name already scheduled, with the platform message', async () => {
    const { org } = await schedulingOrg();
    await schedule(org, 'Morning tick', '0 0 6 * * ?');

    const error = await rejectionOf(schedule(org, 'morning TICK', '0 0 7 * * ?'));

    expect(error).toBeInstanceOf(ApexException);
    expect((error as ApexException).describe()).toBe(
      'System.AsyncException: The Apex job named "morning TICK" is already scheduled for execution.',
    );
  });

  it(`refuses more than ${MAX_SCHEDULED_JOBS} scheduled jobs`, async () => {
    const { org } = await schedulingOrg();
    await runApex(org, () => {
      for (let i = 0; i < MAX_SCHEDULED_JOBS; i++) {
        System.schedule(`tick ${i}`, `0 ${i % 60} ${Math.floor(i / 60)} * * ?`, new TickJob());
      }
    });

    const error = await rejectionOf(schedule(org, 'one too many', '0 0 6 * * ?'));

    expect((error as ApexException).describe()).toBe(
      'System.AsyncException: You have exceeded the maximum number (100) of Apex scheduled jobs.',
    );
  });

  it('refuses a bad cron expression as a System.StringException', async () => {
    const { org } = await schedulingOrg();

    const error = await rejectionOf(schedule(org, 'Bad', '0 0 6 * * *'));

    expect(error).toBeInstanceOf(ApexException);
    expect((error as ApexException).type).toBe('System.StringException');
    expect(org.query('SELECT COUNT() FROM CronTrigger').totalSize).toBe(0);
  });

  it('refuses a name or an expression longer than its field holds (255)', async () => {
    const { org } = await schedulingOrg();

    const name = await rejectionOf(schedule(org, 'x'.repeat(256), '0 0 6 * * ?'));
    const cron = await rejectionOf(schedule(org, 'Long', `0 0 ${'1,'.repeat(130)}2 * * ?`));

    expect((name as ApexException).describe()).toBe(
      'System.StringException: The job name is 256 characters long; it can be at most 255',
    );
    expect((cron as ApexException).type).toBe('System.StringException');
    expect(org.query('SELECT COUNT() FROM CronTrigger').totalSize).toBe(0);
  });

  it('refuses an instance that is not Schedulable', async () => {
    const { org } = await schedulingOrg();

    const error = await rejectionOf(schedule(org, 'Echo', '0 0 6 * * ?', new EchoJob()));

    expect((error as ApexException).type).toBe('System.AsyncException');
  });

  it("computes fire times in the scheduling user's time zone", async () => {
    const { org } = await schedulingOrg();
    await org.run({ kind: 'system', allowsCallouts: false }, () =>
      Database.update([
        { attributes: { type: 'User' }, Id: org.userId(), TimeZoneSidKey: 'America/Los_Angeles' },
      ]),
    );

    await schedule(org, 'Pacific morning', '0 0 6 * * ?');

    const [trigger] = org.query('SELECT NextFireTime, TimeZoneSidKey FROM CronTrigger').records;
    // 2026-01-01T00:00Z is still Dec 31 16:00 in Los Angeles (UTC-8): its next 06:00 is 14:00Z.
    expect(trigger).toMatchObject({
      NextFireTime: new Date('2026-01-01T14:00:00.000Z'),
      TimeZoneSidKey: 'America/Los_Angeles',
    });
  });
});

describe('firing a scheduled job', () => {
  it('writes a ScheduledApex AsyncApexJob per firing and moves the CronTrigger on', async () => {
    const { org } = await schedulingOrg();
    const id = await schedule(org, 'Morning tick', '0 0 6 * * ?');

    await advanceClock(org, new Date('2026-01-03T12:00:00.000Z'));

    const firings = org.query(
      "SELECT Status, CronTriggerId, ApexClass.Name, CreatedDate FROM AsyncApexJob WHERE JobType = 'ScheduledApex' ORDER BY CreatedDate",
    ).records;
    expect(firings).toEqual([
      expect.objectContaining({
        Status: 'Completed',
        CronTriggerId: id,
        CreatedDate: new Date('2026-01-01T06:00:00.000Z'),
      }),
      expect.objectContaining({
        Status: 'Completed',
        CronTriggerId: id,
        CreatedDate: new Date('2026-01-02T06:00:00.000Z'),
      }),
      expect.objectContaining({
        Status: 'Completed',
        CronTriggerId: id,
        CreatedDate: new Date('2026-01-03T06:00:00.000Z'),
      }),
    ]);
    expect(firings[0]?.ApexClass).toMatchObject({ Name: 'TickJob' });
    const [trigger] = org.query(
      'SELECT State, TimesTriggered, PreviousFireTime, NextFireTime FROM CronTrigger',
    ).records;
    expect(trigger).toMatchObject({
      State: 'WAITING',
      TimesTriggered: 3,
      PreviousFireTime: new Date('2026-01-03T06:00:00.000Z'),
      NextFireTime: new Date('2026-01-04T06:00:00.000Z'),
    });
  });

  it('runs each firing at its own time and drains what it queued before the next', async () => {
    const { org } = await schedulingOrg();
    const id = await schedule(org, 'Morning tick', '0 0 6 * * ?');

    await advanceClock(org, new Date('2026-01-02T07:00:00.000Z'));

    const widgets = org.query(
      'SELECT Name, Notes__c, When__c, CreatedDate FROM Demo__c ORDER BY CreatedDate, Name',
    ).records;
    expect(widgets.map((w) => [w.Name, w.CreatedDate])).toEqual([
      ['tick', new Date('2026-01-01T06:00:00.000Z')],
      ['tick follow-up', new Date('2026-01-01T06:00:00.000Z')],
      ['tick', new Date('2026-01-02T06:00:00.000Z')],
      ['tick follow-up', new Date('2026-01-02T06:00:00.000Z')],
    ]);
    expect(widgets[0]?.Notes__c).toBe(id);
    const followUps = org.query(
      "SELECT COUNT() FROM AsyncApexJob WHERE JobType = 'Queueable' AND Status = 'Completed'",
    );
    expect(followUps.totalSize).toBe(2);
  });

  it('keeps a job scheduled when a firing fails', async () => {
    const { org } = await schedulingOrg();
    await schedule(org, 'Broken', '0 0 6 * * ?', new BrokenTick());

    const report = await advanceClock(org, new Date('2026-01-02T07:00:00.000Z'));

    expect(report.failed).toBe(2);
    const jobs = org.query(
      "SELECT Status, ExtendedStatus FROM AsyncApexJob WHERE JobType = 'ScheduledApex'",
    ).records;
    expect(jobs).toHaveLength(2);
    expect(jobs[0]).toMatchObject({
      Status: 'Failed',
      ExtendedStatus: 'Demo.TickException: no tick today',
    });
    const [trigger] = org.query('SELECT State, TimesTriggered FROM CronTrigger').records;
    expect(trigger).toMatchObject({ State: 'WAITING', TimesTriggered: 2 });
  });

  it('ends a job whose expression never fires again COMPLETE, freeing its name', async () => {
    const { org } = await schedulingOrg();
    await schedule(org, 'Once', '0 30 8 2 1 ? 2026');

    await advanceClock(org, new Date('2026-01-05T00:00:00.000Z'));

    const [trigger] = org.query(
      'SELECT State, TimesTriggered, NextFireTime, EndTime FROM CronTrigger',
    ).records;
    expect(trigger).toMatchObject({
      State: 'COMPLETE',
      TimesTriggered: 1,
      NextFireTime: null,
      EndTime: new Date('2026-01-02T08:30:00.000Z'),
    });
    expect(org.nextDueTime()).toBeUndefined();
    await expect(schedule(org, 'Once', '0 0 6 * * ?')).resolves.toMatch(/^08e/);
  });

  it('refuses an expression that will never fire', async () => {
    const { org } = await schedulingOrg();

    const error = await rejectionOf(schedule(org, 'Past', '0 0 6 1 1 ? 2025'));

    expect((error as ApexException).describe()).toBe(
      "System.StringException: Based on configured schedule, the given trigger 'Past' will never fire.",
    );
  });
});

describe('a firing whose runner died', () => {
  it('is failed by the next runner, and its CronTrigger waits for the next firing', async () => {
    const { org, clock } = await schedulingOrg();
    await schedule(org, 'Morning tick', '0 0 6 * * ?');
    clock.set(new Date('2026-01-01T06:00:00.000Z'));
    // Taken (Processing, EXECUTING) by a runner that never ran it: as if it died right there.
    const taken = await takeDueJob(org);

    await org.drain();

    const [job] = org.query('SELECT Id, Status, ExtendedStatus FROM AsyncApexJob').records;
    expect(job).toMatchObject({ Id: taken?.id, Status: 'Failed' });
    expect(String(job?.ExtendedStatus)).toContain('its work was rolled back');
    const [trigger] = org.query('SELECT State, NextFireTime FROM CronTrigger').records;
    expect(trigger).toMatchObject({
      State: 'WAITING',
      NextFireTime: new Date('2026-01-02T06:00:00.000Z'),
    });
  });
});

describe('System.abortJob with a CronTrigger Id', () => {
  it('deletes the scheduled job; a new one gets a new Id', async () => {
    const { org } = await schedulingOrg();
    const first = await schedule(org, 'Morning tick', '0 0 6 * * ?');

    await runApex(org, () => System.abortJob(first));

    expect(org.query('SELECT COUNT() FROM CronTrigger').totalSize).toBe(0);
    expect(org.query('SELECT COUNT() FROM CronJobDetail').totalSize).toBe(0);
    await advanceClock(org, new Date('2026-01-02T00:00:00.000Z'));
    expect(org.query('SELECT COUNT() FROM AsyncApexJob').totalSize).toBe(0);
    const second = await schedule(org, 'Morning tick', '0 0 6 * * ?');
    expect(second).not.toBe(first);
  });

  it('cannot delete a job twice', async () => {
    const { org } = await schedulingOrg();
    const id = await schedule(org, 'Morning tick', '0 0 6 * * ?');
    await runApex(org, () => System.abortJob(id));

    const error = await rejectionOf(runApex(org, () => System.abortJob(id)));

    expect((error as ApexException).type).toBe('System.StringException');
  });
});

describe('advancing the virtual clock', () => {
  it('runs delayed jobs and firings in time order', async () => {
    const { org } = await schedulingOrg('2026-01-01T05:55:00.000Z');
    await schedule(org, 'Morning tick', '0 0 6 * * ?');
    await runApex(org, () => {
      const early = new EchoJob();
      early.label = 'early';
      System.enqueueJob(early, 3);
      const late = new EchoJob();
      late.label = 'late';
      System.enqueueJob(late, 10);
    });

    await advanceClock(org, new Date('2026-01-01T06:30:00.000Z'));

    const names = org.query(
      'SELECT Name, CreatedDate FROM Demo__c ORDER BY CreatedDate, Id',
    ).records;
    expect(names.map((w) => [w.Name, w.CreatedDate])).toEqual([
      ['early', new Date('2026-01-01T05:58:00.000Z')],
      ['tick', new Date('2026-01-01T06:00:00.000Z')],
      ['tick follow-up', new Date('2026-01-01T06:00:00.000Z')],
      ['late', new Date('2026-01-01T06:05:00.000Z')],
    ]);
    expect(org.clock.now().toISOString()).toBe('2026-01-01T06:30:00.000Z');
  });

  it('never runs backwards', async () => {
    const { org } = await schedulingOrg();

    await expect(advanceClock(org, new Date('2025-12-31T00:00:00.000Z'))).rejects.toThrow(
      /never runs backwards/,
    );
  });
});
