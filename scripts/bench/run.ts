/**
 * `npm run bench`: each figure printed beside a baseline measured in the same run, as a ratio,
 * since machines here are noisy. Not a test: nothing here asserts a time.
 *
 *   node --import tsx scripts/bench/run.ts [--sizes 1000,10000] [--only inbound]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { drainInboundRate } from './drain-inbound.ts';
import { rawBookkeepingRate } from './raw-bookkeeping.ts';
import { syncWall } from './sync-wall.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' } } });
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
  const { sync, nodeStart } = syncWall(dir);
  process.stdout.write(
    `npm run sync (CLI, default fixtures, new org): ${sync.toFixed(2)} s wall; bare node start ${nodeStart.toFixed(2)} s; ratio ${(sync / nodeStart).toFixed(1)} (target: under 3 s)\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
