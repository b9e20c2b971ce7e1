/**
 * A read snapshot: several reads that must see one state of the database, such as a dump of
 * every table, while another process (a `serve` on the same file) may be committing. In WAL mode
 * a deferred transaction reads the database as it was at its first read and blocks no writer.
 *
 * The caller holds the org lock (see org-lock.ts), so no transaction of this process is open on
 * the connection meanwhile.
 */
import type { SqliteDatabase } from '../storage/store.ts';

/** Runs `read` (synchronous, reads only) inside one deferred SQLite transaction. */
export function readSnapshot<T>(db: SqliteDatabase, read: () => T): T {
  return db.transaction(read).deferred();
}
