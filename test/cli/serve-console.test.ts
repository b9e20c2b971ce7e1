/**
 * The web console as `aflo-emu serve` shows it, through the real binary: `/` goes to the login
 * page, the design system comes from the server itself (so the console works offline), a login
 * opens the Async Events tab, and a live event stream left open does not keep SIGTERM from
 * stopping the server.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTempFolders, tempFolder } from '../support/cli-harness.ts';
import { startServe } from '../support/serve-process.ts';

afterEach(removeTempFolders);

describe('aflo-emu serve, the web console', () => {
  it('serves the login page, its own design system files and the Async Events tab, and stops with a stream open', async () => {
    const serve = startServe(['serve', '--port', '0', '--db', join(tempFolder(), 'org.db')]);
    const url = await serve.value('Instance URL');
    const password = await serve.value('Password');
    expect(await serve.value('Console')).toBe(`${url}/ (in a browser; log in as above)`);

    const home = await fetch(`${url}/`, { redirect: 'manual' });
    const login = await fetch(`${url}/login`);
    const page = await login.text();
    const stylesheet = /href="(\/assets\/slds\/[^"]+\.css)"/.exec(page)?.[1] ?? '';
    const css = await fetch(`${url}${stylesheet}`);
    const script = await fetch(`${url}/assets/console/console.js`);

    expect([home.status, home.headers.get('location')]).toEqual([303, '/login']);
    expect(login.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(stylesheet).toBe('/assets/slds/styles/salesforce-lightning-design-system.min.css');
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    expect((await css.text()).length).toBeGreaterThan(100_000);
    expect(script.status).toBe(200);
    expect(page).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);

    const loggedIn = await fetch(`${url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'admin@aflo-emu.local', password }),
      redirect: 'manual',
    });
    const cookie = (loggedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const events = await fetch(`${url}${loggedIn.headers.get('location') ?? ''}`, {
      headers: { cookie },
    });
    expect(events.status).toBe(200);
    expect(await events.text()).toContain('Amberflo Async Events');

    const stream = await fetch(`${url}/lightning/o/AFLO__AsyncEvent__c/stream`, {
      headers: { cookie, accept: 'text/event-stream' },
    });
    const reader = stream.body?.getReader();
    const first = new TextDecoder().decode((await reader?.read())?.value);
    expect(first).toContain('retry: 2000');
    serve.child.kill('SIGTERM');
    expect(await serve.exited).toBe(0);
  });
});
