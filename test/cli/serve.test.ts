/** `aflo-emu serve` as users run it: the real binary, jsforce logging in, a clean stop. */
import Database from 'better-sqlite3';
import { Connection } from 'jsforce';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { afloPackage } from '../../aflo/package.ts';
import { RealClock } from '../../emulator/clock.ts';
import { Org } from '../../emulator/org.ts';
import { DEFAULT_API_KEY, startFakeAmberflo } from '../../fixtures/amberflo/index.ts';
import { binary, cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';
import { startServe } from '../support/serve-process.ts';

/** A port something already listens on (closed when the test finishes). */
async function busyPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as AddressInfo).port;
}

/** Whether another connection can write to the database now (nothing holds it). */
function writable(db: string): boolean {
  const connection = new Database(db, { timeout: 0 });
  try {
    connection.exec('BEGIN IMMEDIATE; COMMIT;');
    return true;
  } finally {
    connection.close();
  }
}

afterEach(removeTempFolders);

const SYNC = '(new AFLO.DownloadScheduler()).execute(null);';
const INSERT_200_CUSTOMERS = `List<AFLO__Customer__c> customers = new List<AFLO__Customer__c>();
for (Integer i = 0; i < 200; i++) {
  customers.add(new AFLO__Customer__c(Name = 'Beside ' + i, AFLO__CustomerId__c = 'beside-' + i));
}
insert customers;`;
const EVENT_JOB_COMPLETED = /"className":"AFLO\.AsyncEventQueueable","msg":"job completed"/;

function integrityCheck(db: string): unknown {
  const connection = new Database(db, { readonly: true });
  try {
    return connection.pragma('integrity_check');
  } finally {
    connection.close();
  }
}

describe('aflo-emu serve', () => {
  it('prints where it listens, takes jsforce logins, runs jobs another process queued, and stops cleanly on SIGTERM', async () => {
    const db = join(tempFolder(), 'org.db');
    const serve = startServe(['serve', '--port', '0', '--db', db], {
      AFLO_EMU_LOG_LEVEL: 'debug',
    });

    const instanceUrl = await serve.value('Instance URL');
    const username = await serve.value('Username');
    const password = await serve.value('Password');
    expect(instanceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(username).toBe('admin@aflo-emu.local');
    expect(password).toBe('aflo-emu');
    expect(await serve.value('Amberflo')).toMatch(/^http:\/\/127\.0\.0\.1:\d+ \(built-in fake\)$/);
    expect(await serve.value('Webhook')).toBe(
      `${instanceUrl}/amberflo/services/apexrest/AFLO/webhook`,
    );

    const soap = new Connection({ loginUrl: instanceUrl });
    await soap.login(username, password);
    expect(soap.instanceUrl).toBe(instanceUrl);
    expect((await soap.identity()).username).toBe(username);

    const oauth = new Connection({
      oauth2: { loginUrl: instanceUrl, clientId: 'smoke', clientSecret: 'smoke-secret' },
    });
    await oauth.login(username, password);
    expect((await oauth.identity()).user_id).toBe((await soap.identity()).user_id);

    const completed = serve.line('stderr', /"msg":"job completed"/);
    const apex = await binary([
      '--db',
      db,
      'apex',
      '(new AFLO.DownloadScheduler()).execute(null);',
    ]);
    expect(apex.stderr).toBe(
      `process ${serve.child.pid} is running this org's jobs; the jobs this run queued are left to it\n`,
    );
    await completed;

    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
    expect(writable(db)).toBe(true);
    const after = new Database(db, { readonly: true });
    const lease = after.prepare("SELECT value FROM emu_setting WHERE name = 'runner.lease'").get();
    after.close();
    expect(lease).toBeUndefined();
  });

  it('says in one line that the port is in use, exits 1 and leaves the database closed', async () => {
    const db = join(tempFolder(), 'org.db');
    const port = await busyPort();

    const run = await cli(['--db', db, 'serve', '--port', String(port)]);

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `aflo-emu: 127.0.0.1:${port} is in use: stop what listens there, or pick another port with --port (0 picks a free one)`,
    });
    expect(writable(db)).toBe(true);
  });

  it('refuses a port that is not a number and a site prefix under /services with exit 2', async () => {
    const port = await cli(['--db', ':memory:', 'serve', '--port', 'http']);
    const prefix = await cli(['--db', ':memory:', 'serve', '--site-prefix', '/services/x']);

    expect(port.code).toBe(2);
    expect(port.stderr).toBe('aflo-emu: --port must be a port number from 0 to 65535, got: http');
    expect(prefix.code).toBe(2);
    expect(prefix.stderr).toContain('--site-prefix must be a path such as /amberflo');
  });
});

describe('a command beside a running server', () => {
  it('drain says in one line that the server runs the jobs, and runs none', async () => {
    const db = join(tempFolder(), 'org.db');
    const org = await Org.open({ db, packages: [afloPackage()] });
    await org.runAnonymous('(new AFLO.DownloadScheduler()).execute(null);');
    org.settings.set('runner.lease', JSON.stringify({ pid: process.ppid, heartbeat: Date.now() }));
    org.close();

    const run = await cli(['--db', db, 'drain']);

    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr: `process ${process.ppid} is running this org's jobs; the jobs this run queued are left to it`,
    });
  });

  it('apex that queues nothing succeeds beside the server, with nothing to say about its jobs', async () => {
    const db = join(tempFolder(), 'org.db');
    const org = await Org.open({ db, packages: [afloPackage()] });
    org.settings.set('runner.lease', JSON.stringify({ pid: process.ppid, heartbeat: Date.now() }));
    org.close();

    const run = await cli(['--db', db, 'apex', "System.debug('hello');"]);

    expect(run).toEqual({ code: 0, stdout: 'USER_DEBUG|[DEBUG]|hello', stderr: '' });
  });

  it('leaves every job to serve while the CLI inserts, syncs and drains beside it: each event processed once, by serve, and the file intact', async () => {
    const fake = await startFakeAmberflo({ port: 0 });
    onTestFinished(() => fake.close());
    const db = join(tempFolder(), 'org.db');
    const amberflo = ['--amberflo', fake.url, '--amberflo-key', DEFAULT_API_KEY];
    const serve = startServe(['--db', db, ...amberflo, 'serve', '--port', '0'], {
      AFLO_EMU_LOG_LEVEL: 'debug',
    });
    await serve.value('Instance URL');
    const elsewhere = `process ${serve.child.pid} is running this org's jobs; the jobs this run queued are left to it\n`;

    // The CLI inserts 200 customers and leaves their exports to the server.
    const insert = await binary(['--db', db, ...amberflo, 'apex', INSERT_200_CUSTOMERS]);
    expect(insert).toMatchObject({ code: 1, stderr: elsewhere });
    await serve.nthLine('stderr', EVENT_JOB_COMPLETED, 200);

    // It queues a sync and leaves its jobs to the server; a drain while the server runs them
    // runs none.
    const { customers, promotions, customerPromotions, productItems } = fake.state;
    const downloaded =
      customers.size + promotions.size + customerPromotions.size + productItems.size;
    const sync = await binary(['--db', db, ...amberflo, 'apex', SYNC]);
    expect(sync).toMatchObject({ code: 1, stderr: elsewhere });
    await serve.nthLine('stderr', EVENT_JOB_COMPLETED, 201);
    const drain = await binary(['--db', db, ...amberflo, 'drain']);
    expect(drain).toEqual({ code: 1, stdout: '', stderr: elsewhere });
    await serve.nthLine('stderr', EVENT_JOB_COMPLETED, 200 + downloaded);
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);

    expect(integrityCheck(db)).toEqual([{ integrity_check: 'ok' }]);
    const org = await Org.open({ db, clock: new RealClock(), packages: [afloPackage()] });
    onTestFinished(() => org.close());
    const events = org.query(
      'SELECT AFLO__Status__c, AFLO__Attempts__c, AFLO__JobId__c FROM AFLO__AsyncEvent__c',
    ).records;
    expect(events).toHaveLength(200 + downloaded);
    expect(
      events.filter((e) => e.AFLO__Status__c !== 'Processed' || e.AFLO__Attempts__c !== 1),
    ).toEqual([]);
    // One job per event, each run once to Completed by the server and by no other process.
    expect(new Set(events.map((e) => e.AFLO__JobId__c)).size).toBe(events.length);
    const jobs = org.query('SELECT Status FROM AsyncApexJob').records;
    expect(new Set(jobs.map((job) => job.Status))).toEqual(new Set(['Completed']));
    const completedLines = serve.lines.stderr.filter((line) => line.includes('"job completed"'));
    expect(completedLines.every((line) => line.includes(`"pid":${serve.child.pid},`))).toBe(true);
    expect(completedLines).toHaveLength(jobs.length);
    expect([...customers.values()].filter((c) => c.customerId.startsWith('beside-'))).toHaveLength(
      200,
    );
  });

  it('a second serve on the same file waits for the lease and runs the jobs once the first stops', async () => {
    const db = join(tempFolder(), 'org.db');
    const first = startServe(['--db', db, 'serve', '--port', '0']);
    await first.value('Instance URL');
    const second = startServe(['--db', db, 'serve', '--port', '0'], {
      AFLO_EMU_LOG_LEVEL: 'debug',
    });

    expect(await second.line('stderr', /^process \d+ is running this org's jobs/)).toBe(
      `process ${first.child.pid} is running this org's jobs; serve runs them once it lets go`,
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    await second.line('stderr', /"msg":"runner lease taken"/);
    const completed = second.line('stderr', /"msg":"job completed"/);
    const apex = await binary(['--db', db, 'apex', SYNC]);
    expect(apex.stderr).toBe(
      `process ${second.child.pid} is running this org's jobs; the jobs this run queued are left to it\n`,
    );
    await completed;

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(integrityCheck(db)).toEqual([{ integrity_check: 'ok' }]);
  });

  it('says when another process has taken its lease over, runs nothing meanwhile, and runs the jobs once it lets go', async () => {
    const db = join(tempFolder(), 'org.db');
    const serve = startServe(['--db', db, 'serve', '--port', '0'], {
      AFLO_EMU_LOG_LEVEL: 'debug',
    });
    await serve.value('Instance URL');
    // The lease as another process leaves it when it takes over from a serve paused too long.
    const other = await Org.open({ db, packages: [afloPackage()] });
    onTestFinished(() => other.close());
    other.settings.set('runner.lease', JSON.stringify({ pid: process.pid, heartbeat: Date.now() }));

    const apex = await binary(['--db', db, 'apex', SYNC]);
    const taken = await serve.line('stderr', /has taken over/);

    expect(apex.stderr).toBe(
      `process ${process.pid} is running this org's jobs; the jobs this run queued are left to it\n`,
    );
    expect(taken).toBe(
      `process ${process.pid} has taken over this org's jobs; serve runs them again once it lets go`,
    );
    expect(serve.lines.stderr.filter((line) => line.includes('"msg":"job completed"'))).toEqual([]);
    const completed = serve.line('stderr', /"msg":"job completed"/);
    other.settings.delete('runner.lease');
    await completed;
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });
});
