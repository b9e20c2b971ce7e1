/**
 * Running one job, the same for a drain and the background runner: take the next due job off
 * the queue (Processing), then run its queueable's execute as its own transaction. The job's DML,
 * its child enqueue and its own Completed status commit together; if execute throws, all of that
 * rolls back and a separate transaction marks the job Failed with the exception in
 * ExtendedStatus. `job:started` and `job:finished` tell observers.
 */
import { toApexException } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Org } from '../org.ts';
import type { Queueable, QueueableContext } from './contexts.ts';
import type { TakenJob } from './job-store.ts';

/** Takes the next due job (marking it Processing), or undefined when none is due. */
export function takeDueJob(org: Org): Promise<TakenJob | undefined> {
  return org.run({ kind: 'system', allowsCallouts: false }, (tx) => org.jobs.takeNextDue(tx));
}

/** Runs one taken job to its end; true when it ended Completed. */
export async function runJob(org: Org, job: TakenJob): Promise<boolean> {
  const { id, registered, instance } = job;
  const log = org.logger.child({ component: 'runner', jobId: id, className: registered.name });
  notify(log, () => org.events.emit('job:started', { jobId: id, className: registered.name }));
  const context: QueueableContext = { getJobId: () => id };
  const options = {
    kind: 'queueable' as const,
    allowsCallouts: registered.implements.includes('Database.AllowsCallouts'),
    jobId: id,
    className: registered.name,
    queueableDepth: job.depth,
  };

  try {
    await org.run(options, () => (instance as Queueable).execute(context), {
      beforeCommit: (tx) => org.jobs.setStatus(tx, id, 'Completed'),
    });
    log.debug('job completed');
    notify(log, () =>
      org.events.emit('job:finished', {
        jobId: id,
        className: registered.name,
        status: 'Completed',
      }),
    );
    return true;
  } catch (thrown) {
    const detail = toApexException(thrown).describe();
    log.warn({ err: detail }, 'job failed');
    await org.run({ kind: 'system', allowsCallouts: false }, (tx) =>
      org.jobs.setStatus(tx, id, 'Failed', detail),
    );
    notify(log, () =>
      org.events.emit('job:finished', {
        jobId: id,
        className: registered.name,
        status: 'Failed',
        error: detail,
      }),
    );
    return false;
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
