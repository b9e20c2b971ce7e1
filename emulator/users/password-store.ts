/**
 * Where password hashes live: the emulator's `emu_user_password` table, one row per user Id,
 * outside every sObject so no query, describe or export can read them.
 */
import type { SqliteDatabase } from '../storage/store.ts';
import type { Transaction } from '../transaction/transaction.ts';

/** The stored hash of a user's password, or undefined when none was ever set. */
export function readPasswordHash(db: SqliteDatabase, userId: string): string | undefined {
  return db
    .prepare<[string], { hash: string }>('SELECT hash FROM emu_user_password WHERE user_id = ?')
    .get(userId)?.hash;
}

/** Sets a user's password hash inside `tx` (which it opens for writing). */
export function writePasswordHash(
  db: SqliteDatabase,
  tx: Transaction,
  userId: string,
  hash: string,
): void {
  tx.beginWrite();
  db.prepare(
    'INSERT INTO emu_user_password (user_id, hash) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash',
  ).run(userId, hash);
}
