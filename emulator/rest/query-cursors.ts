/**
 * Query cursors: what `nextRecordsUrl` points at. A query whose rows do not fit in one batch is
 * run once, in full, and its rows (already in wire form) are kept as a snapshot; each locator
 * `{cursorId}-{offset}` reads the next batch from that snapshot. So pages never skip or repeat a
 * row, and rows written after the first batch do not appear in later ones, as with the
 * platform's server-side cursors.
 *
 * Cursors live in the server's memory. As on the platform, a user has at most 10 open (opening
 * an eleventh releases that user's oldest), a cursor not read for 15 minutes of org time
 * expires, and one is released once its last batch is read. The server also holds at most
 * 1,000,000 rows over all cursors, releasing the oldest cursors first.
 */
import { randomInt } from 'node:crypto';
import type { OrgClock } from '../clock.ts';
import { makeId } from '../ids.ts';
import type { WireValue } from '../wire.ts';
import { restError } from './rest-errors.ts';

export const CURSORS_PER_USER = 10;
export const CURSOR_IDLE_MS = 15 * 60 * 1000;
export const MAX_HELD_ROWS = 1_000_000;

/** The key prefix of query locators on the platform (`01g…`). */
const LOCATOR_PREFIX = '01g';
const LOCATOR_PATTERN = /^(01g[0-9A-Za-z]{15})-(\d+)$/;

interface Cursor {
  id: string;
  userId: string;
  records: WireValue[];
  lastUsed: number;
}

/** One batch of a query result. */
export interface QueryPage {
  totalSize: number;
  done: boolean;
  records: WireValue[];
  /** The locator of the next batch; absent on the last. */
  nextLocator?: string;
}

export class QueryCursorStore {
  private readonly cursors = new Map<string, Cursor>();
  private heldRows = 0;

  constructor(private readonly clock: OrgClock) {}

  /** The first batch of a full result; a cursor is kept when more batches follow. */
  open(userId: string, records: WireValue[], totalSize: number, batchSize: number): QueryPage {
    this.expire();
    if (records.length <= batchSize) return { totalSize, done: true, records };

    const cursor: Cursor = { id: this.newId(), userId, records, lastUsed: this.now() };
    this.cursors.set(cursor.id, cursor);
    this.heldRows += records.length;
    this.enforceCaps(userId, cursor.id);
    return this.page(cursor, 0, batchSize, totalSize);
  }

  /** The batch a locator names; an unknown, expired or foreign one is 400 INVALID_QUERY_LOCATOR. */
  next(userId: string, locator: string, batchSize: number): QueryPage {
    this.expire();
    const match = LOCATOR_PATTERN.exec(locator);
    const cursor = match === null ? undefined : this.cursors.get(match[1] ?? '');
    const offset = Number(match?.[2] ?? -1);
    if (cursor === undefined || cursor.userId !== userId || offset <= 0) throw invalidLocator();
    if (offset >= cursor.records.length) throw invalidLocator();
    cursor.lastUsed = this.now();
    return this.page(cursor, offset, batchSize, cursor.records.length);
  }

  /** Open cursors, for tests and diagnostics. */
  get size(): number {
    return this.cursors.size;
  }

  private page(cursor: Cursor, offset: number, batchSize: number, totalSize: number): QueryPage {
    const end = Math.min(offset + batchSize, cursor.records.length);
    const records = cursor.records.slice(offset, end);
    if (end >= cursor.records.length) {
      this.release(cursor);
      return { totalSize, done: true, records };
    }
    return { totalSize, done: false, records, nextLocator: `${cursor.id}-${end}` };
  }

  private enforceCaps(userId: string, keep: string): void {
    const own = [...this.cursors.values()].filter((cursor) => cursor.userId === userId);
    for (const cursor of own.slice(0, Math.max(0, own.length - CURSORS_PER_USER))) {
      this.release(cursor);
    }
    for (const cursor of this.cursors.values()) {
      if (this.heldRows <= MAX_HELD_ROWS) break;
      if (cursor.id !== keep) this.release(cursor);
    }
  }

  private expire(): void {
    const now = this.now();
    for (const cursor of this.cursors.values()) {
      if (now - cursor.lastUsed >= CURSOR_IDLE_MS) this.release(cursor);
    }
  }

  private release(cursor: Cursor): void {
    if (this.cursors.delete(cursor.id)) this.heldRows -= cursor.records.length;
  }

  /** A random cursor Id, so that a locator from before a restart names no new cursor. */
  private newId(): string {
    for (;;) {
      const id = makeId(LOCATOR_PREFIX, randomInt(1, 2 ** 47));
      if (!this.cursors.has(id)) return id;
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }
}

function invalidLocator(): ReturnType<typeof restError> {
  return restError(
    400,
    'INVALID_QUERY_LOCATOR',
    'invalid query locator: it has expired, was released after its last batch, or belongs to another user; run the query again',
  );
}
