/**
 * The Async Events list's queries, through the org's SOQL: one page of rows by keyset (the sort
 * value and Name of the row the page starts after or before, never OFFSET, which the platform
 * caps at 2,000 rows), the counts by status, and the rows a live update names. The
 * `AFLO__AsyncEvent__c` indexes on (Timestamp, Name) and (Status, Timestamp, Name, IsDeleted)
 * keep the default views and the counts fast at 100,000 events.
 */
import type { FieldValue, QueryRecord } from '../../../emulator/apex-api.ts';
import type { Org } from '../../../emulator/org.ts';
import {
  ASYNC_EVENT,
  EVENT_STATUSES,
  filterConditions,
  type Cursor,
  type EventFilters,
} from './event-filters.ts';

/** Rows per page, as a Lightning list view loads them. */
export const PAGE_SIZE = 50;

const ROW_FIELDS =
  'Id, Name, AFLO__Timestamp__c, AFLO__ObjectType__c, AFLO__Direction__c, AFLO__Action__c, AFLO__Status__c, AFLO__Attempts__c, AFLO__RecordId__c, AFLO__ExternalId__c, AFLO__NextAttemptAt__c';

export interface EventPage {
  rows: QueryRecord[];
  hasNext: boolean;
  hasPrevious: boolean;
}

export type StatusCounts = Record<(typeof EVENT_STATUSES)[number] | 'All', number>;

/** One page of the list, in the filters' order. */
export function eventPage(org: Org, filters: EventFilters): EventPage {
  const { where, binds } = filterConditions(filters);
  const backwards = filters.cursor?.direction === 'before';
  if (filters.cursor !== undefined) {
    where.push(keysetCondition(filters, filters.cursor, binds));
  }

  // A page before a row is read in the opposite order, then turned around.
  const dir = (filters.dir === 'desc') !== backwards ? 'DESC' : 'ASC';
  const order =
    filters.sort.field === 'Name' ? `Name ${dir}` : `${filters.sort.field} ${dir}, Name ${dir}`;
  const soql = `SELECT ${ROW_FIELDS} FROM ${ASYNC_EVENT}${whereClause(where)} ORDER BY ${order} LIMIT ${PAGE_SIZE + 1}`;
  const found = org.query(soql, { binds }).records;

  const more = found.length > PAGE_SIZE;
  const rows = found.slice(0, PAGE_SIZE);
  if (backwards) rows.reverse();
  return {
    rows,
    hasNext: backwards ? true : more,
    hasPrevious: backwards ? more : filters.cursor !== undefined,
  };
}

/** How many events there are of each status, and in all. */
export function statusCounts(org: Org): StatusCounts {
  const counts = { All: 0, Pending: 0, Failed: 0, Processed: 0 };
  for (const status of EVENT_STATUSES) {
    counts[status] = org.query(
      `SELECT COUNT() FROM ${ASYNC_EVENT} WHERE AFLO__Status__c = :status`,
      { binds: { status } },
    ).totalSize;
  }
  // Status is a required picklist of these three values, so they add up to the whole log.
  counts.All = counts.Pending + counts.Failed + counts.Processed;
  return counts;
}

/** The events among `ids` that the filters show (for a live update of the list). */
export function matchingEvents(
  org: Org,
  filters: EventFilters,
  ids: readonly string[],
): QueryRecord[] {
  const { where, binds } = filterConditions(filters);
  where.push('Id IN :ids');
  binds.ids = [...ids];
  return org.query(`SELECT ${ROW_FIELDS} FROM ${ASYNC_EVENT}${whereClause(where)}`, { binds })
    .records;
}

/** The sort value of a row, for the cursor of the page after or before it. */
export function sortValueOf(filters: EventFilters, row: QueryRecord): FieldValue {
  return (row[filters.sort.field] ?? null) as FieldValue;
}

/** Rows after (or before) the cursor's row in the list's order, ties broken by Name. */
function keysetCondition(
  filters: EventFilters,
  cursor: Cursor,
  binds: Record<string, FieldValue | FieldValue[]>,
): string {
  // Reading down a descending list, or back up an ascending one, goes to smaller values.
  const smaller = (filters.dir === 'desc') !== (cursor.direction === 'before');
  const op = smaller ? '<' : '>';
  binds.keyName = cursor.name;
  if (filters.sort.field === 'Name') return `Name ${op} :keyName`;
  binds.keyValue = cursor.value;
  const field = filters.sort.field;
  return `(${field} ${op} :keyValue OR (${field} = :keyValue AND Name ${op} :keyName))`;
}

function whereClause(where: readonly string[]): string {
  return where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
}
