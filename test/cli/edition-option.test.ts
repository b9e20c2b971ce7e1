/** `--edition` (and AFLO_EMU_EDITION): the org's edition, kept in its database once given. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { VirtualClock } from '../../emulator/clock.ts';
import { Org } from '../../emulator/org.ts';
import { cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  removeTempFolders();
});

async function editionOf(db: string): Promise<string> {
  const org = await Org.open({ db, clock: new VirtualClock('2026-01-01T00:00:00Z') });
  try {
    return org.edition.edition;
  } finally {
    org.close();
  }
}

describe('aflo-emu --edition', () => {
  it('makes the org a Developer edition org, which later commands without it keep', async () => {
    const db = join(tempFolder(), 'org.db');

    expect((await cli(['--db', db, '--edition', 'developer', '--quiet', 'reset'])).code).toBe(0);
    expect(await editionOf(db)).toBe('developer');

    expect((await cli(['--db', db, '--quiet', 'query', 'SELECT Id FROM User'])).code).toBe(0);
    expect(await editionOf(db)).toBe('developer');
  });

  it('reads AFLO_EMU_EDITION when the option is not given', async () => {
    const db = join(tempFolder(), 'org.db');
    vi.stubEnv('AFLO_EMU_EDITION', 'developer');
    expect((await cli(['--db', db, '--quiet', 'reset'])).code).toBe(0);
    expect(await editionOf(db)).toBe('developer');
  });

  it('refuses an edition it does not know with one line, and writes nothing', async () => {
    const dir = tempFolder();
    const db = join(dir, 'org.db');

    const run = await cli(['--db', db, '--edition', 'enterprise', 'reset']);

    expect(run.code).toBe(2);
    const [first = ''] = run.stderr.split('\n');
    expect(first).toContain("argument 'enterprise' is invalid");
    expect(first).toContain('production, developer');
    expect(run.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
  });
});
