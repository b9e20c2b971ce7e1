/** `aflo-emu serve` as users run it: the real binary, jsforce logging in, a clean stop. */
import Database from 'better-sqlite3';
import { Connection } from 'jsforce';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { afloPackage } from '../../aflo/package.ts';
import { Org } from '../../emulator/org.ts';
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
});
