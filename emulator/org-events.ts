/**
 * Typed events an org emits, for observers: the CLI's progress bar, tests that wait on a state
 * instead of sleeping, logs. Emitted after the fact (a write after its commit).
 */
import { EventEmitter } from 'node:events';
import type { DmlOperation } from './dml/host.ts';
import type { JobStatus } from './async/job-store.ts';

export interface OrgEventMap {
  /** Records of one type written by one committed DML chunk. */
  'records:written': [{ type: string; operation: DmlOperation; ids: string[] }];
  /** A job was queued by a transaction that has now committed (in this process). */
  'jobs:enqueued': [{ jobId: string; className: string; notBefore: Date }];
  /** A scheduled job was created by a transaction that has now committed (in this process). */
  'jobs:scheduled': [
    { cronTriggerId: string; name: string; className: string; nextFireTime: Date },
  ];
  'job:started': [{ jobId: string; className: string }];
  'job:finished': [{ jobId: string; className: string; status: JobStatus; error?: string }];
  /**
   * The runner has nothing due and waits for the earliest delayed job: a drain told to wait
   * (DrainOptions.delayed), or the background runner each time it looks and finds only those.
   */
  'runner:waiting': [{ until: Date }];
  /**
   * A runner of this process found the runner lease taken over by another process (`holder`, if
   * any): it takes no more jobs, and the jobs it was running roll back (runner-lease.ts).
   */
  'runner:lease-lost': [{ holder: number | undefined }];
}

export class OrgEvents extends EventEmitter<OrgEventMap> {}
