/**
 * A jsforce query of N customers through queryMore (`autoFetch`, 2,000 rows a batch, so N / 2,000
 * round trips) against the REST API on loopback, beside a better-sqlite3 `SELECT` of the same
 * columns from the same database file in the same run. Both give rows per second; their ratio is
 * what the SOQL compiler, the wire mapping, the cursor, HTTP and jsforce cost together.
 */
import BetterSqlite from 'better-sqlite3';
import { withoutExport } from '../../aflo/events/export-guard.ts';
import { Database, sobject } from '../../emulator/apex-api.ts';
import type { Org } from '../../emulator/org.ts';
import { openBenchOrg, startBenchServer } from './bench-server.ts';

const FIELDS = [
  'Id',
  'Name',
  'AFLO__CustomerId__c',
  'AFLO__CustomerEmail__c',
  'AFLO__Enabled__c',
  'AFLO__LifecycleStage__c',
  'AFLO__CreateTime__c',
] as const;
const SOQL = `SELECT ${FIELDS.join(', ')} FROM AFLO__Customer__c`;
// What the SOQL compiler leaves out: records in the recycle bin.
const SQL = `SELECT ${FIELDS.map((f) => `"${f}"`).join(', ')} FROM "AFLO__Customer__c" WHERE "IsDeleted" IS NOT 1`;

// One transaction may write at most 10,000 DML rows.
const SEED_CHUNK = 5000;

export interface QueryRates {
  /** Rows per second through jsforce and the REST API. */
  jsforce: number;
  /** Rows per second of a better-sqlite3 SELECT of the same columns from the same file. */
  sqlite: number;
  /** Seconds the seeding took (not part of either rate). */
  seedSeconds: number;
}

/** Seeds `rows` customers in a new org at `db` (a file), then reads them both ways. */
export async function jsforceQueryRates(db: string, rows: number): Promise<QueryRates> {
  const org = await openBenchOrg(db);
  const seedStarted = performance.now();
  try {
    await seedCustomers(org, rows);
  } catch (error) {
    org.close();
    throw error;
  }
  const seedSeconds = (performance.now() - seedStarted) / 1000;

  const server = await startBenchServer(org);
  try {
    const conn = await server.connect();
    const started = performance.now();
    const result = await conn.query(SOQL).run({ autoFetch: true, maxFetch: rows });
    const seconds = (performance.now() - started) / 1000;
    if (result.records.length !== rows) {
      throw new Error(`jsforce fetched ${result.records.length} of ${rows} customers`);
    }
    return { jsforce: rows / seconds, sqlite: sqliteRate(db, rows), seedSeconds };
  } finally {
    await server.close();
  }
}

/** N customers, written with the export guard on, so no outbound event is written. */
async function seedCustomers(org: Org, rows: number): Promise<void> {
  const createTime = new Date('2026-01-15T09:30:00Z');
  for (let first = 0; first < rows; first += SEED_CHUNK) {
    const count = Math.min(SEED_CHUNK, rows - first);
    const records = Array.from({ length: count }, (_, i) => {
      const n = first + i;
      return sobject('AFLO__Customer__c', {
        Name: `Bench Customer ${n}`,
        AFLO__CustomerId__c: `bench-customer-${n}`,
        AFLO__CustomerEmail__c: `customer${n}@bench.example`,
        AFLO__Enabled__c: n % 10 !== 0,
        AFLO__LifecycleStage__c: 'ACTIVE',
        AFLO__CreateTime__c: createTime,
      });
    });
    await org.run({ kind: 'anonymous', allowsCallouts: false }, () =>
      withoutExport(() => Database.insert(records)),
    );
  }
  const events = org.query('SELECT COUNT() FROM AFLO__AsyncEvent__c').totalSize;
  if (events !== 0) throw new Error(`seeding wrote ${events} async events; expected none`);
}

/** Rows per second of reading every row through a new read-only connection to the file. */
function sqliteRate(db: string, rows: number): number {
  const connection = new BetterSqlite(db, { readonly: true });
  try {
    const started = performance.now();
    const read = connection.prepare(SQL).all();
    const seconds = (performance.now() - started) / 1000;
    if (read.length !== rows) throw new Error(`SQLite read ${read.length} of ${rows} customers`);
    return rows / seconds;
  } finally {
    connection.close();
  }
}
