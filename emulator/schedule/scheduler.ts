/**
 * Scheduled Apex: `System.schedule(name, cron, instance)` and what the runner needs to fire it.
 *
 * A scheduled job is a CronTrigger record (State, NextFireTime, TimesTriggered, …) with its
 * CronJobDetail (Name, JobType `7`), both platform-owned rows, plus a row of `emu_cron_job`
 * holding the Schedulable's state and the next fire time for the runner. Each firing writes an
 * AsyncApexJob of JobType `ScheduledApex` pointing at the CronTrigger, and runs the Schedulable's
 * `execute` as its own transaction (job-execution.ts). A job whose expression never fires again
 * ends `COMPLETE` and frees its name. Deleting a job (`System.abortJob` with the CronTrigger Id)
 * removes both records; the Ids are never reused.
 *
 * Fire times are computed in the scheduling user's time zone, always after the org clock's now:
 * firings missed while no runner ran are not made up (one firing, then the next after now).
 */
import { ApexException } from '../errors.ts';
import type { OrgClock } from '../clock.ts';
import type { DmlHost } from '../dml/host.ts';
import type { ApexClassRegistry, RegisteredClass } from '../async/apex-classes.ts';
import { JobRows } from '../async/job-rows.ts';
import { restoreJobState, serializeJobState } from '../async/job-state.ts';
import type { TakenJob } from '../async/job-store.ts';
import type { SqliteDatabase } from '../storage/store.ts';
import type { Transaction } from '../transaction/transaction.ts';
import { CronExpressionError, nextFireTime, parseCronExpression } from './cron-expression.ts';
import type { CronExpression } from './cron-expression.ts';

/** At most this many scheduled Apex jobs at once, as on the platform. */
export const MAX_SCHEDULED_JOBS = 100;

/** `CronJobDetail.JobType` of Scheduled Apex. */
const SCHEDULED_APEX = '7';

export interface ScheduledJob {
  cronTriggerId: string;
  name: string;
  className: string;
}

export interface SchedulerHost {
  db: SqliteDatabase;
  records: DmlHost;
  clock: OrgClock;
  classes: ApexClassRegistry;
  apexClassId(registered: RegisteredClass): string;
  /** The running user's TimeZoneSidKey, in which cron expressions are evaluated. */
  userTimeZone(): string;
  /** Told once the transaction that scheduled a job has committed (the runner may wake). */
  jobScheduled?(job: ScheduledJob & { nextFireTime: Date }): void;
  /** Told inside the transaction that deletes a scheduled job (packages may react). */
  jobDeleted?(tx: Transaction, job: ScheduledJob): void;
}

interface CronJobRow {
  cron_trigger_id: string;
  job_name: string;
  class_name: string;
  instance_state: string;
  cron_expression: string;
  time_zone: string;
  next_fire: number;
}

export class Scheduler {
  private readonly triggers: JobRows;
  private readonly details: JobRows;
  private readonly jobs: JobRows;
  private readonly parsed = new Map<string, CronExpression>();
  private readonly statements;

  constructor(private readonly host: SchedulerHost) {
    this.triggers = new JobRows(host.records, 'CronTrigger');
    this.details = new JobRows(host.records, 'CronJobDetail');
    this.jobs = new JobRows(host.records, 'AsyncApexJob');
    const { db } = host;
    this.statements = {
      insert: db.prepare(
        'INSERT INTO emu_cron_job (cron_trigger_id, job_name, class_name, instance_state, cron_expression, time_zone, next_fire) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      byId: db.prepare<[string], CronJobRow>(
        'SELECT * FROM emu_cron_job WHERE cron_trigger_id = ?',
      ),
      byName: db.prepare<[string], CronJobRow>('SELECT * FROM emu_cron_job WHERE job_name = ?'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM emu_cron_job'),
      due: db.prepare<[number], CronJobRow>(
        'SELECT * FROM emu_cron_job WHERE next_fire <= ? ORDER BY next_fire, cron_trigger_id LIMIT 1',
      ),
      earliest: db.prepare<[], { next_fire: number }>(
        'SELECT next_fire FROM emu_cron_job ORDER BY next_fire LIMIT 1',
      ),
      setNext: db.prepare('UPDATE emu_cron_job SET next_fire = ? WHERE cron_trigger_id = ?'),
      remove: db.prepare('DELETE FROM emu_cron_job WHERE cron_trigger_id = ?'),
      all: db.prepare<[], CronJobRow>(
        'SELECT * FROM emu_cron_job ORDER BY next_fire, cron_trigger_id',
      ),
    };
  }

  /**
   * `System.schedule(name, cronExpression, instance)` inside `tx`: returns the CronTrigger Id.
   * Throws System.StringException for a bad expression and System.AsyncException for a taken
   * name, the 100-job limit, or an instance that is not Schedulable.
   */
  schedule(tx: Transaction, name: string, cronText: string, instance: object): string {
    const registered = this.host.classes.classOf(instance);
    if (registered === undefined || !registered.implements.includes('Schedulable')) {
      throw new ApexException(
        'System.AsyncException',
        'System.schedule needs an instance of a class that implements Schedulable',
      );
    }
    if (name.trim() === '') {
      throw new ApexException('System.StringException', 'The job name cannot be blank');
    }
    // CronJobDetail.Name and CronTrigger.CronExpression hold 255 characters (wording ours).
    if (name.length > 255) {
      throw new ApexException(
        'System.StringException',
        `The job name is ${name.length} characters long; it can be at most 255`,
      );
    }
    if (cronText.length > 255) {
      throw new ApexException(
        'System.StringException',
        `The cron expression is ${cronText.length} characters long; it can be at most 255`,
      );
    }
    const cron = this.parse(cronText);
    if (this.statements.byName.get(name) !== undefined) {
      throw new ApexException(
        'System.AsyncException',
        `The Apex job named "${name}" is already scheduled for execution.`,
      );
    }
    if ((this.statements.count.get()?.n ?? 0) >= MAX_SCHEDULED_JOBS) {
      throw new ApexException(
        'System.AsyncException',
        `You have exceeded the maximum number (${MAX_SCHEDULED_JOBS}) of Apex scheduled jobs.`,
      );
    }

    const timeZone = this.host.userTimeZone();
    const now = this.host.clock.now();
    const next = nextFireTime(cron, now, timeZone);
    if (next === undefined) {
      throw new ApexException(
        'System.StringException',
        `Based on configured schedule, the given trigger '${name}' will never fire.`,
      );
    }

    const detailId = this.details.insert(tx, { Name: name, JobType: SCHEDULED_APEX });
    const triggerId = this.triggers.insert(tx, {
      CronExpression: cron.text,
      CronJobDetailId: detailId,
      State: 'WAITING',
      NextFireTime: next,
      PreviousFireTime: null,
      StartTime: now,
      EndTime: null,
      TimeZoneSidKey: timeZone,
      TimesTriggered: 0,
      OwnerId: this.host.records.userId(),
    });
    this.statements.insert.run(
      triggerId,
      name,
      registered.name,
      serializeJobState(instance),
      cron.text,
      timeZone,
      next.getTime(),
    );
    const job = { cronTriggerId: triggerId, name, className: registered.name, nextFireTime: next };
    tx.onCommit(() => this.host.jobScheduled?.(job));
    return triggerId;
  }

  /** Whether `id` is the Id of a scheduled job that exists (a CronTrigger of this org). */
  isScheduled(id: string): boolean {
    return this.statements.byId.get(id) !== undefined;
  }

  /**
   * `System.abortJob(cronTriggerId)` inside `tx`: deletes the scheduled job (its CronTrigger and
   * CronJobDetail records). A firing already running completes.
   */
  abort(tx: Transaction, cronTriggerId: string): void {
    const row = this.statements.byId.get(cronTriggerId);
    if (row === undefined) {
      throw new ApexException(
        'System.StringException',
        `Scheduled job ${cronTriggerId} does not exist (it was deleted or completed)`,
      );
    }
    const trigger = this.host.records.table(this.triggers.type).get(cronTriggerId);

    tx.beginWrite();
    this.statements.remove.run(cronTriggerId);
    this.triggers.remove(tx, cronTriggerId);
    const detailId = trigger?.CronJobDetailId;
    if (typeof detailId === 'string') this.details.remove(tx, detailId);
    this.host.jobDeleted?.(tx, {
      cronTriggerId,
      name: row.job_name,
      className: row.class_name,
    });
  }

  /** The earliest next fire time (epoch ms) of any scheduled job. */
  nextFireTime(): number | undefined {
    return this.statements.earliest.get()?.next_fire;
  }

  /**
   * Fires the earliest due scheduled job inside `tx`: writes its AsyncApexJob (ScheduledApex,
   * Processing), moves the CronTrigger on (TimesTriggered, PreviousFireTime, NextFireTime) and
   * returns the job for the runner, or undefined when none is due. A job whose class is no longer
   * installed fails its firing and stays scheduled.
   */
  takeDue(tx: Transaction): TakenJob | undefined {
    const row = this.statements.due.get(this.host.clock.now().getTime());
    if (row === undefined) return undefined;
    return this.fire(tx, row, new Date(row.next_fire)) ?? this.takeDue(tx);
  }

  /**
   * Fires one scheduled job now, whatever its schedule, as `takeDue` fires a due one: what
   * `Test.stopTest()` does with a job scheduled during the test. Undefined when the job no longer
   * exists or its class is not installed.
   */
  fireNow(tx: Transaction, cronTriggerId: string): TakenJob | undefined {
    const row = this.statements.byId.get(cronTriggerId);
    return row === undefined ? undefined : this.fire(tx, row, this.host.clock.now());
  }

  /** Fires `row` (see takeDue); undefined when its class is not installed (the firing failed). */
  private fire(tx: Transaction, row: CronJobRow, firedAt: Date): TakenJob | undefined {
    const now = this.host.clock.now();
    const registered = this.host.classes.find(row.class_name);
    const next = nextFireTime(this.parse(row.cron_expression), now, row.time_zone);
    const trigger = this.host.records.table(this.triggers.type).get(row.cron_trigger_id);

    tx.beginWrite();
    if (next === undefined) this.statements.remove.run(row.cron_trigger_id);
    else this.statements.setNext.run(next.getTime(), row.cron_trigger_id);
    this.triggers.update(tx, row.cron_trigger_id, {
      State: next === undefined ? 'COMPLETE' : 'EXECUTING',
      PreviousFireTime: firedAt,
      NextFireTime: next ?? null,
      StartTime: firedAt,
      EndTime: next === undefined ? firedAt : null,
      TimesTriggered: Number(trigger?.TimesTriggered ?? 0) + 1,
    });

    const jobId = this.jobs.insert(tx, {
      ApexClassId: registered === undefined ? null : this.host.apexClassId(registered),
      CronTriggerId: row.cron_trigger_id,
      JobType: 'ScheduledApex',
      Status: registered === undefined ? 'Failed' : 'Processing',
      NumberOfErrors: registered === undefined ? 1 : 0,
      JobItemsProcessed: 0,
      TotalJobItems: 0,
      ...(registered === undefined
        ? {
            CompletedDate: now,
            ExtendedStatus: `System.TypeException: class ${row.class_name} is not installed in this org`,
          }
        : {}),
    });
    if (registered === undefined) {
      this.firingFinished(tx, row.cron_trigger_id);
      return undefined;
    }
    return {
      id: jobId,
      registered,
      instance: restoreJobState(registered.type, row.instance_state),
      depth: 0,
      cronTriggerId: row.cron_trigger_id,
    };
  }

  /** After a firing ends (either way): its CronTrigger waits for the next one, unless complete. */
  firingFinished(tx: Transaction, cronTriggerId: string): void {
    const table = this.host.records.table(this.triggers.type);
    const trigger = table.get(cronTriggerId);
    if (trigger === undefined || trigger.State !== 'EXECUTING') return;
    this.triggers.update(tx, cronTriggerId, { State: 'WAITING' });
  }

  /** All scheduled jobs that will fire again, soonest first. */
  list(): Array<ScheduledJob & { nextFireTime: Date; cronExpression: string; timeZone: string }> {
    const rows = this.statements.all.all();
    return rows.map((row) => ({
      cronTriggerId: row.cron_trigger_id,
      name: row.job_name,
      className: row.class_name,
      nextFireTime: new Date(row.next_fire),
      cronExpression: row.cron_expression,
      timeZone: row.time_zone,
    }));
  }

  private parse(text: string): CronExpression {
    const cached = this.parsed.get(text);
    if (cached !== undefined) return cached;
    try {
      const cron = parseCronExpression(text);
      this.parsed.set(text, cron);
      return cron;
    } catch (error) {
      if (error instanceof CronExpressionError) {
        throw new ApexException('System.StringException', error.message);
      }
      throw error;
    }
  }
}
