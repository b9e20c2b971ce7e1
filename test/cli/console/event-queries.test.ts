/**
 * The Async Events list's queries on a real org: keyset pages in every order reach every event
 * exactly once, forwards and backwards, ties on the sort value broken by Name; the filters pick
 * what their names say; the counts add up.
 */
import { describe, expect, it } from 'vitest';
import { afloPackage } from '../../../aflo/package.ts';
import type { Org } from '../../../emulator/org.ts';
import {
  encodeCursor,
  parseFilters,
  type EventFilters,
} from '../../../cli/console/events/event-filters.ts';
import {
  eventPage,
  matchingEvents,
  PAGE_SIZE,
  sortValueOf,
  statusCounts,
} from '../../../cli/console/events/event-queries.ts';
import { openTestOrg } from '../../support/test-org.ts';

const TYPES = ['Customer', 'Promotion', 'CustomerPromotion', 'ProductItem'];
const STATUSES = ['Processed', 'Pending', 'Failed'];
const ACTIONS = ['Created', 'Updated', 'Deleted'];

/** `count` events, three to a timestamp (so sorts have ties), a minute apart from 2026-01-01. */
async function writeEvents(org: Org, count: number): Promise<void> {
  await org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
    const records = Array.from({ length: count }, (_, i) => ({
      attributes: { type: 'AFLO__AsyncEvent__c' },
      AFLO__ObjectType__c: TYPES[i % 4],
      AFLO__Direction__c: i % 2 === 0 ? 'Inbound' : 'Outbound',
      AFLO__Action__c: ACTIONS[i % 3],
      AFLO__Status__c: STATUSES[i % 3],
      AFLO__Attempts__c: i % 5,
      AFLO__Timestamp__c: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 60_000),
      AFLO__RecordId__c: i % 4 === 0 ? `a03${String(i).padStart(12, '0')}AAA` : null,
      AFLO__ExternalId__c: `ext-${i}`,
    }));
    org.dml.insert(tx, records, { system: true });
  });
}

/** The list's pages, one after the other with the Next cursor: each page's filters and names. */
function pagesForward(
  org: Org,
  query: Record<string, string>,
): Array<{ filters: EventFilters; names: string[] }> {
  const pages: Array<{ filters: EventFilters; names: string[] }> = [];
  let filters = parseFilters(query);
  for (;;) {
    const page = eventPage(org, filters);
    pages.push({ filters, names: page.rows.map((row) => String(row.Name)) });
    const last = page.rows[page.rows.length - 1];
    if (!page.hasNext || last === undefined) return pages;
    filters = parseFilters({
      ...query,
      after: encodeCursor(sortValueOf(filters, last), String(last.Name)),
    });
  }
}

/** The names on every page, from `from` back to the first page with the Previous cursor. */
function namesBackward(org: Org, query: Record<string, string>, from: EventFilters): string[] {
  const pages: string[][] = [];
  let filters = from;
  for (;;) {
    const page = eventPage(org, filters);
    pages.unshift(page.rows.map((row) => String(row.Name)));
    const first = page.rows[0];
    if (!page.hasPrevious || first === undefined) return pages.flat();
    filters = parseFilters({
      ...query,
      before: encodeCursor(sortValueOf(filters, first), String(first.Name)),
    });
  }
}

function walkForward(org: Org, query: Record<string, string>): string[] {
  return pagesForward(org, query).flatMap((page) => page.names);
}

describe('the Async Events list queries', () => {
  it('pages through every event once in each sortable order, forwards and backwards', async () => {
    const { org } = await openTestOrg({ packages: [afloPackage()] });
    await writeEvents(org, 2 * PAGE_SIZE + 7);
    const all = org
      .query('SELECT Name FROM AFLO__AsyncEvent__c')
      .records.map((row) => String(row.Name));

    for (const sort of [
      'name',
      'timestamp',
      'objectType',
      'direction',
      'action',
      'status',
      'attempts',
    ]) {
      for (const dir of ['asc', 'desc']) {
        const query = { sort, dir };
        const pages = pagesForward(org, query);
        const forward = pages.flatMap((page) => page.names);
        expect(
          pages.map((page) => page.names.length),
          `${sort} ${dir}`,
        ).toEqual([PAGE_SIZE, PAGE_SIZE, 7]);
        expect([...forward].sort()).toEqual([...all].sort());

        const lastPage = pages[pages.length - 1];
        expect(
          namesBackward(org, query, lastPage?.filters ?? parseFilters(query)),
          `${sort} ${dir} backwards`,
        ).toEqual(forward);
      }
    }
  });

  it('orders by the column, then by Name in the same direction', async () => {
    const { org } = await openTestOrg({ packages: [afloPackage()] });
    await writeEvents(org, 30);

    const rows = eventPage(org, parseFilters({ sort: 'attempts', dir: 'asc' })).rows;

    const keys = rows.map((row) => [Number(row.AFLO__Attempts__c), String(row.Name)] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
    expect(keys).toEqual(sorted);
  });

  it('filters by list view, action, record and date range', async () => {
    const { org } = await openTestOrg({ packages: [afloPackage()] });
    await writeEvents(org, 60);
    const count = (query: Record<string, string>): number => walkForward(org, query).length;

    expect(count({})).toBe(60);
    expect(count({ filterName: 'Failed' })).toBe(20);
    expect(count({ filterName: 'Outbound' })).toBe(30);
    expect(count({ filterName: 'CustomerPromotion' })).toBe(15);
    // Status and action both go by the event's position modulo 3: Pending ones are Updated.
    expect(count({ filterName: 'Pending', action: 'Updated' })).toBe(20);
    expect(count({ filterName: 'Pending', action: 'Created' })).toBe(0);
    expect(count({ record: 'a03000000000004AAA' })).toBe(1);
    expect(count({ record: 'a03000000000004' })).toBe(1);
    expect(count({ record: 'ext-7' })).toBe(1);
    expect(count({ record: 'no-such-record' })).toBe(0);
    // Timestamps are three to a minute from 2026-01-01T00:00Z: all 60 fall on that day.
    expect(count({ from: '2026-01-01', to: '2026-01-01' })).toBe(60);
    expect(count({ from: '2026-01-02' })).toBe(0);
    // The test org's clock stands at 2026-01-01T00:00Z.
    expect(count({ filterName: 'Today' })).toBe(60);
    expect(count({ to: '2025-12-31' })).toBe(0);
  });

  it('reports bad filter values on their fields and leaves those filters out', () => {
    const filters = parseFilters({
      action: 'Exploded',
      from: '2026-02-30',
      to: 'yesterday',
      after: 'garbage',
    });

    expect(Object.fromEntries(filters.errors)).toEqual({
      action: 'Action must be one of Created, Updated, Deleted',
      from: 'From: enter a date as YYYY-MM-DD',
      to: 'To: enter a date as YYYY-MM-DD',
      page: 'The page in this link is not one this list made; showing the first page.',
    });
    expect([filters.action, filters.from, filters.to, filters.cursor]).toEqual([
      '',
      '',
      '',
      undefined,
    ]);
    expect(
      Object.fromEntries(parseFilters({ from: '2026-03-02', to: '2026-03-01' }).errors),
    ).toEqual({
      to: 'To must be on or after From',
    });
  });

  it('counts events by status, and finds which of the written ones a view shows', async () => {
    const { org } = await openTestOrg({ packages: [afloPackage()] });
    await writeEvents(org, 9);
    const ids = org
      .query('SELECT Id FROM AFLO__AsyncEvent__c')
      .records.map((row) => String(row.Id));

    expect(statusCounts(org)).toEqual({ All: 9, Pending: 3, Failed: 3, Processed: 3 });
    expect(
      matchingEvents(org, parseFilters({ filterName: 'Failed' }), ids).map(
        (row) => row.AFLO__Status__c,
      ),
    ).toEqual(['Failed', 'Failed', 'Failed']);
  });
});
