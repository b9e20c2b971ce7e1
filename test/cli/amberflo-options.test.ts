import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateFixtures, writeStateFile } from '../../fixtures/amberflo/index.ts';
import { cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  removeTempFolders();
});

const SYNC = '(new AFLO.DownloadScheduler()).execute(null);';

interface FailedJobs {
  records: Array<{ ApexClass: { Name: string }; ExtendedStatus: string }>;
}

async function failedJobs(db: string): Promise<FailedJobs['records']> {
  const run = await cli(['--db', db, 'jobs', '--status', 'Failed', '--json']);
  return (JSON.parse(run.stdout) as FailedJobs).records;
}

describe('aflo-emu --faults', () => {
  it('makes the built-in fake answer as the rules say', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli([
      '--db',
      db,
      '--quiet',
      '--faults',
      '[{"path":"/customers/paging","status":503}]',
      'apex',
      SYNC,
    ]);

    expect(run.code).toBe(1);
    const failed = await failedJobs(db);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.ApexClass.Name).toBe('CustomerDownloadQueueable');
    expect(failed[0]?.ExtendedStatus).toMatch(/\/customers\/paging\?.* answered 503/);
  });

  it('fails the same requests in two runs when --faults-seed is the same', async () => {
    const dir = tempFolder();
    const runWithSeed = async (name: string): Promise<string[]> => {
      const db = join(dir, name);
      await cli(['--db', db, '--quiet', '--faults', '0.05', '--faults-seed', '3', 'apex', SYNC]);
      return (await failedJobs(db)).map((job) => job.ExtendedStatus.replace(/:\d+\//, ':PORT/'));
    };

    const first = await runWithSeed('first.db');
    const second = await runWithSeed('second.db');

    expect(first.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
  });

  it('exits 2 with one line, before any database is made, when the spec is invalid', async () => {
    const dir = tempFolder();
    const db = join(dir, 'org.db');

    const badRule = await cli(['--db', db, '--faults', '[{"status":99}]', 'apex', SYNC]);
    const notJson = await cli(['--db', db, '--faults', 'often', 'apex', SYNC]);
    vi.stubEnv('AMBERFLO_FAULTS', '2');
    const fromEnv = await cli(['--db', db, 'apex', SYNC]);

    expect(badRule).toMatchObject({ code: 2, stdout: '' });
    expect(badRule.stderr).toMatch(
      /^aflo-emu: --faults \/ AMBERFLO_FAULTS is invalid: \[0\]\.status: [^\n]*$/,
    );
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^aflo-emu: [^\n]*must be a probability such as 0\.3[^\n]*$/);
    expect(fromEnv.code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 when --faults-seed is not an integer', async () => {
    const dir = tempFolder();

    const run = await cli(['--db', join(dir, 'org.db'), '--faults-seed', '1.5', 'apex', SYNC]);

    expect(run).toMatchObject({
      code: 2,
      stderr: 'aflo-emu: --faults-seed / AMBERFLO_FAULTS_SEED must be an integer, got: 1.5',
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 2 when a fake-only option is given with --amberflo', async () => {
    const dir = tempFolder();
    const other = ['--amberflo', 'http://127.0.0.1:1', '--amberflo-key', 'k'];

    const faults = await cli([
      '--db',
      join(dir, 'org.db'),
      ...other,
      '--faults',
      '0.3',
      'apex',
      SYNC,
    ]);
    const state = await cli([
      '--db',
      join(dir, 'org.db'),
      ...other,
      '--amberflo-state',
      join(dir, 'state.json'),
      'apex',
      SYNC,
    ]);

    expect(faults).toMatchObject({
      code: 2,
      stderr:
        'aflo-emu: --faults / AMBERFLO_FAULTS needs the built-in fake Amberflo; drop --amberflo (or AMBERFLO_URL) to use it',
    });
    expect(state.code).toBe(2);
    expect(state.stderr).toMatch(/^aflo-emu: --amberflo-state [^\n]*needs the built-in fake/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('aflo-emu --amberflo-state', () => {
  it('serves the saved state instead of the fixtures when the file exists', async () => {
    const dir = tempFolder();
    const statePath = join(dir, 'amberflo.json');
    writeStateFile(statePath, generateFixtures({ customers: 4, promotions: 2, productItems: 1 }));

    const run = await cli([
      '--db',
      join(dir, 'org.db'),
      '--quiet',
      '--amberflo-state',
      statePath,
      'apex',
      SYNC,
    ]);
    const count = await cli([
      '--db',
      join(dir, 'org.db'),
      'query',
      'SELECT COUNT() FROM AFLO__Customer__c',
    ]);

    expect(run.code).toBe(0);
    expect(count.stdout).toBe('totalSize: 4');
  });

  it('exits 1 with one line naming the file and the field, making no database, when it is bad', async () => {
    const dir = tempFolder();
    const statePath = join(dir, 'amberflo.json');
    writeFileSync(statePath, JSON.stringify({ customers: [], promotions: [] }));

    const run = await cli([
      '--db',
      join(dir, 'org.db'),
      '--amberflo-state',
      statePath,
      'apex',
      SYNC,
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^aflo-emu: Amberflo state file .*amberflo\.json is invalid: customerPromotions[^\n]*$/,
    );
    expect(existsSync(join(dir, 'org.db'))).toBe(false);
  });
});
