import { drainInboundRate } from './scripts/bench/drain-inbound.ts';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
const d = mkdtempSync(join(tmpdir(), 'p-'));
console.log(await drainInboundRate(join(d, 'o.db'), 2000));
