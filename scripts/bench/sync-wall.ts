/**
 * The main job's wall time as a user sees it: the CLI in a child process running
 * `(new AFLO.DownloadScheduler()).execute(null);` on a new temp-file org with the default
 * fixtures. Its baseline is a bare `node -e ""` start in the same run.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../cli/aflo-emu.mjs', import.meta.url));

function wallSeconds(args: string[]): number {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.status !== 0)
    throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  return (performance.now() - started) / 1000;
}

export function syncWall(dir: string): { sync: number; nodeStart: number } {
  const sync = [
    '--quiet',
    '--db',
    join(dir, 'sync.db'),
    'apex',
    '(new AFLO.DownloadScheduler()).execute(null);',
  ];
  wallSeconds([BIN, '--db', join(dir, 'warm.db'), 'reset']); // builds the CLI bundle if needed
  return { sync: wallSeconds([BIN, ...sync]), nodeStart: wallSeconds(['-e', '']) };
}
