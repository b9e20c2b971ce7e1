/**
 * The Async Events list view's URL, read and written: the predefined list view (`filterName`),
 * the extra filters (action, record, date range), the sort and the page. Everything the page
 * shows comes from its URL, so any view can be bookmarked and reloaded. A bad value is an error
 * for its field of the filter form, and the filter is left out rather than guessed.
 *
 * Dates are days in UTC (the default user's time zone, GMT; see docs/fidelity.md).
 */
import { AFLO_OBJECT_TYPES } from '../../../aflo/mapping/index.ts';
import type { FieldValue } from '../../../emulator/apex-api.ts';
import { toId18 } from '../../../emulator/ids.ts';

export const ASYNC_EVENT = 'AFLO__AsyncEvent__c';
export const EVENT_LIST_PATH = `/lightning/o/${ASYNC_EVENT}/list`;
export const EVENT_STATUSES = ['Pending', 'Failed', 'Processed'] as const;
export const EVENT_ACTIONS = ['Created', 'Updated', 'Deleted'] as const;

/** The predefined list views: name in the URL, label, and the SOQL condition each adds. */
export const LIST_VIEWS = [
  { name: 'All', label: 'All', where: undefined },
  ...EVENT_STATUSES.map((status) => ({
    name: status,
    label: status,
    where: { field: 'AFLO__Status__c', value: status },
  })),
  ...(['Inbound', 'Outbound'] as const).map((direction) => ({
    name: direction,
    label: direction,
    where: { field: 'AFLO__Direction__c', value: direction },
  })),
  { name: 'Today', label: 'Today', where: 'TODAY' as const },
  ...AFLO_OBJECT_TYPES.map((type) => ({
    name: type,
    label: type.replace(/([a-z])([A-Z])/g, '$1 $2'),
    where: { field: 'AFLO__ObjectType__c', value: type },
  })),
] as const;

/** The sortable columns: key in the URL, label, field. */
export const SORT_COLUMNS = [
  { key: 'name', label: 'Name', field: 'Name' },
  { key: 'timestamp', label: 'Timestamp', field: 'AFLO__Timestamp__c' },
  { key: 'objectType', label: 'Object Type', field: 'AFLO__ObjectType__c' },
  { key: 'direction', label: 'Direction', field: 'AFLO__Direction__c' },
  { key: 'action', label: 'Action', field: 'AFLO__Action__c' },
  { key: 'status', label: 'Status', field: 'AFLO__Status__c' },
  { key: 'attempts', label: 'Attempts', field: 'AFLO__Attempts__c' },
] as const;

export type SortColumn = (typeof SORT_COLUMNS)[number];
export type ListView = (typeof LIST_VIEWS)[number];

/** Where a page starts: after or before a row, by its sort value and Name. */
export interface Cursor {
  direction: 'after' | 'before';
  value: FieldValue;
  name: string;
}

export interface EventFilters {
  view: ListView;
  action: string;
  record: string;
  from: string;
  to: string;
  sort: SortColumn;
  dir: 'asc' | 'desc';
  cursor?: Cursor;
  /** Messages by form field (`action`, `record`, `from`, `to`, `page`). */
  errors: Map<string, string>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the filters from the query string; bad values become errors and are dropped. */
export function parseFilters(query: Record<string, unknown>): EventFilters {
  const text = (name: string): string => (typeof query[name] === 'string' ? query[name] : '');
  const errors = new Map<string, string>();

  const view =
    LIST_VIEWS.find((candidate) => candidate.name === text('filterName')) ?? LIST_VIEWS[0];
  const sort = SORT_COLUMNS.find((column) => column.key === text('sort')) ?? SORT_COLUMNS[1];
  const dir = text('dir') === 'asc' ? 'asc' : 'desc';

  let action = text('action');
  if (action !== '' && !(EVENT_ACTIONS as readonly string[]).includes(action)) {
    errors.set('action', `Action must be one of ${EVENT_ACTIONS.join(', ')}`);
    action = '';
  }
  let record = text('record').trim();
  if (record.length > 255) {
    errors.set('record', 'Record: enter a record Id or an Amberflo id of at most 255 characters');
    record = '';
  }
  const from = day(text('from'), 'from', 'From', errors);
  const to = day(text('to'), 'to', 'To', errors);
  if (from !== '' && to !== '' && from > to) errors.set('to', 'To must be on or after From');

  const cursor = parseCursor(text('after'), text('before'), sort, errors);
  return {
    view,
    action,
    record,
    from,
    to: errors.has('to') ? '' : to,
    sort,
    dir,
    ...(cursor === undefined ? {} : { cursor }),
    errors,
  };
}

function day(value: string, key: string, label: string, errors: Map<string, string>): string {
  if (value === '') return '';
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!DAY.test(value) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) {
    errors.set(key, `${label}: enter a date as YYYY-MM-DD`);
    return '';
  }
  return value;
}

/** The SOQL conditions and binds of the filters (not of the page). */
export function filterConditions(filters: EventFilters): {
  where: string[];
  binds: Record<string, FieldValue | FieldValue[]>;
} {
  // Bind names avoid SOQL's keywords (`:from` does not parse).
  const where: string[] = [];
  const binds: Record<string, FieldValue | FieldValue[]> = {};
  const { view } = filters;
  if (view.where === 'TODAY') where.push('AFLO__Timestamp__c = TODAY');
  else if (view.where !== undefined) {
    where.push(`${view.where.field} = :viewValue`);
    binds.viewValue = view.where.value;
  }
  if (filters.action !== '') {
    where.push('AFLO__Action__c = :actionValue');
    binds.actionValue = filters.action;
  }
  if (filters.record !== '') {
    // An Amberflo id is looked up with its type, so the (type, Amberflo id) index serves it.
    const recordId = toId18(filters.record);
    const external = 'AFLO__ObjectType__c IN :types AND AFLO__ExternalId__c = :external';
    where.push(
      recordId === undefined ? external : `(AFLO__RecordId__c = :recordId OR (${external}))`,
    );
    binds.types = [...AFLO_OBJECT_TYPES];
    binds.external = filters.record;
    if (recordId !== undefined) binds.recordId = recordId;
  }
  if (filters.from !== '') {
    where.push('AFLO__Timestamp__c >= :fromTime');
    binds.fromTime = new Date(`${filters.from}T00:00:00Z`);
  }
  if (filters.to !== '') {
    where.push('AFLO__Timestamp__c < :untilTime');
    binds.untilTime = new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000);
  }
  return { where, binds };
}

/** The list URL with these filters, changed by `changes` (an empty value drops a parameter). */
export function listUrl(filters: EventFilters, changes: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  const current: Record<string, string> = {
    filterName: filters.view.name === 'All' ? '' : filters.view.name,
    action: filters.action,
    record: filters.record,
    from: filters.from,
    to: filters.to,
    sort: filters.sort.key === 'timestamp' ? '' : filters.sort.key,
    dir: filters.dir === 'desc' ? '' : filters.dir,
    ...changes,
  };
  for (const [key, value] of Object.entries(current)) if (value !== '') params.set(key, value);
  const query = params.toString();
  return query === '' ? EVENT_LIST_PATH : `${EVENT_LIST_PATH}?${query}`;
}

/** The `after`/`before` value of a row: its sort value and Name, as base64url JSON. */
export function encodeCursor(value: FieldValue, name: string): string {
  const shown = value instanceof Date ? value.toISOString() : value;
  return Buffer.from(JSON.stringify([shown, name])).toString('base64url');
}

function parseCursor(
  after: string,
  before: string,
  sort: SortColumn,
  errors: Map<string, string>,
): Cursor | undefined {
  const encoded = after !== '' ? after : before;
  if (encoded === '') return undefined;
  const direction = after !== '' ? 'after' : 'before';
  try {
    const decoded: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[1] === 'string') {
      const value = sortValue(sort, decoded[0]);
      if (value !== undefined) return { direction, value, name: decoded[1] };
    }
  } catch {
    // reported below
  }
  errors.set('page', 'The page in this link is not one this list made; showing the first page.');
  return undefined;
}

function sortValue(sort: SortColumn, raw: unknown): FieldValue | undefined {
  if (sort.key === 'timestamp') {
    const ms = typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  if (sort.key === 'attempts') return typeof raw === 'number' ? raw : undefined;
  return typeof raw === 'string' ? raw : undefined;
}
