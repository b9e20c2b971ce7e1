/**
 * Running one job, the same for a drain and the background runner: take the next due job off
 * the queue (Processing), then run its queueable's execute as its own transaction. The job's DML,
 * its child enqueue and its own Completed status commit together; if execute throws, all of that
 * rolls back and a separate transaction marks the job Failed with the exception in
 * ExtendedStatus. A finalizer the job attached runs after either, in its own transaction
 * (finalizers.ts). `job:started` and `job:finished` tell observers.
 */
import { toApexException } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Org } from '../org.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { Queueable, QueueableContext, Schedulable, SchedulableContext } from './contexts.ts';
import type { TakenJob } from './job-store.ts';
import { runFinalizer, saveFinalizer } from './finalizers.ts';
import { FRESH_STACK, QueueableRun } from './queueable-run.ts';
import { LeaseLost, type RunnerLease } from './runner-lease.ts';

/**
 * Takes the next due job (marking it Processing), or undefined when none is due: a queued job or
 * a scheduled job's firing, whichever was due first.
 */
export function takeDueJob(org: Org, lease?: RunnerLease): Promise<TakenJob | undefined> {
  return org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
    lease?.assertHeld(tx);
    const fire = org.scheduler.nextFireTime();
    const firingFirst =
      fire !== undefined &&
      fire <= org.clock.now().getTime() &&
      fire < (org.jobs.earliestQueued() ?? Number.POSITIVE_INFINITY);
    if (firingFirst) return org.scheduler.takeDue(tx);
    return org.jobs.takeNextDue(tx) ?? org.scheduler.takeDue(tx);
  });
}

/**
 * Runs one taken job to its end; true when it ended Completed. With the runner's `lease`, the
 * job's work commits, and a failure is recorded, only while the lease is still held (a runner
 * that lost it leaves the job to the new holder, which failed it on taking over).
 */
export async function runJob(org: Org, job: TakenJob, lease?: RunnerLease): Promise<boolean> {
  const { id, registered, instance } = job;
  const log = org.logger.child({ component: 'runner', jobId: id, className: registered.name });
  notify(log, () => org.events.emit('job:started', { jobId: id, className: registered.name }));
  const { cronTriggerId } = job;
  const run =
    cronTriggerId === undefined
      ? new QueueableRun(
          id,
          job.stack ?? { ...FRESH_STACK, depth: job.depth },
          'job',
          job.underTest,
        )
      : undefined;
  // A scheduled job's firing runs its Schedulable, which may not call out (it may queue jobs that do).
  const options =
    cronTriggerId === undefined
      ? {
          kind: 'queueable' as const,
          allowsCallouts: registered.implements.includes('Database.AllowsCallouts'),
          jobId: id,
          className: registered.name,
          queueableDepth: job.depth,
          queueable: run,
        }
      : {
          kind: 'schedulable' as const,
          allowsCallouts: false,
          jobId: id,
          className: registered.name,
        };
  const execute = (): void | Promise<void> => {
    if (cronTriggerId === undefined) {
      const context: QueueableContext = { getJobId: () => id };
      return (instance as Queueable).execute(context);
    }
    const context: SchedulableContext = { getTriggerId: () => cronTriggerId };
    return (instance as Schedulable).execute(context);
  };
  const finished = (tx: Transaction): void => {
    if (cronTriggerId !== undefined) org.scheduler.firingFinished(tx, cronTriggerId);
  };

  try {
    await org.run(options, execute, {
      beforeCommit: (tx) => {
        lease?.assertHeld(tx);
        org.jobs.setStatus(tx, id, 'Completed');
        finished(tx);
        if (run !== undefined) saveFinalizer(org, tx, run);
      },
    });
    log.debug('job completed');
    notify(log, () =>
      org.events.emit('job:finished', {
        jobId: id,
        className: registered.name,
        status: 'Completed',
      }),
    );
    await finalize(org, run, lease);
    return true;
  } catch (thrown) {
    if (thrown instanceof LeaseLost) {
      log.warn({ err: thrown.message }, 'job rolled back: the runner lease was lost');
      return false;
    }
    const exception = toApexException(thrown);
    const detail = exception.describe();
    log.warn({ err: detail }, 'job failed');
    const recorded = await org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
      if (lease !== undefined && !lease.holds(tx)) return false;
      org.jobs.setStatus(tx, id, 'Failed', detail);
      finished(tx);
      if (run !== undefined) saveFinalizer(org, tx, run, exception);
      return true;
    });
    if (!recorded) return false;
    notify(log, () =>
      org.events.emit('job:finished', {
        jobId: id,
        className: registered.name,
        status: 'Failed',
        error: detail,
      }),
    );
    await finalize(org, run, lease);
    return false;
  }
}

/**
 * Runs the finalizer the job attached, after the transaction that ended the job. It never
 * throws: whatever happens to the finalizer, the job's outcome stands (one that could not run is
 * left for the next runner: finalizers.ts).
 */
async function finalize(
  org: Org,
  run: QueueableRun | undefined,
  lease: RunnerLease | undefined,
): Promise<void> {
  if (run?.finalizer === undefined) return;
  try {
    await runFinalizer(org, run.jobId, {
      underTest: run.underTest,
      ...(lease === undefined ? {} : { lease }),
    });
  } catch (error) {
    org.logger.error({ err: String(error), jobId: run.jobId }, 'could not run the finalizer');
  }
}

/** Tells observers; one that throws is logged and never changes the job's outcome. */
function notify(log: Logger, emit: () => void): void {
  try {
    emit();
  } catch (error) {
    log.error({ err: error }, 'a job event observer threw');
  }
}
