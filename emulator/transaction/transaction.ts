/**
 * A transaction: one entry point's unit of work (an anonymous Apex run, one job's execute, one
 * REST request). All of its DML and the jobs it enqueues commit together or not at all.
 *
 * SQLite side: reads before the first write run in autocommit and need no SQLite lock; the first
 * DML or enqueue opens `BEGIN IMMEDIATE`, which stays open until commit or rollback. The org lock
 * (org-lock.ts) guarantees nothing else uses the connection meanwhile: the only await Apex code
 * may make is a callout, and callouts are refused once there is uncommitted work.
 */
import type { Statement } from 'better-sqlite3';
import type { SqliteDatabase } from '../storage/store.ts';
import { LimitUsage, type LimitProfile } from './limits.ts';
import { StoreError } from '../storage/store.ts';
import type { QueueableRun } from '../async/queueable-run.ts';

/**
 * What started a transaction; `rest` is an Apex REST request (a package's `@RestResource`),
 * `finalizer` a queueable's finalizer (System.Finalizer), run after its job in its own transaction.
 */
export type TransactionKind =
  'anonymous' | 'queueable' | 'finalizer' | 'schedulable' | 'api' | 'rest' | 'system';

export interface TransactionOptions {
  kind: TransactionKind;
  /** Whether this transaction may make callouts (a queueable with Database.AllowsCallouts). */
  allowsCallouts: boolean;
  /** The AsyncApexJob running this transaction, if it is a job's. */
  jobId?: string;
  /** The Apex class whose code this transaction runs (for messages). */
  className?: string;
  /** Queueable stack depth: 1 for a job enqueued from synchronous code, +1 per chained child. */
  queueableDepth?: number;
  /** For a queueable's execute or its finalizer: the job's stack rules and finalizer slot. */
  queueable?: QueueableRun;
}

export class Transaction {
  readonly kind: TransactionKind;
  readonly allowsCallouts: boolean;
  readonly jobId: string | undefined;
  readonly className: string | undefined;
  readonly queueableDepth: number;
  readonly queueable: QueueableRun | undefined;
  readonly limits: LimitUsage;
  /** Nesting of trigger runs; DML made by a trigger fires triggers one level deeper. */
  triggerDepth = 0;
  /** Apex static variables: they live for the transaction, as statics do in Apex. */
  readonly statics = new Map<string, unknown>();
  /** Lines written by System.debug, in order. */
  readonly debugLog: string[] = [];
  private writing = false;
  private finished = false;
  private readonly afterCommit: Array<() => void> = [];

  constructor(
    private readonly db: SqliteDatabase,
    options: TransactionOptions,
  ) {
    this.kind = options.kind;
    this.allowsCallouts = options.allowsCallouts;
    this.jobId = options.jobId;
    this.className = options.className;
    this.queueableDepth = options.queueableDepth ?? 0;
    this.queueable = options.queueable;
    this.limits = new LimitUsage(limitProfile(options.kind));
  }

  /** Whether DML or an enqueue has happened: the platform's "uncommitted work pending". */
  get hasPendingWork(): boolean {
    return this.writing;
  }

  /** Opens the SQLite write transaction on the first write. */
  beginWrite(): void {
    this.assertOpen();
    if (this.writing) return;
    try {
      controlStatements(this.db).begin.run();
    } catch (error) {
      throw lockedError(error);
    }
    this.writing = true;
  }

  /**
   * Runs `work` so that if it throws, everything it wrote is undone and the rest of the
   * transaction stands (an Apex DML statement is all or nothing on its own). The after-commit
   * work it registered is dropped with it: observers never hear of rolled-back writes.
   */
  atomically<T>(work: () => T): T {
    this.beginWrite();
    const control = controlStatements(this.db);
    const registered = this.afterCommit.length;
    // One savepoint name for every level: RELEASE and ROLLBACK TO act on the innermost.
    control.savepoint.run();
    try {
      const result = work();
      control.release.run();
      return result;
    } catch (error) {
      control.rollbackTo.run();
      control.release.run();
      this.afterCommit.length = registered;
      throw error;
    }
  }

  /** Registers work to run once this transaction has committed (never after a rollback). */
  onCommit(callback: () => void): void {
    this.afterCommit.push(callback);
  }

  commit(): void {
    this.assertOpen();
    this.finished = true;
    if (this.writing) controlStatements(this.db).commit.run();
    this.writing = false;
    for (const callback of this.afterCommit) callback();
  }

  /**
   * Commits what the transaction has written so far and carries on: the next write opens a new
   * SQLite transaction. Only `Test.stopTest()` uses it, so the jobs it runs see the test's data
   * (see docs/fidelity.md). Never inside a DML statement (`atomically`), whose savepoint it
   * would end.
   */
  commitSoFar(): void {
    this.assertOpen();
    if (this.writing) controlStatements(this.db).commit.run();
    this.writing = false;
    for (const callback of this.afterCommit.splice(0)) callback();
  }

  rollback(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.writing && this.db.inTransaction) this.db.exec('ROLLBACK');
    this.writing = false;
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('transaction already finished');
  }
}

function limitProfile(kind: TransactionKind): LimitProfile {
  if (kind === 'queueable' || kind === 'finalizer') return kind;
  return 'sync';
}

/** SQLITE_BUSY after the busy timeout: another process holds the write lock. */
function lockedError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') return error;
  return new StoreError(
    'DATABASE_LOCKED',
    'the database is locked by another process; wait for it or use --db with another file',
  );
}

interface ControlStatements {
  begin: Statement;
  commit: Statement;
  savepoint: Statement;
  release: Statement;
  rollbackTo: Statement;
}

const controlByDatabase = new WeakMap<SqliteDatabase, ControlStatements>();

/** Transaction-control statements, prepared once per connection (they run several times a DML). */
function controlStatements(db: SqliteDatabase): ControlStatements {
  let control = controlByDatabase.get(db);
  if (control === undefined) {
    control = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      savepoint: db.prepare('SAVEPOINT emu_statement'),
      release: db.prepare('RELEASE emu_statement'),
      rollbackTo: db.prepare('ROLLBACK TO emu_statement'),
    };
    controlByDatabase.set(db, control);
  }
  return control;
}
