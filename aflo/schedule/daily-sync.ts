/**
 * The daily sync's schedule, kept in step with the package setting `AFLO__DailySync__c`, which
 * is the one source of truth: the setting on means `AFLO.DownloadScheduler` is scheduled as
 * "Amberflo Daily Sync" (`0 0 6 * * ?`: 06:00 every day in the scheduling user's time zone, GMT
 * for the default user, after Amberflo's advice for its usage sync); turning it off deletes the
 * scheduled job, and deleting the scheduled job (Setup › Scheduled Jobs, `System.abortJob`)
 * turns the setting off.
 */
import {
  Database,
  System,
  sobject,
  type ScheduledJob,
  type TriggerContext,
  type TriggerDefinition,
} from '../../emulator/apex-api.ts';
import { DownloadScheduler } from '../classes/download-scheduler.ts';
import { SETTINGS_OBJECT } from '../settings.ts';

export const DAILY_SYNC_JOB_NAME = 'Amberflo Daily Sync';
export const DAILY_SYNC_CRON = '0 0 6 * * ?';

/** Schedules the daily sync when `on` and it is not scheduled; deletes it when off. */
export function reconcileDailySync(on: boolean): void {
  const [job] = Database.query('SELECT Id FROM CronTrigger WHERE CronJobDetail.Name = :name', {
    name: DAILY_SYNC_JOB_NAME,
  });
  if (on && job === undefined) {
    System.schedule(DAILY_SYNC_JOB_NAME, DAILY_SYNC_CRON, new DownloadScheduler());
  } else if (!on && job !== undefined) {
    System.abortJob(String(job.Id));
  }
}

/** `AFLO.SettingsTrigger` (after insert, after update): the setting moves the schedule. */
export function dailySyncSettingsTrigger(): TriggerDefinition {
  return {
    name: 'AFLO.SettingsTrigger',
    sObject: SETTINGS_OBJECT,
    events: ['after insert', 'after update'],
    handler: followSetting,
  };
}

function followSetting(context: TriggerContext): void {
  const changed = (context.new ?? []).some(
    (record) =>
      context.old === null ||
      context.old.find((old) => old.Id === record.Id)?.AFLO__DailySync__c !==
        record.AFLO__DailySync__c,
  );
  if (changed) reconcileDailySync(dailySyncSetting());
}

/** The schedule deleted by hand: the setting follows, so nothing schedules it again. */
export function dailySyncDeleted(job: ScheduledJob): void {
  if (job.name !== DAILY_SYNC_JOB_NAME) return;
  const records = Database.query(
    `SELECT Id FROM ${SETTINGS_OBJECT} WHERE AFLO__DailySync__c = true ORDER BY CreatedDate`,
  );
  if (records.length === 0) return;
  Database.update(
    records.map((record) =>
      sobject(SETTINGS_OBJECT, { Id: String(record.Id), AFLO__DailySync__c: false }),
    ),
  );
}

/** The setting as the package reads it: on unless the settings record says off. */
export function dailySyncSetting(): boolean {
  const [record] = Database.query(
    `SELECT AFLO__DailySync__c FROM ${SETTINGS_OBJECT} ORDER BY CreatedDate LIMIT 1`,
  );
  return record?.AFLO__DailySync__c !== false;
}
