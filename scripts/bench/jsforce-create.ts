/**
 * jsforce create throughput while the queues drain: C jsforce connections, each creating its
 * share of N customers one by one through the REST API on loopback, while the background runner
 * exports the outbound event each create writes to a fake Amberflo on loopback (a lookup and a
 * POST per customer). Beside it, in the same run, the same creates made in process (org.run and
 * Database.insert, one record per transaction, one after another) on a fresh org with no runner.
 */
import { join } from 'node:path';
import { Database, sobject } from '../../emulator/apex-api.ts';
import type { Org } from '../../emulator/org.ts';
import { DEFAULT_API_KEY, startFakeAmberflo } from '../../fixtures/amberflo/index.ts';
import { openBenchOrg, startBenchServer, type BenchServer } from './bench-server.ts';

const EMPTY = { customers: [], promotions: [], customerPromotions: [], productItems: [] };
const PROCESSED =
  "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Direction__c = 'Outbound' AND AFLO__Status__c = 'Processed'";
// Far more than a drain of the default sizes takes; a stuck drain fails the bench instead.
const DRAIN_TIMEOUT_MS = 10 * 60 * 1000;

export interface CreateRates {
  /** Creates per second of all clients together, through jsforce and the REST API. */
  jsforce: number;
  /** Creates per second in process, one transaction each, sequentially, no runner. */
  inProcess: number;
  /** Outbound events Processed when the last create had answered. */
  processedAtEnd: number;
  /** Seconds from the last create's answer until every outbound event was Processed. */
  drainSeconds: number;
}

/** Both rates for `creates` customers in all, from `clients` connections; orgs made in `dir`. */
export async function jsforceCreateRates(
  dir: string,
  clients: number,
  creates: number,
): Promise<CreateRates> {
  const inProcess = await inProcessRate(join(dir, 'create-baseline.db'), creates);
  const served = await servedRate(join(dir, 'create-served.db'), clients, creates);
  return { inProcess, ...served };
}

/** The customer `n` of the bench: a name and an Amberflo id, as a user would create it. */
function customerFields(n: number): { Name: string; AFLO__CustomerId__c: string } {
  return { Name: `Bench Customer ${n}`, AFLO__CustomerId__c: `bench-customer-${n}` };
}

async function inProcessRate(db: string, creates: number): Promise<number> {
  const org = await openBenchOrg(db);
  try {
    const started = performance.now();
    for (let n = 0; n < creates; n++) {
      await org.run({ kind: 'api', allowsCallouts: false }, () =>
        Database.insert([sobject('AFLO__Customer__c', customerFields(n))]),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    expectOutboundEvents(org, creates);
    return creates / seconds;
  } finally {
    org.close();
  }
}

async function servedRate(
  db: string,
  clients: number,
  creates: number,
): Promise<Omit<CreateRates, 'inProcess'>> {
  const fake = await startFakeAmberflo({ data: EMPTY });
  try {
    const org = await openBenchOrg(db);
    org.overrides.set('AFLO.baseUrl', fake.url);
    org.overrides.set('AFLO.apiKey', DEFAULT_API_KEY);
    const server = await startBenchServer(org, { runner: true });
    try {
      return await createWhileDraining(server, clients, creates);
    } finally {
      await server.close();
    }
  } finally {
    await fake.close();
  }
}

async function createWhileDraining(
  server: BenchServer,
  clients: number,
  creates: number,
): Promise<Omit<CreateRates, 'inProcess'>> {
  const { org } = server;
  const connections = await Promise.all(Array.from({ length: clients }, () => server.connect()));
  const drained = drainedAt(org, creates);

  const started = performance.now();
  await Promise.all(
    connections.map(async (conn, client) => {
      for (let n = client; n < creates; n += clients) {
        const result = await conn.sobject('AFLO__Customer__c').create(customerFields(n));
        if (!result.success) throw new Error(`create ${n} failed: ${JSON.stringify(result)}`);
      }
    }),
  );
  const createdAt = performance.now();
  const processedAtEnd = org.query(PROCESSED).totalSize;
  const drainEnd = await drained;

  expectOutboundEvents(org, creates);
  return {
    jsforce: creates / ((createdAt - started) / 1000),
    processedAtEnd,
    drainSeconds: Math.max(0, drainEnd - createdAt) / 1000,
  };
}

/** Resolves with `performance.now()` at the first job end that leaves `total` events Processed. */
function drainedAt(org: Org, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      org.events.off('job:finished', onFinished);
      const processed = org.query(PROCESSED).totalSize;
      reject(new Error(`${processed} of ${total} outbound events Processed after 10 minutes`));
    }, DRAIN_TIMEOUT_MS);
    timer.unref();
    const onFinished = (): void => {
      if (org.query(PROCESSED).totalSize < total) return;
      clearTimeout(timer);
      org.events.off('job:finished', onFinished);
      resolve(performance.now());
    };
    org.events.on('job:finished', onFinished);
  });
}

/** Each create wrote exactly one outbound event. */
function expectOutboundEvents(org: Org, creates: number): void {
  const events = org.query(
    "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Direction__c = 'Outbound'",
  ).totalSize;
  if (events !== creates) throw new Error(`${creates} creates wrote ${events} outbound events`);
}
