/** Org-level settings of the emulator itself (default user, installed packages, clock), in `emu_setting`. */
import type { SqliteDatabase } from './storage/store.ts';

export class OrgSettings {
  private readonly getStatement;
  private readonly setStatement;
  private readonly deleteStatement;

  constructor(db: SqliteDatabase) {
    this.getStatement = db.prepare<[string], { value: string }>(
      'SELECT value FROM emu_setting WHERE name = ?',
    );
    this.deleteStatement = db.prepare('DELETE FROM emu_setting WHERE name = ?');
    this.setStatement = db.prepare(
      'INSERT INTO emu_setting (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    );
  }

  get(name: string): string | undefined {
    return this.getStatement.get(name)?.value;
  }

  delete(name: string): void {
    this.deleteStatement.run(name);
  }

  set(name: string, value: string): void {
    this.setStatement.run(name, value);
  }
}
