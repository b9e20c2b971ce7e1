/**
 * `npm run bench`: each figure printed beside a baseline measured in the same run, as a ratio,
 * since machines here are noisy. Not a test: nothing here asserts a time.
 *
 *   node --import tsx scripts/bench/run.ts [--sizes 1000,10000] [--outbound 500]
 *     [--query-rows 50000] [--clients 8] [--creates 2000] [--console-events 100000]
 *
 * `--query-rows`: customers the jsforce query reads through queryMore; `--clients`: jsforce
 * connections creating at once; `--creates`: customers they create in all (shared evenly);
 * `--console-events`: async events behind the web console's list pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH_SIZE } from '../../emulator/rest/query-routes.ts';
import { drainInboundRate } from './drain-inbound.ts';
import {
  customersCase,
  drainOutboundRate,
  productItemsCase,
  promotionsCase,
  rawHttpRate,
} from './drain-outbound.ts';
import { jsforceCreateRates } from './jsforce-create.ts';
import { jsforceQueryRates } from './jsforce-query.ts';
import { consoleListTimes } from './console-list.ts';
import { rawBookkeepingRate } from './raw-bookkeeping.ts';
import { syncWall } from './sync-wall.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    outbound: { type: 'string', default: '500' },
    'query-rows': { type: 'string', default: '50000' },
    clients: { type: 'string', default: '8' },
    creates: { type: 'string', default: '2000' },
    'console-events': { type: 'string', default: '100000' },
  },
});
const outbound = Number(values.outbound);
const queryRows = positiveInteger('--query-rows', values['query-rows']);
const clients = positiveInteger('--clients', values.clients);
const creates = positiveInteger('--creates', values.creates);
const consoleEvents = positiveInteger('--console-events', values['console-events']);
const sizes = (values.sizes ?? '')
  .split(',')
  .map(Number)
  .filter((n) => Number.isInteger(n) && n > 0);

const dir = mkdtempSync(join(tmpdir(), 'aflo-emu-bench-'));
try {
  for (const [run, size] of sizes.entries()) {
    const raw = rawBookkeepingRate(join(dir, `raw-${run}-${size}.db`), size);
    const org = await drainInboundRate(join(dir, `org-${run}-${size}.db`), size);
    const ratio = org / raw;
    process.stdout.write(
      `inbound drain, ${size} events: ${org.toFixed(0)} events/s; raw SQLite bookkeeping ${raw.toFixed(0)} events/s; ratio ${ratio.toFixed(3)} (target ≥ 0.3)\n`,
    );
  }
  await benchOutbound(outbound);
  await benchJsforceQuery(join(dir, 'query.db'), queryRows);
  await benchJsforceCreates(dir, clients, creates);
  await benchConsoleList(join(dir, 'console.db'), consoleEvents);
  const { sync, nodeStart } = syncWall(dir);
  process.stdout.write(
    `npm run sync (CLI, default fixtures, new org): ${sync.toFixed(2)} s wall; bare node start ${nodeStart.toFixed(2)} s; ratio ${(sync / nodeStart).toFixed(1)} (target: under 3 s)\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** One chain alone, then three chains at once, each against raw sequential HTTP. */
async function benchOutbound(n: number): Promise<void> {
  const single = [promotionsCase(n)];
  const oneChain = await drainOutboundRate(single);
  const raw = await rawHttpRate(single);
  process.stdout.write(
    `outbound export, ${n} promotions (one chain): ${oneChain.toFixed(0)} exports/s; raw sequential HTTP ${raw.toFixed(0)} exports/s; ratio ${(oneChain / raw).toFixed(2)} (target ≥ 0.5)\n`,
  );

  const third = Math.ceil(n / 3);
  const mixed = [promotionsCase(third), productItemsCase(third), customersCase(third)];
  const threeChains = await drainOutboundRate(mixed);
  const customersAlone = await drainOutboundRate([customersCase(third)]);
  const rawMixed = await rawHttpRate(mixed);
  process.stdout.write(
    `outbound export, ${3 * third} records of 3 types (3 chains at once): ${threeChains.toFixed(0)} exports/s; raw sequential HTTP ${rawMixed.toFixed(0)} exports/s; ratio ${(threeChains / rawMixed).toFixed(2)}; vs one chain of promotions ${(threeChains / oneChain).toFixed(2)}x, of customers ${(threeChains / customersAlone).toFixed(2)}x (target > 1)\n`,
  );
}

/** jsforce through queryMore against a better-sqlite3 SELECT of the same rows. */
async function benchJsforceQuery(db: string, rows: number): Promise<void> {
  const { jsforce, sqlite, seedSeconds } = await jsforceQueryRates(db, rows);
  const batches = Math.ceil(rows / DEFAULT_BATCH_SIZE);
  process.stdout.write(
    `jsforce query, ${rows} customers through queryMore (${batches} batches): ${jsforce.toFixed(0)} rows/s; better-sqlite3 SELECT of the same columns from the same file ${sqlite.toFixed(0)} rows/s; ratio ${(jsforce / sqlite).toFixed(3)} (seeded in ${seedSeconds.toFixed(1)} s)\n`,
  );
}

/** C jsforce clients creating while the runner drains, against sequential in-process creates. */
async function benchJsforceCreates(dir: string, clients: number, creates: number): Promise<void> {
  const rates = await jsforceCreateRates(dir, clients, creates);
  process.stdout.write(
    `jsforce create, ${creates} customers from ${clients} clients while the queues drain: ${rates.jsforce.toFixed(0)} creates/s; in process, one transaction each, sequentially ${rates.inProcess.toFixed(0)} creates/s; ratio ${(rates.jsforce / rates.inProcess).toFixed(2)}; outbound events Processed when the creates ended ${rates.processedAtEnd} of ${creates}, the rest drained in ${rates.drainSeconds.toFixed(1)} s\n`,
  );
}

/** The web console's Async Events pages beside its login page and a raw SQLite read. */
async function benchConsoleList(db: string, events: number): Promise<void> {
  const times = await consoleListTimes(db, events);
  for (const { view, ms } of times.views) {
    process.stdout.write(
      `console Async Events list, ${events} events, ${view}: ${ms.toFixed(1)} ms a page; login page ${times.loginMs.toFixed(1)} ms; ratio ${(ms / times.loginMs).toFixed(1)}; raw SQLite read of a page's rows ${times.sqliteMs.toFixed(2)} ms\n`,
    );
  }
}

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (Number.isInteger(n) && n > 0) return n;
  process.stderr.write(`${flag} takes a whole number above 0, not ${JSON.stringify(value)}\n`);
  process.exit(2);
}
