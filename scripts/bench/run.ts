/**
 * `npm run bench`: each figure printed beside a baseline measured in the same run, as a ratio,
 * since machines here are noisy. Not a test: nothing here asserts a time.
 *
 *   node --import tsx scripts/bench/run.ts [--sizes 1000,10000] [--outbound 500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { drainInboundRate } from './drain-inbound.ts';
import {
  customersCase,
  drainOutboundRate,
  productItemsCase,
  promotionsCase,
  rawHttpRate,
} from './drain-outbound.ts';
import { rawBookkeepingRate } from './raw-bookkeeping.ts';
import { syncWall } from './sync-wall.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000' },
    outbound: { type: 'string', default: '500' },
  },
});
const outbound = Number(values.outbound);
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
