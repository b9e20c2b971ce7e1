/**
 * The org lock: one async mutex per org, held by whoever is using the SQLite connection.
 *
 * better-sqlite3 is synchronous and one connection serves every transaction in the process, so a
 * SQLite transaction must never stay open while other code can run. Apex code runs holding the
 * lock; the only thing it awaits is a callout, and a callout is refused once the transaction has
 * written anything (the platform's "uncommitted work pending" rule), so the lock is let go for the
 * callout and taken back afterwards with no SQLite transaction open. Concurrent chains therefore
 * overlap only in their callouts, and no transaction ever sees another's uncommitted work.
 */
export class OrgLock {
  private tail: Promise<void> = Promise.resolve();
  private held = false;

  /** Waits for the lock; the returned function releases it (exactly once). */
  async acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => next);
    await previous;
    this.held = true;

    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held = false;
      release();
    };
  }

  /** Whether someone holds the lock now. */
  get isHeld(): boolean {
    return this.held;
  }
}
