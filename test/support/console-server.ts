/**
 * `aflo-emu serve` in the test's process, as the CLI starts it (cli/org-server.ts): a fresh org
 * database in a temp folder, the built-in fake Amberflo, the web console and the REST API on a
 * free loopback port, and the background job runner, on the real clock. Stopped when the test
 * finishes. Also logging a browser page in, as a user does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { startOrgServer, type RunningOrgServer } from '../../cli/org-server.ts';

export async function startConsoleServer(): Promise<RunningOrgServer> {
  const dir = mkdtempSync(join(tmpdir(), 'aflo-emu-console-'));
  const server = await startOrgServer(
    { db: join(dir, 'org.db') },
    { port: 0, host: '127.0.0.1', sitePrefix: '/amberflo' },
  );
  onTestFinished(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return server;
}

/** Logs the page in as the server's default user through the login form; ends on the home page. */
export async function logIn(page: Page, server: RunningOrgServer, startPath = '/'): Promise<void> {
  await page.goto(`${server.instanceUrl}${startPath}`);
  await page.getByLabel('Username').fill(server.username);
  await page.getByLabel('Password').fill(server.password ?? '');
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/login'),
    page.getByRole('button', { name: 'Log In' }).click(),
  ]);
}
