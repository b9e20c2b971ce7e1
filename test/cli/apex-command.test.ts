import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFixtures, writeFixtures } from '../../fixtures/amberflo/index.ts';
import { cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(removeTempFolders);

const SYNC = '(new AFLO.DownloadScheduler()).execute(null);';

describe('aflo-emu apex', () => {
  it('runs the sync job, drains it and exits 0 with the summary on stdout', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli(['--db', db, 'apex', SYNC]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Customer\s+│ 0\s+│ 0\s+│ 100/);
    expect(run.stdout).toMatch(/AFLO__CustomerPromotion__c\s+│ 100/);
    expect(run.stdout).toMatch(/rows\s+│ 0\s+│ 0\s+│ 234/);
  });

  it('accepts the global options after the subcommand', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli(['apex', "System.debug('hello');", '--db', db, '--quiet']);

    expect(run).toMatchObject({ code: 0, stdout: 'USER_DEBUG|[DEBUG]|hello', stderr: '' });
  });

  it('prints the USER_DEBUG lines of a script that inserts and queries records', async () => {
    const db = join(tempFolder(), 'org.db');
    const script = [
      "insert new AFLO__Customer__c(Name = 'Ada', AFLO__CustomerId__c = 'ada');",
      "AFLO__Customer__c c = [SELECT Name, AFLO__CustomerId__c FROM AFLO__Customer__c WHERE AFLO__CustomerId__c = 'ada'];",
      'System.debug(c);',
      "System.debug(LoggingLevel.INFO, new Map<String, Integer>{ 'events' => [SELECT COUNT() FROM AFLO__AsyncEvent__c] });",
    ].join('\n');

    const run = await cli(['--db', db, '--quiet', 'apex', script, '--no-drain']);

    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      expect.stringMatching(
        /^USER_DEBUG\|\[DEBUG\]\|AFLO__Customer__c:\{Name=Ada, AFLO__CustomerId__c=ada, Id=\w{18}\}$/,
      ),
      'USER_DEBUG|[INFO]|{events=1}',
    ]);
  });

  it('exits 1 with the DmlException and its line when an insert fails, saving nothing', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli([
      '--db',
      db,
      'apex',
      "System.debug('before');\ninsert new AFLO__Customer__c(Name = 'no id');",
    ]);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('USER_DEBUG|[DEBUG]|before');
    expect(run.stderr.split('\n')).toEqual([
      'System.DmlException: Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [AFLO__CustomerId__c]: [AFLO__CustomerId__c]',
      'AnonymousBlock: line 2, column 1',
    ]);
    const count = await cli(['--db', db, 'query', 'SELECT COUNT() FROM AFLO__Customer__c']);
    expect(count.stdout).toBe('totalSize: 0');
  });

  it('reads the script from a file with -f', async () => {
    const dir = tempFolder();
    writeFileSync(join(dir, 'sync.apex'), `${SYNC}\n`);

    const run = await cli([
      '--db',
      join(dir, 'org.db'),
      '--quiet',
      'apex',
      '-f',
      join(dir, 'sync.apex'),
    ]);

    expect(run.code).toBe(0);
    const count = await cli([
      '--db',
      join(dir, 'org.db'),
      'query',
      'SELECT COUNT() FROM AFLO__Customer__c',
    ]);
    expect(count.stdout).toBe('totalSize: 100');
  });

  it('reports a compile problem with line and column, exits 1 and writes nothing', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli([
      '--db',
      db,
      'apex',
      "System.debug('a');\nnew AFLO.Nope().execute(null);",
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Compile error at line 2 column \d+: Invalid type: AFLO\.Nope/);
    const jobs = await cli(['--db', db, 'query', 'SELECT COUNT() FROM AsyncApexJob']);
    expect(jobs.stdout).toBe('totalSize: 0');
  });

  it('serves the fake Amberflo from the folder given with --fixtures', async () => {
    const dir = tempFolder();
    writeFixtures(dir, generateFixtures({ customers: 120, promotions: 3, productItems: 2 }));

    const run = await cli([
      '--db',
      join(dir, 'org.db'),
      '--fixtures',
      dir,
      '--quiet',
      'apex',
      SYNC,
    ]);

    expect(run.code).toBe(0);
    const count = await cli([
      '--db',
      join(dir, 'org.db'),
      'query',
      'SELECT COUNT() FROM AFLO__CustomerPromotion__c',
    ]);
    expect(count.stdout).toBe('totalSize: 120');
  });

  it('leaves the jobs queued with --no-drain', async () => {
    const db = join(tempFolder(), 'org.db');

    const run = await cli(['--db', db, '--quiet', 'apex', SYNC, '--no-drain']);

    expect(run.code).toBe(0);
    const queued = await cli(['--db', db, 'jobs', '--status', 'Queued', '--json']);
    expect(JSON.parse(queued.stdout)).toMatchObject({ totalSize: 3, done: true });
  });

  it('exits 1 with one line when Amberflo is unreachable', async () => {
    const db = join(tempFolder(), 'org.db');
    const port = await closedPort();

    const run = await cli([
      '--db',
      db,
      '--quiet',
      '--amberflo',
      `http://127.0.0.1:${port}`,
      '--amberflo-key',
      'k',
      'apex',
      SYNC,
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`3 job(s) failed: see 'aflo-emu --db ${db} jobs --status Failed'`);
    const failed = await cli(['--db', db, 'jobs', '--status', 'Failed', '--json']);
    const body = JSON.parse(failed.stdout) as { records: Array<{ ExtendedStatus: string }> };
    expect(body.records).toHaveLength(3);
    expect(body.records[0]?.ExtendedStatus).toMatch(
      /^System\.CalloutException: GET http:\/\/127\.0\.0\.1:\d+\/\S+: Connection refused$/,
    );
  });

  it('retries with events retry, refusing bad requests with one line each', async () => {
    const db = join(tempFolder(), 'org.db');
    await cli(['--db', db, '--quiet', 'apex', SYNC]);

    const neither = await cli(['--db', db, 'events', 'retry']);
    const unknown = await cli(['--db', db, 'events', 'retry', 'AE-9999999']);
    const processed = await cli(['--db', db, 'events', 'retry', 'AE-0000001']);
    const all = await cli(['--db', db, 'events', 'retry', '--failed']);

    expect(neither).toMatchObject({
      code: 2,
      stderr: 'aflo-emu: give the events to retry, or --failed for all of them (not both)',
    });
    expect(unknown).toMatchObject({ code: 1, stderr: 'aflo-emu: no async event AE-9999999' });
    expect(processed.stderr).toBe(
      'aflo-emu: only Failed events can be retried: AE-0000001 (Processed)',
    );
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('0 async event(s) will be tried again');
  });

  it('refuses an --amberflo URL that is not a plain http(s) base URL', async () => {
    const db = join(tempFolder(), 'org.db');

    const ftp = await cli(['--db', db, '--amberflo', 'ftp://127.0.0.1', 'apex', SYNC]);
    const query = await cli(['--db', db, '--amberflo', 'http://127.0.0.1:1?x=1', 'apex', SYNC]);

    expect(ftp).toMatchObject({
      code: 2,
      stderr: 'aflo-emu: --amberflo must be an http(s) URL, got: ftp://127.0.0.1',
    });
    expect(query.code).toBe(2);
    expect(query.stderr).toContain('without ?query or #fragment');
  });

  it('refuses a missing file, both a script and a file, and no script, with one line each', async () => {
    const db = join(tempFolder(), 'org.db');

    const missing = await cli(['--db', db, 'apex', '-f', join(tempFolder(), 'nope.apex')]);
    const both = await cli(['--db', db, 'apex', SYNC, '-f', 'x.apex']);
    const none = await cli(['--db', db, 'apex']);

    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/^aflo-emu: no such file: .*nope\.apex$/);
    expect(both.code).toBe(2);
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe(
      'aflo-emu: give the Apex to run as an argument or with -f <file>',
    );
  });
});

/** A loopback port nothing listens on: bound, then closed. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
