/**
 * Logging in to the console: the org's users and passwords, the platform's message for a failed
 * login, a bookmarked page that survives the login and a reload, logging out, and forms that
 * only count with the session's CSRF token.
 */
import { describe, expect, it } from 'vitest';
import { LOGIN_FAILED } from '../../../cli/console/login-page.ts';
import { firstPage, openBrowser } from '../../support/browser.ts';
import { logIn, startConsoleServer } from '../../support/console-server.ts';

describe('console login', () => {
  it('refuses a wrong password with the platform message and opens no session', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());

    await page.goto(`${server.instanceUrl}/login`);
    await page.getByLabel('Username').fill(server.username);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Log In' }).click();

    await expect(page.getByRole('alert').textContent()).resolves.toContain(LOGIN_FAILED);
    await expect(page.getByLabel('Username').inputValue()).resolves.toBe(server.username);
    await expect(page.getByLabel('Password').getAttribute('aria-invalid')).resolves.toBeNull();
    await page.goto(`${server.instanceUrl}/lightning/o/AFLO__Customer__c/list`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('comes back to a bookmarked page after the login, keeps it on reload, and logs out', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    const bookmark = '/lightning/o/AFLO__AsyncEvent__c/list?filterName=Failed&sort=name&dir=asc';

    await logIn(page, server, bookmark);
    expect(page.url()).toBe(`${server.instanceUrl}${bookmark}`);
    await page.reload();

    expect(page.url()).toBe(`${server.instanceUrl}${bookmark}`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Failed',
    );
    await expect(
      page.locator('th', { hasText: 'Name' }).first().getAttribute('aria-sort'),
    ).resolves.toBe('ascending');

    await page.getByRole('button', { name: 'Log Out' }).click();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.goto(`${server.instanceUrl}${bookmark}`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('refuses a form posted without the session token and writes nothing', async () => {
    const server = await startConsoleServer();
    const login = await fetch(`${server.instanceUrl}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: server.username, password: server.password ?? '' }),
      redirect: 'manual',
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(login.headers.get('set-cookie')).toMatch(/^sid=.+; Path=\/; HttpOnly; SameSite=Lax$/);
    const form = new URLSearchParams({ Name: 'Forged', AFLO__CustomerId__c: 'forged-1' });

    const forged = await fetch(`${server.instanceUrl}/lightning/o/AFLO__Customer__c/new`, {
      method: 'POST',
      headers: { cookie },
      body: form,
      redirect: 'manual',
    });

    expect(forged.status).toBe(403);
    const found = server.org.query("SELECT COUNT() FROM AFLO__Customer__c WHERE Name = 'Forged'");
    expect(found.totalSize).toBe(0);

    // The same post with the token the session's pages carry is saved.
    const newPage = await (
      await fetch(`${server.instanceUrl}/lightning/o/AFLO__Customer__c/new`, {
        headers: { cookie },
      })
    ).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(newPage)?.[1] ?? '';
    form.set('_csrf', token);
    const saved = await fetch(`${server.instanceUrl}/lightning/o/AFLO__Customer__c/new`, {
      method: 'POST',
      headers: { cookie },
      body: form,
      redirect: 'manual',
    });
    expect(saved.status).toBe(303);
    expect(
      server.org.query("SELECT COUNT() FROM AFLO__Customer__c WHERE Name = 'Forged'").totalSize,
    ).toBe(1);
  });

  it('lets a console session call the REST API too, as the platform does with its session id', async () => {
    const server = await startConsoleServer();
    const login = await fetch(`${server.instanceUrl}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: server.username, password: server.password ?? '' }),
      redirect: 'manual',
    });
    const token = decodeURIComponent(
      /^sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? '',
    );

    const api = await fetch(
      `${server.instanceUrl}/services/data/v62.0/query?q=SELECT+COUNT()+FROM+User`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );

    expect(api.status).toBe(200);
  });
});
