import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binary, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(removeTempFolders);

describe('the aflo-emu binary', () => {
  it('runs the main job as npm run sync does and exits 0', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await binary(['--db', db, 'apex', '(new AFLO.DownloadScheduler()).execute(null);']);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/AFLO__Customer__c\s+│ 100/);
  });

  it('prints usage and exits 2 for an unknown command, without a stack trace', async () => {
    const run = await binary(['frobnicate']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('keeps its database under .aflo-emu/ in the working directory by default', async () => {
    const cwd = tempFolder();

    const missing = await binary(['query', 'SELECT COUNT() FROM AFLO__Settings__c'], { cwd });
    const reset = await binary(['--quiet', 'reset'], { cwd });
    const run = await binary(['query', 'SELECT Username FROM User'], { cwd });

    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'aflo-emu: no org database at .aflo-emu/org.db: it is made by the first apex, drain or reset command (check --db)\n',
    );
    expect(reset.code).toBe(0);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('admin@aflo-emu.local');
  });
});
