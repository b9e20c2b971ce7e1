/**
 * Transaction finalizers (`System.Finalizer`): `System.attachFinalizer(instance)` inside a
 * queueable's execute, and the finalizer's run after the job, in its own transaction, whether the
 * job succeeded or failed with an unhandled exception (its work rolled back, the finalizer's
 * commits).
 *
 * Between the two, the finalizer waits in `emu_job_finalizer`: its state (as the job left it) is
 * written in the transaction that gives the job its last status, and deleted by the finalizer's
 * own commit. A process that stops in between leaves it there, and the next runner to take the
 * lease runs it (`runLeftFinalizers`). A job whose process stopped while it ran never got that
 * far: it is failed on takeover, and its finalizer, attached only in memory, is lost (see
 * docs/fidelity.md).
 */
import { randomUUID } from 'node:crypto';
import { ApexException, toApexException } from '../errors.ts';
import type { Org } from '../org.ts';
import type { SqliteDatabase } from '../storage/store.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { ApexClassRegistry } from './apex-classes.ts';
import { restoreJobState, serializeJobState } from './job-state.ts';
import { FRESH_STACK, QueueableRun, type ParentJobResult } from './queueable-run.ts';
import { LeaseLost, type RunnerLease } from './runner-lease.ts';

/** `System.FinalizerContext`: what a finalizer's execute is told about its job. */
export interface FinalizerContext {
  /** The AsyncApexJob Id of the queueable the finalizer was attached to. */
  getAsyncApexJobId(): string;
  /** The request Id the job and its finalizer share. */
  getRequestId(): string;
  getResult(): ParentJobResult;
  /** The exception the job failed with; null when it succeeded. */
  getException(): ApexException | null;
}

/** `implements Finalizer`: runs after the queueable it was attached to, in its own transaction. */
export interface Finalizer {
  execute(context: FinalizerContext): void | Promise<void>;
}

/** A finalizer waiting to run, as `emu_job_finalizer` holds it. */
interface FinalizerRow {
  job_id: string;
  class_name: string;
  state: string;
  result: ParentJobResult;
  exception_type: string | null;
  exception_message: string | null;
  request_id: string;
  failed_requeues: number;
}

/**
 * `System.attachFinalizer(instance)` inside `tx`, with the platform's refusals (all
 * System.AsyncException): outside a queueable's execute, a null argument, a class that does not
 * implement Finalizer, a second finalizer for the same job.
 */
export function attachFinalizer(
  tx: Transaction,
  classes: ApexClassRegistry,
  instance: object | null | undefined,
): void {
  const run = tx.queueable;
  if (run === undefined || run.role !== 'job') {
    throw new ApexException(
      'System.AsyncException',
      'System.attachFinalizer(Finalizer) is not allowed in this context',
    );
  }
  if (instance === null || instance === undefined) {
    throw new ApexException('System.AsyncException', 'Argument cannot be null');
  }
  const registered = classes.classOf(instance);
  if (registered === undefined || !registered.implements.includes('Finalizer')) {
    const name = registered?.name ?? instance.constructor.name;
    throw new ApexException(
      'System.AsyncException',
      `Class ${name} must implement the Finalizer interface`,
    );
  }
  if (run.finalizer !== undefined) {
    throw new ApexException(
      'System.AsyncException',
      'More than one Finalizer cannot be attached to same Async Apex Job',
    );
  }
  run.finalizer = instance;
}

/**
 * Writes the finalizer the job attached, as it is now, inside `tx`: the transaction that gives
 * the job its last status (Completed, or Failed with `exception`). Nothing when none is attached.
 */
export function saveFinalizer(
  org: Org,
  tx: Transaction,
  run: QueueableRun,
  exception?: ApexException,
): void {
  const instance = run.finalizer;
  if (instance === undefined) return;
  const registered = org.classes.classOf(instance);
  if (registered === undefined) return;
  tx.beginWrite();
  statements(org.db).insert.run(
    run.jobId,
    registered.name,
    serializeJobState(instance),
    exception === undefined ? 'SUCCESS' : 'UNHANDLED_EXCEPTION',
    exception?.type ?? null,
    exception?.message ?? null,
    randomUUID().replaceAll('-', ''),
    run.stack.failedRequeues,
  );
}

/**
 * Runs the finalizer `saveFinalizer` wrote for the job, if any: its execute as a `finalizer`
 * transaction (callouts allowed, one enqueue, and a job it enqueues starts a new stack). A
 * finalizer that throws is logged, as the platform logs "Error processing finalizer", and
 * dropped; its job's status stays.
 */
export async function runFinalizer(
  org: Org,
  jobId: string,
  options: { underTest?: boolean; lease?: RunnerLease } = {},
): Promise<void> {
  const row = statements(org.db).byJob.get(jobId);
  if (row === undefined) return;
  const log = org.logger.child({ component: 'runner', jobId, finalizer: row.class_name });
  const registered = org.classes.find(row.class_name);
  const remove = (tx: Transaction): void => {
    options.lease?.assertHeld(tx);
    tx.beginWrite();
    statements(org.db).remove.run(jobId);
  };

  try {
    if (registered === undefined) {
      throw new ApexException(
        'System.TypeException',
        `class ${row.class_name} is not installed in this org`,
      );
    }
    const instance = restoreJobState(registered.type, row.state) as Finalizer;
    const run = new QueueableRun(
      jobId,
      { ...FRESH_STACK, failedRequeues: row.failed_requeues },
      'finalizer',
      options.underTest ?? false,
      row.result,
    );
    const transaction = {
      kind: 'finalizer' as const,
      allowsCallouts: true,
      jobId,
      className: registered.name,
      queueable: run,
    };
    await org.run(transaction, () => instance.execute(contextOf(row)), { beforeCommit: remove });
    log.debug('finalizer completed');
  } catch (thrown) {
    if (thrown instanceof LeaseLost) {
      log.warn({ err: thrown.message }, 'finalizer rolled back: the runner lease was lost');
      return;
    }
    const detail = toApexException(thrown).describe();
    log.error({ err: detail }, `Error processing finalizer for queueable job id: ${jobId}`);
    await org
      .run({ kind: 'system', allowsCallouts: false }, remove)
      .catch((error: unknown) => log.warn({ err: String(error) }, 'finalizer left for later'));
  }
}

/**
 * Runs the finalizers a stopped process left between a job's end and its finalizer's run,
 * oldest job first. The caller holds the runner lease. Returns the jobs whose finalizer ran.
 */
export async function runLeftFinalizers(org: Org, lease?: RunnerLease): Promise<string[]> {
  const jobIds = statements(org.db)
    .all.all()
    .map((row) => row.job_id);
  for (const jobId of jobIds) await runFinalizer(org, jobId, lease === undefined ? {} : { lease });
  return jobIds;
}

function contextOf(row: FinalizerRow): FinalizerContext {
  const exception =
    row.exception_type === null
      ? null
      : new ApexException(row.exception_type, row.exception_message ?? '');
  return {
    getAsyncApexJobId: () => row.job_id,
    getRequestId: () => row.request_id,
    getResult: () => row.result,
    getException: () => exception,
  };
}

/** The table's statements, prepared once per connection. */
function prepareStatements(db: SqliteDatabase) {
  return {
    insert: db.prepare<
      [string, string, string, ParentJobResult, string | null, string | null, string, number]
    >(
      'INSERT OR REPLACE INTO emu_job_finalizer (job_id, class_name, state, result, exception_type, exception_message, request_id, failed_requeues) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    byJob: db.prepare<[string], FinalizerRow>('SELECT * FROM emu_job_finalizer WHERE job_id = ?'),
    all: db.prepare<[], FinalizerRow>('SELECT * FROM emu_job_finalizer ORDER BY job_id'),
    remove: db.prepare<[string]>('DELETE FROM emu_job_finalizer WHERE job_id = ?'),
  };
}

const byDatabase = new WeakMap<SqliteDatabase, ReturnType<typeof prepareStatements>>();

function statements(db: SqliteDatabase): ReturnType<typeof prepareStatements> {
  let prepared = byDatabase.get(db);
  if (prepared === undefined) {
    prepared = prepareStatements(db);
    byDatabase.set(db, prepared);
  }
  return prepared;
}
