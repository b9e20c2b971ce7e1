import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(removeTempFolders);

/** A new org on virtual time from 2026-01-01T00:00Z, in a temp folder. */
async function virtualOrg(): Promise<string> {
  const db = join(tempFolder(), 'org.db');
  const reset = await cli(['--db', db, 'reset', '--at', '2026-01-01T00:00:00Z']);
  expect(reset.code, reset.stderr).toBe(0);
  expect(reset.stdout).toContain('on virtual time from 2026-01-01T00:00:00.000Z');
  return db;
}

function scheduledApexJobs(db: string) {
  return cli([
    '--db',
    db,
    'query',
    "SELECT CreatedDate, Status FROM AsyncApexJob WHERE JobType = 'ScheduledApex' ORDER BY CreatedDate",
    '--json',
  ]);
}

describe('aflo-emu clock', () => {
  it('remembers virtual time between commands and advances it, firing the daily sync', async () => {
    const db = await virtualOrg();

    const shown = await cli(['--db', db, 'clock']);
    expect(shown.stdout).toContain('2026-01-01T00:00:00.000Z virtual time');
    expect(shown.stdout).toContain('next due: 2026-01-01T06:00:00.000Z');
    expect(shown.stdout).toContain('Amberflo Daily Sync (AFLO.DownloadScheduler)');

    const advanced = await cli(['--db', db, '--quiet', 'clock', 'advance', '2d']);
    expect(advanced.code, advanced.stderr).toBe(0);
    expect(advanced.stdout).toMatch(
      /^2026-01-03T00:00:00.000Z virtual time \(\+2d\); ran \d+ jobs$/m,
    );

    const again = await cli(['--db', db, 'clock']);
    expect(again.stdout).toContain('2026-01-03T00:00:00.000Z virtual time');
    const jobs = JSON.parse((await scheduledApexJobs(db)).stdout) as {
      records: Array<{ CreatedDate: string; Status: string }>;
    };
    expect(jobs.records.map((job) => [job.CreatedDate, job.Status])).toEqual([
      ['2026-01-01T06:00:00.000+0000', 'Completed'],
      ['2026-01-02T06:00:00.000+0000', 'Completed'],
    ]);
  });

  it('jumps to the next due job with clock next', async () => {
    const db = await virtualOrg();

    const next = await cli(['--db', db, 'clock', 'next']);

    expect(next.code, next.stderr).toBe(0);
    expect(next.stdout).toContain('2026-01-01T06:00:00.000Z virtual time (+6h)');
    const jobs = JSON.parse((await scheduledApexJobs(db)).stdout) as { records: unknown[] };
    expect(jobs.records).toHaveLength(1);
  });

  it('refuses to run backwards, and to advance an org on real time', async () => {
    const db = await virtualOrg();

    const back = await cli(['--db', db, 'clock', 'set', '2025-06-01T00:00:00Z']);
    expect(back.code).toBe(2);
    expect(back.stderr).toContain('never runs backwards');
    expect(back.stderr).toContain('reset --at');

    await cli(['--db', db, 'clock', 'real']);
    const real = await cli(['--db', db, 'clock', 'advance', '1h']);
    expect(real.code).toBe(2);
    expect(real.stderr).toContain('the org is on real time');
    // Back on real time, records are stamped with the real now: virtual time starts no earlier.
    const behindRealTime = await cli(['--db', db, 'clock', 'set', '2026-01-10T00:00:00Z']);
    expect(behindRealTime.code).toBe(2);
    expect(behindRealTime.stderr).toContain('already past 2026-01-10T00:00:00.000Z');
    const again = await cli(['--db', db, 'clock', 'real']);
    expect(again.stdout).toBe('the org is on real time already');
  });

  it('refuses a malformed instant or duration in one line', async () => {
    const db = await virtualOrg();

    const instant = await cli(['--db', db, 'clock', 'set', 'tomorrow']);
    const duration = await cli(['--db', db, 'clock', 'advance', 'a while']);

    expect(instant).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not an ISO instant: tomorrow'),
    });
    expect(duration).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not a duration: a while'),
    });
  });
});

describe('aflo-emu clock, refusing a move', () => {
  it('refuses a move of more than ten years, or past the end of time, without running anything', async () => {
    const db = await virtualOrg();

    const forever = await cli(['--db', db, 'clock', 'advance', '99999999999999d']);
    const century = await cli(['--db', db, 'clock', 'set', '2126-01-01T00:00:00Z']);

    for (const refused of [forever, century]) {
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('the clock moves at most 3650d (ten years) at once');
    }
    const shown = await cli(['--db', db, 'clock']);
    expect(shown.stdout).toContain('2026-01-01T00:00:00.000Z virtual time');
  });

  it('leaves an org on real time when clock set is refused', async () => {
    const db = join(tempFolder(), 'org.db');
    expect((await cli(['--db', db, '--quiet', 'reset'])).code).toBe(0);

    const back = await cli(['--db', db, 'clock', 'set', '2020-01-01T00:00:00Z']);

    expect(back.code).toBe(2);
    expect(back.stderr).toContain('never runs backwards');
    expect((await cli(['--db', db, 'clock'])).stdout).toMatch(/ real time\n/);
  });

  it('refuses a day the calendar does not have', async () => {
    const db = await virtualOrg();

    const set = await cli(['--db', db, 'clock', 'set', '2026-02-30']);

    expect(set).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not an ISO instant: 2026-02-30'),
    });
  });
});

describe('aflo-emu reset --at', () => {
  it('keeps the old org when the new one cannot be made', async () => {
    const db = await virtualOrg();
    const insert = "insert new AFLO__Customer__c(Name = 'kept', AFLO__CustomerId__c = 'kept-1');";
    expect((await cli(['--db', db, '--quiet', 'apex', '--no-drain', insert])).code).toBe(0);

    // The daily sync the package schedules on install can never fire after the year 9999.
    const reset = await cli(['--db', db, 'reset', '--at', '9999-12-31T23:59:59.999Z']);

    expect(reset.code).toBe(1);
    expect(reset.stderr).toContain(`the new org could not be made, so ${db} is left as it was`);
    const kept = await cli(['--db', db, 'query', 'SELECT Name FROM AFLO__Customer__c', '--json']);
    expect(JSON.parse(kept.stdout)).toMatchObject({ totalSize: 1, records: [{ Name: 'kept' }] });
    const shown = await cli(['--db', db, 'clock']);
    expect(shown.stdout).toContain('2026-01-01T00:00:00.000Z virtual time');
  });
});

describe('aflo-emu schedule', () => {
  it('lists, adds and deletes scheduled jobs; deleting the daily sync turns its setting off', async () => {
    const db = await virtualOrg();

    const added = await cli(['--db', db, 'schedule', 'add', 'Hourly sync', '0 0 * * * ?']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(
      /^scheduled Hourly sync \(08e\w+\); next fire time 2026-01-01T01:00:00.000Z$/,
    );

    const listed = await cli(['--db', db, 'schedule', '--json']);
    const body = JSON.parse(listed.stdout) as {
      records: Array<{ CronJobDetail: { Name: string }; CronExpression: string }>;
    };
    expect(body.records.map((job) => [job.CronJobDetail.Name, job.CronExpression])).toEqual([
      ['Hourly sync', '0 0 * * * ?'],
      ['Amberflo Daily Sync', '0 0 6 * * ?'],
    ]);

    const deleted = await cli(['--db', db, 'schedule', 'delete', 'Amberflo Daily Sync']);
    expect(deleted.code, deleted.stderr).toBe(0);
    const setting = await cli([
      '--db',
      db,
      'query',
      'SELECT AFLO__DailySync__c FROM AFLO__Settings__c',
      '--json',
    ]);
    expect(JSON.parse(setting.stdout)).toMatchObject({ records: [{ AFLO__DailySync__c: false }] });
  });

  it('answers a bad cron, a taken name, an unknown class or job with one line', async () => {
    const db = await virtualOrg();

    const badCron = await cli(['--db', db, 'schedule', 'add', 'x', '0 0 6 * * *']);
    const taken = await cli(['--db', db, 'schedule', 'add', 'Amberflo Daily Sync', '0 0 7 * * ?']);
    const notSchedulable = await cli([
      '--db',
      db,
      'schedule',
      'add',
      'x',
      '0 0 7 * * ?',
      '--class',
      'AFLO.AsyncEventQueueable',
    ]);
    const unknown = await cli(['--db', db, 'schedule', 'delete', 'No such job']);

    expect(badCron).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^aflo-emu: System\.StringException: /),
    });
    expect(taken.stderr).toBe(
      'aflo-emu: System.AsyncException: The Apex job named "Amberflo Daily Sync" is already scheduled for execution.',
    );
    expect(notSchedulable).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not a Schedulable class'),
    });
    expect(unknown).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no scheduled job No such job'),
    });
    for (const run of [badCron, taken, notSchedulable, unknown])
      expect(run.stderr.split('\n')).toHaveLength(1);
  });
});
