/**
 * Expectations on the org: async events, Apex jobs and SOQL counts. A count that is off comes
 * with what there is instead: the same records by status, and the first failure's error.
 */
import type { Org } from '../../emulator/org.ts';
import { describeFailure } from '../errors.ts';
import {
  EVENT_STATUSES,
  JOB_STATUSES,
  type EventExpectation,
  type JobExpectation,
  type QueryExpectation,
} from './expectation-schema.ts';
import { show } from './partial-match.ts';
import type { RecordNames } from './record-names.ts';
import type { ExpectationResult } from './results.ts';

/** A WHERE clause as conditions and their binds, so that a status condition can be added. */
interface Filter {
  conditions: string[];
  binds: Record<string, string | string[]>;
}

/** An sObject type whose records are counted by status: async events and Apex jobs. */
interface CountedType {
  type: string;
  statusField: string;
  statuses: readonly string[];
  /** The field naming a failed record and the one holding its error, for the first failure. */
  nameField: string;
  errorField: string;
  oldestFirst: string;
}

const EVENTS: CountedType = {
  type: 'AFLO__AsyncEvent__c',
  statusField: 'AFLO__Status__c',
  statuses: EVENT_STATUSES,
  nameField: 'Name',
  errorField: 'AFLO__Error__c',
  oldestFirst: 'AFLO__Timestamp__c, Name',
};

const JOBS: CountedType = {
  type: 'AsyncApexJob',
  statusField: 'Status',
  statuses: JOB_STATUSES,
  nameField: 'Id',
  errorField: 'ExtendedStatus',
  oldestFirst: 'CreatedDate, Id',
};

/** `count` omitted means at least one. */
export function compareCount(expected: number | undefined, actual: number): boolean {
  return expected === undefined ? actual >= 1 : actual === expected;
}

/** `expected 200, got 187`, or just `187` when they agree. */
export function describeCount(expected: number | undefined, actual: number): string {
  if (compareCount(expected, actual)) return String(actual);
  return `expected ${expected === undefined ? 'at least 1' : expected}, got ${actual}`;
}

/** Async events matching every filter given (`record` by the Ids of a name). */
export function checkEvents(
  org: Org,
  expectation: EventExpectation,
  names: RecordNames,
): ExpectationResult {
  const { objectType, direction, action, status, record } = expectation;
  const words = [direction, objectType, action, status].filter((word) => word !== undefined);
  const of = record === undefined ? '' : ` of ${record}`;
  const label = `events ${words.length === 0 ? '(any)' : words.join(' ')}${of}`;

  const filter: Filter = { conditions: [], binds: {} };
  const add = (field: string, value: string | undefined) => {
    if (value === undefined) return;
    const bind = `b${filter.conditions.length}`;
    filter.conditions.push(`${field} = :${bind}`);
    filter.binds[bind] = value;
  };
  add('AFLO__ObjectType__c', objectType);
  add('AFLO__Direction__c', direction);
  add('AFLO__Action__c', action);
  if (record !== undefined) {
    filter.conditions.push('AFLO__RecordId__c IN :recordIds');
    filter.binds.recordIds = names.get(record.slice(1)).ids;
  }

  return checkCount(org, EVENTS, { label, filter, status, expected: expectation.count });
}

/** AsyncApexJob rows of a class (`AFLO.AsyncEventQueueable`), job type and status. */
export function checkJobs(org: Org, expectation: JobExpectation): ExpectationResult {
  const { status } = expectation;
  const words = [expectation.class, expectation.jobType, status].filter(
    (word) => word !== undefined,
  );
  const label = `jobs ${words.length === 0 ? '(any)' : words.join(' ')}`;

  const filter: Filter = { conditions: [], binds: {} };
  if (expectation.class !== undefined) {
    const apexClass = classFilter(expectation.class);
    if (count(org, 'ApexClass', apexClass) === 0)
      return {
        label,
        ok: false,
        detail: `no Apex class ${expectation.class} in the org (name it with its namespace, e.g. AFLO.AsyncEventQueueable)`,
      };
    filter.conditions.push(...apexClass.conditions.map((condition) => `ApexClass.${condition}`));
    Object.assign(filter.binds, apexClass.binds);
  }
  if (expectation.jobType !== undefined) {
    filter.conditions.push('JobType = :jobType');
    filter.binds.jobType = expectation.jobType;
  }

  return checkCount(org, JOBS, { label, filter, status, expected: expectation.count });
}

/** A SOQL query's totalSize; a query the org refuses fails with its error. */
export function checkQuery(org: Org, expectation: QueryExpectation): ExpectationResult {
  const label = `query ${expectation.soql}`;
  try {
    const actual = org.query(expectation.soql).totalSize;
    return {
      label,
      ok: actual === expectation.count,
      detail: describeCount(expectation.count, actual),
    };
  } catch (error) {
    return { label, ok: false, detail: describeFailure(error).line };
  }
}

/** Counts the records; when the count is off, adds their statuses and the first failure. */
function checkCount(
  org: Org,
  counted: CountedType,
  check: { label: string; filter: Filter; status: string | undefined; expected?: number },
): ExpectationResult {
  const { label, filter, status, expected } = check;
  const actual = count(org, counted.type, withStatus(filter, counted.statusField, status));
  const detail = describeCount(expected, actual);
  if (compareCount(expected, actual)) return { label, ok: true, detail };

  const failed = withStatus(filter, counted.statusField, 'Failed');
  const select = `SELECT ${counted.nameField}, ${counted.errorField} FROM ${counted.type}`;
  const [first] = org.query(`${select} ${where(failed)} ORDER BY ${counted.oldestFirst} LIMIT 1`, {
    binds: failed.binds,
  }).records;
  const error = first === undefined ? '' : show(first[counted.errorField], 160);
  const failure =
    first === undefined ? '' : `; first Failed ${String(first[counted.nameField])}: ${error}`;
  return { label, ok: false, detail: `${detail} (${byStatus(org, counted, filter)}${failure})` };
}

/** `AFLO.AsyncEventQueueable` as conditions on ApexClass; no namespace is a null prefix. */
function classFilter(apexName: string): Filter {
  const dot = apexName.indexOf('.');
  const className = apexName.slice(dot + 1);
  if (dot === -1)
    return { conditions: ['Name = :className', 'NamespacePrefix = null'], binds: { className } };
  return {
    conditions: ['Name = :className', 'NamespacePrefix = :namespace'],
    binds: { className, namespace: apexName.slice(0, dot) },
  };
}

function withStatus(filter: Filter, field: string, status: string | undefined): Filter {
  if (status === undefined) return filter;
  return {
    conditions: [...filter.conditions, `${field} = :status`],
    binds: { ...filter.binds, status },
  };
}

function where(filter: Filter): string {
  return filter.conditions.length === 0 ? '' : `WHERE ${filter.conditions.join(' AND ')}`;
}

function count(org: Org, type: string, filter: Filter): number {
  return org.query(`SELECT COUNT() FROM ${type} ${where(filter)}`, { binds: filter.binds })
    .totalSize;
}

/** `by status: 187 Processed, 13 Failed`, or `there are none` when no status has any. */
function byStatus(org: Org, counted: CountedType, filter: Filter): string {
  const parts = counted.statuses.flatMap((status) => {
    const n = count(org, counted.type, withStatus(filter, counted.statusField, status));
    return n === 0 ? [] : [`${n} ${status}`];
  });
  return parts.length === 0 ? 'there are none' : `by status: ${parts.join(', ')}`;
}
