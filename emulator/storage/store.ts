/**
 * The store: one better-sqlite3 connection per org, in WAL mode, with one table per sObject type
 * and a few tables of the emulator's own (prefixed `emu_`): Id and auto-number sequences, the
 * queue of job state, org settings such as the clock, and the users' password hashes.
 *
 * Only the transaction layer opens and closes SQLite transactions (see transaction.ts).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import { createTableSql } from './ddl.ts';
import { addedColumnsSql, addedInternalColumnsSql, type InternalColumn } from './added-columns.ts';

export type SqliteDatabase = Database.Database;

const INTERNAL_TABLES = [
  `CREATE TABLE IF NOT EXISTS emu_sequence (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT`,
  // The state of each queued job; a row lives from enqueue until the runner takes the job. Its
  // stack columns are added by INTERNAL_ADDED_COLUMNS.
  `CREATE TABLE IF NOT EXISTS emu_job_queue (
     job_id TEXT PRIMARY KEY,
     class_name TEXT NOT NULL,
     state TEXT NOT NULL,
     not_before INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     depth INTEGER NOT NULL DEFAULT 1
   ) STRICT`,
  `CREATE INDEX IF NOT EXISTS emu_job_queue_due ON emu_job_queue (not_before, seq)`,
  // Each scheduled job that will fire again: its Schedulable's state and next fire time (epoch
  // ms). The CronTrigger and CronJobDetail records are what SOQL sees; this is the runner's view.
  `CREATE TABLE IF NOT EXISTS emu_cron_job (
     cron_trigger_id TEXT PRIMARY KEY,
     job_name TEXT NOT NULL COLLATE NOCASE UNIQUE,
     class_name TEXT NOT NULL,
     instance_state TEXT NOT NULL,
     cron_expression TEXT NOT NULL,
     time_zone TEXT NOT NULL,
     next_fire INTEGER NOT NULL
   ) STRICT`,
  `CREATE INDEX IF NOT EXISTS emu_cron_job_due ON emu_cron_job (next_fire)`,
  // A finalizer waiting to run: written with its job's last status, deleted when it has run, so
  // a process that stops in between leaves it for the next runner (emulator/async/finalizers.ts).
  `CREATE TABLE IF NOT EXISTS emu_job_finalizer (
     job_id TEXT PRIMARY KEY,
     class_name TEXT NOT NULL,
     state TEXT NOT NULL,
     result TEXT NOT NULL,
     exception_type TEXT,
     exception_message TEXT,
     request_id TEXT NOT NULL,
     failed_requeues INTEGER NOT NULL
   ) STRICT`,
  `CREATE TABLE IF NOT EXISTS emu_setting (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,
  // Each user's password as an scrypt hash (emulator/users/password-hash.ts), never in a field.
  `CREATE TABLE IF NOT EXISTS emu_user_password (
     user_id TEXT PRIMARY KEY,
     hash TEXT NOT NULL
   ) STRICT`,
];

/**
 * Columns the emulator's own tables gained after they were first made: a database written by an
 * older aflo-emu gets them when it is opened, a new one right after its CREATE TABLE.
 */
const INTERNAL_ADDED_COLUMNS: readonly InternalColumn[] = [
  // A queued job's stack (emulator/async/queueable-stack.ts): MaximumQueueableStackDepth,
  // MinimumQueueableDelayInMinutes, finalizer re-enqueues after failures, duplicate signature.
  { table: 'emu_job_queue', column: 'max_depth', type: 'INTEGER' },
  { table: 'emu_job_queue', column: 'min_delay', type: 'INTEGER' },
  { table: 'emu_job_queue', column: 'failed_requeues', type: 'INTEGER NOT NULL DEFAULT 0' },
  { table: 'emu_job_queue', column: 'signature', type: 'TEXT' },
];

/** Indexes on INTERNAL_ADDED_COLUMNS, made once the columns exist. */
const INTERNAL_ADDED_INDEXES = [
  `CREATE INDEX IF NOT EXISTS emu_job_queue_signature ON emu_job_queue (signature) WHERE signature IS NOT NULL`,
];

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: 'DATABASE_LOCKED' | 'DATABASE_UNAVAILABLE',
    message: string,
  ) {
    super(message);
  }
}

/** Opens (creating if needed) the database at `path` (`:memory:` allowed). */
export function openDatabase(path: string): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = new Database(path, { timeout: 2000 });
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 10000');
  } catch (error) {
    throw describeOpenError(path, error);
  }
  return db;
}

function describeOpenError(path: string, error: unknown): StoreError {
  const text = error instanceof Error ? error.message : String(error);
  if (/locked|busy/i.test(text)) {
    return new StoreError(
      'DATABASE_LOCKED',
      `database ${path} is locked by another process; stop it or use --db with another file`,
    );
  }
  return new StoreError('DATABASE_UNAVAILABLE', `cannot open database ${path}: ${text}`);
}

/** Creates every table and index the schema needs; safe to run on an existing database. */
export function applySchema(db: SqliteDatabase, schema: SchemaRegistry): void {
  db.transaction(() => {
    for (const sql of INTERNAL_TABLES) db.exec(sql);
    for (const sql of addedInternalColumnsSql(db, INTERNAL_ADDED_COLUMNS)) db.exec(sql);
    for (const sql of INTERNAL_ADDED_INDEXES) db.exec(sql);
    for (const type of schema.all()) {
      const [createTable = '', ...indexes] = createTableSql(type);
      db.exec(createTable);
      // Before the indexes, which may name a column an older database lacks.
      for (const sql of addedColumnsSql(db, type)) db.exec(sql);
      for (const sql of indexes) db.exec(sql);
    }
  })();
}

/**
 * Monotonic counters (record numbers per key prefix, auto-numbers per type), read and written in
 * the caller's write transaction, whose lock makes them safe across processes sharing the file.
 * The highest number this process handed out is remembered too, so a rolled-back transaction
 * leaves a gap, as on the platform: a number once handed out is not handed out again here.
 */
export class Sequences {
  private readonly values = new Map<string, number>();
  private readonly read: Database.Statement<[string], { value: number }>;
  private readonly write: Database.Statement<[string, number]>;

  constructor(db: SqliteDatabase) {
    this.read = db.prepare('SELECT value FROM emu_sequence WHERE name = ?');
    this.write = db.prepare(
      'INSERT INTO emu_sequence (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = max(value, excluded.value)',
    );
  }

  /** Reserves `count` numbers and returns the first; the caller must be inside a write transaction. */
  reserve(name: string, count = 1): number {
    const current = Math.max(this.values.get(name) ?? 0, this.read.get(name)?.value ?? 0);
    const last = current + count;
    this.values.set(name, last);
    this.write.run(name, last);
    return current + 1;
  }
}
