import { afterEach, describe, expect, it } from 'vitest';

import { DAILY_SYNC_CRON, DAILY_SYNC_JOB_NAME } from '../../aflo/schedule/daily-sync.ts';
import { SETTINGS_OBJECT } from '../../aflo/settings.ts';
import { Database, System, sobject } from '../../emulator/apex-api.ts';
import { advanceClock } from '../../emulator/schedule/advance-clock.ts';
import { aflo, closeAll, count } from '../support/aflo-harness.ts';
import { runApex } from '../support/test-org.ts';
import type { Org } from '../../emulator/org.ts';

afterEach(closeAll);

function dailySyncJob(org: Org) {
  return org.query(
    'SELECT Id, CronExpression, NextFireTime, TimeZoneSidKey, State FROM CronTrigger WHERE CronJobDetail.Name = :name',
    { binds: { name: DAILY_SYNC_JOB_NAME } },
  ).records[0];
}

function setDailySync(org: Org, on: boolean): Promise<void> {
  return runApex(org, () => {
    const [settings] = Database.query(`SELECT Id FROM ${SETTINGS_OBJECT}`);
    Database.update([
      sobject(SETTINGS_OBJECT, { Id: String(settings?.Id), AFLO__DailySync__c: on }),
    ]);
  });
}

function dailySyncSetting(org: Org): unknown {
  return org.query(`SELECT AFLO__DailySync__c FROM ${SETTINGS_OBJECT}`).records[0]
    ?.AFLO__DailySync__c;
}

describe('the daily sync schedule', () => {
  it('is scheduled when the package is installed: 06:00 every day, GMT', async () => {
    const { org } = await aflo();

    expect(dailySyncJob(org)).toMatchObject({
      CronExpression: DAILY_SYNC_CRON,
      // The harness starts at 2026-03-01T06:00Z, the install's own moment: the next is tomorrow.
      NextFireTime: new Date('2026-03-02T06:00:00.000Z'),
      TimeZoneSidKey: 'GMT',
      State: 'WAITING',
    });
    expect(dailySyncSetting(org)).toBe(true);
  });

  it('follows the setting: off deletes the scheduled job, on schedules it again', async () => {
    const { org } = await aflo();

    await setDailySync(org, false);
    expect(dailySyncJob(org)).toBeUndefined();

    await setDailySync(org, true);
    expect(dailySyncJob(org)).toMatchObject({ CronExpression: DAILY_SYNC_CRON });
  });

  it('turns the setting off when the scheduled job is deleted', async () => {
    const { org } = await aflo();
    const job = dailySyncJob(org);

    await runApex(org, () => System.abortJob(String(job?.Id)));

    expect(dailySyncSetting(org)).toBe(false);
    expect(dailySyncJob(org)).toBeUndefined();
    // And a runner starting later does not schedule it again.
    await org.drain();
    expect(dailySyncJob(org)).toBeUndefined();
  });

  it('runs the sync once a day: three days, three firings, three rounds of events', async () => {
    const { org, clock } = await aflo();
    const start = clock.now().getTime();

    await advanceClock(org, new Date(start + 3 * 86_400_000));

    const firings = org.query(
      "SELECT CreatedDate, Status, ApexClass.Name FROM AsyncApexJob WHERE JobType = 'ScheduledApex' ORDER BY CreatedDate",
    ).records;
    expect(firings.map((job) => [job.CreatedDate, job.Status])).toEqual([
      [new Date('2026-03-02T06:00:00.000Z'), 'Completed'],
      [new Date('2026-03-03T06:00:00.000Z'), 'Completed'],
      [new Date('2026-03-04T06:00:00.000Z'), 'Completed'],
    ]);
    expect(firings[0]?.ApexClass).toMatchObject({ Name: 'DownloadScheduler' });

    const perDay =
      count(org, "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Direction__c = 'Inbound'") /
      3;
    expect(perDay).toBeGreaterThan(0);
    for (const day of ['2026-03-02', '2026-03-03', '2026-03-04']) {
      const from = new Date(`${day}T00:00:00.000Z`);
      const to = new Date(from.getTime() + 86_400_000);
      const events = org.query(
        'SELECT AFLO__Status__c FROM AFLO__AsyncEvent__c WHERE CreatedDate >= :dayStart AND CreatedDate < :dayEnd',
        { binds: { dayStart: from, dayEnd: to } },
      ).records;
      expect(events).toHaveLength(perDay);
      expect(events.every((event) => event.AFLO__Status__c === 'Processed')).toBe(true);
    }
  });
});
