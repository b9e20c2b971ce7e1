/**
 * The console's Async Events list at scale: a temp-file org with N events (100,000 by default),
 * the web console on a loopback port in this process, and the median time of a whole page (HTTP,
 * SOQL, rendering) for the common views, beside two baselines measured in the same run: the
 * login page of the same server (HTTP and rendering, no data) and the page's rows read straight
 * from SQLite with a prepared statement.
 */
import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import { createConsole } from '../../cli/console/console-app.ts';
import { encodeCursor } from '../../cli/console/events/event-filters.ts';
import { silentLogger } from '../../emulator/logger.ts';
import { DEFAULT_USERNAME } from '../../emulator/org.ts';
import { SessionStore } from '../../emulator/rest/sessions.ts';
import { openBenchOrg } from './bench-server.ts';

export interface ConsoleListTimes {
  /** Median milliseconds of each view's page. */
  views: Array<{ view: string; ms: number }>;
  /** Median milliseconds of the login page. */
  loginMs: number;
  /** Median milliseconds of the first page's rows read straight from SQLite. */
  sqliteMs: number;
  seedSeconds: number;
}

const TYPES = ['Customer', 'Promotion', 'CustomerPromotion', 'ProductItem'];
const STATUSES = ['Processed', 'Processed', 'Processed', 'Processed', 'Failed', 'Pending'];
const ROUNDS = 15;

export async function consoleListTimes(db: string, events: number): Promise<ConsoleListTimes> {
  const org = await openBenchOrg(db);
  const started = performance.now();
  await seed(org, events);
  const seedSeconds = (performance.now() - started) / 1000;

  const sessions = new SessionStore(org.clock, { orgId: org.orgId() });
  const webConsole = createConsole({
    org,
    sessions,
    logger: silentLogger(),
    amberflo: { url: '', builtInFake: false },
  });
  const app = express();
  app.use(webConsole.router);
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { token } = sessions.create({ userId: org.userId(), username: DEFAULT_USERNAME });
  const cookie = `sid=${token}`;

  try {
    const middle = org.query(
      `SELECT Name, AFLO__Timestamp__c FROM AFLO__AsyncEvent__c ORDER BY AFLO__Timestamp__c DESC, Name DESC LIMIT 1 OFFSET 2000`,
    ).records[0];
    const after = encodeCursor(
      (middle?.AFLO__Timestamp__c ?? null) as Date | null,
      String(middle?.Name ?? ''),
    );
    const list = '/lightning/o/AFLO__AsyncEvent__c/list';
    const paths: Array<[string, string]> = [
      ['All, first page', list],
      ['All, the page after row 2,000', `${list}?after=${after}`],
      ['Failed', `${list}?filterName=Failed`],
      ['Outbound', `${list}?filterName=Outbound`],
      ['Customer', `${list}?filterName=Customer`],
      ['Today', `${list}?filterName=Today`],
      ['sorted by Attempts', `${list}?sort=attempts&dir=asc`],
      ['by record', `${list}?record=a03000000000001AAA`],
    ];
    const views = [];
    for (const [view, path] of paths)
      views.push({ view, ms: await medianMs(() => get(url, path, cookie)) });
    const loginMs = await medianMs(() => get(url, '/login', ''));
    return { views, loginMs, sqliteMs: sqliteFirstPageMs(org.db.name), seedSeconds };
  } finally {
    webConsole.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    org.close();
  }
}

/** Events of every type and status, a second apart, in transactions of 5,000 (the DML row cap). */
async function seed(org: Awaited<ReturnType<typeof openBenchOrg>>, events: number): Promise<void> {
  const start = Date.now() - events * 1000;
  for (let first = 0; first < events; first += 5000) {
    await org.run({ kind: 'system', allowsCallouts: false }, (tx) => {
      const records = [];
      for (let i = first; i < Math.min(events, first + 5000); i++) {
        records.push({
          attributes: { type: 'AFLO__AsyncEvent__c' },
          AFLO__ObjectType__c: TYPES[i % TYPES.length],
          AFLO__Direction__c: i % 3 === 0 ? 'Outbound' : 'Inbound',
          AFLO__Action__c: 'Updated',
          AFLO__Status__c: STATUSES[i % STATUSES.length],
          AFLO__Attempts__c: i % 4,
          AFLO__Timestamp__c: new Date(start + i * 1000),
          AFLO__ExternalId__c: `bench-${i}`,
          AFLO__Payload__c: '{}',
        });
      }
      org.dml.insert(tx, records, { system: true });
    });
  }
}

async function get(url: string, path: string, cookie: string): Promise<void> {
  const response = await fetch(`${url}${path}`, { headers: { cookie }, redirect: 'manual' });
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  await response.text();
}

async function medianMs(work: () => Promise<void>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

/** The first page's 51 rows (the list's columns, its order) read with better-sqlite3. */
function sqliteFirstPageMs(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const statement = db.prepare(
      'SELECT "Id", "Name", "AFLO__Timestamp__c", "AFLO__ObjectType__c", "AFLO__Direction__c", "AFLO__Action__c", "AFLO__Status__c", "AFLO__Attempts__c", "AFLO__RecordId__c", "AFLO__ExternalId__c", "AFLO__NextAttemptAt__c" FROM "AFLO__AsyncEvent__c" WHERE "IsDeleted" IS NOT 1 ORDER BY "AFLO__Timestamp__c" DESC, "Name" DESC LIMIT 51',
    );
    statement.all();
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      statement.all();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? 0;
  } finally {
    db.close();
  }
}
