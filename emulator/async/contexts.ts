/** The context objects Apex passes to async entry points, and the interfaces they implement. */

export interface QueueableContext {
  getJobId(): string;
}

export interface SchedulableContext {
  getTriggerId(): string;
}

/** `implements Queueable`: run later as an AsyncApexJob, one transaction per run. */
export interface Queueable {
  execute(context: QueueableContext): void | Promise<void>;
}

/** `implements Schedulable`: run by the scheduler (no callouts), or by hand with `execute(null)`. */
export interface Schedulable {
  execute(context: SchedulableContext | null): void | Promise<void>;
}
