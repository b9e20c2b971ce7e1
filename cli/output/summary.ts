/**
 * The summary printed after a run: async events by object type × status, AsyncApexJob rows by
 * status, and the record count of each AFLO object. Counts come from SOQL COUNT() queries.
 */
import Table from 'cli-table3';
import type { Org } from '../../emulator/org.ts';

const EVENT_TYPES = ['Customer', 'Promotion', 'CustomerPromotion', 'ProductItem'] as const;
const EVENT_STATUSES = ['Pending', 'Failed', 'Processed'] as const;
const JOB_STATUSES = ['Queued', 'Processing', 'Completed', 'Failed', 'Aborted'] as const;
const AFLO_OBJECTS = [
  'AFLO__Customer__c',
  'AFLO__Promotion__c',
  'AFLO__CustomerPromotion__c',
  'AFLO__ProductItem__c',
  'AFLO__AsyncEvent__c',
] as const;

function count(org: Org, soql: string, binds: Record<string, string> = {}): number {
  return org.query(soql, { binds }).totalSize;
}

export function renderSummary(org: Org): string {
  const events = new Table({
    head: ['Async events', ...EVENT_STATUSES, 'Total'],
    style: { head: [], border: [] },
  });
  for (const objectType of EVENT_TYPES) {
    const counts = EVENT_STATUSES.map((status) =>
      count(
        org,
        'SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__ObjectType__c = :objectType AND AFLO__Status__c = :status',
        { objectType, status },
      ),
    );
    events.push([objectType, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))]);
  }

  const jobs = new Table({
    head: ['AsyncApexJob', ...JOB_STATUSES],
    style: { head: [], border: [] },
  });
  jobs.push([
    'rows',
    ...JOB_STATUSES.map((status) =>
      String(count(org, 'SELECT COUNT() FROM AsyncApexJob WHERE Status = :status', { status })),
    ),
  ]);

  const records = new Table({ head: ['AFLO object', 'Records'], style: { head: [], border: [] } });
  for (const name of AFLO_OBJECTS)
    records.push([name, String(count(org, `SELECT COUNT() FROM ${name}`))]);

  return [events.toString(), jobs.toString(), records.toString()].join('\n');
}
