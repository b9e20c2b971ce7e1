/**
 * The Async Events list updates itself while events are written: the counts per status and the
 * rows on screen change without a reload, from the server's event stream.
 */
import { describe, expect, it } from 'vitest';
import type { RunningOrgServer } from '../../../cli/org-server.ts';
import { firstPage, openBrowser } from '../../support/browser.ts';
import { logIn, startConsoleServer } from '../../support/console-server.ts';

/** Writes Pending inbound events directly: no chain is started, so they stay Pending. */
async function writePendingEvents(server: RunningOrgServer, count: number): Promise<string[]> {
  const results = await server.org.run({ kind: 'system', allowsCallouts: false }, (tx) =>
    server.org.dml.insert(
      tx,
      Array.from({ length: count }, (_, i) => ({
        attributes: { type: 'AFLO__AsyncEvent__c' },
        AFLO__ObjectType__c: 'Promotion',
        AFLO__Direction__c: 'Inbound',
        AFLO__Action__c: 'Created',
        AFLO__Status__c: 'Pending',
        AFLO__Attempts__c: 0,
        AFLO__Timestamp__c: server.org.clock.now(),
        AFLO__ExternalId__c: `live-${i}`,
        AFLO__Payload__c: '{}',
      })),
      { system: true },
    ),
  );
  return results.map((result) => result.id ?? '');
}

describe('the live Async Events list', () => {
  it('updates the counts and shows new rows as events are written, without a reload', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server);
    await page.locator('[data-live-events][data-live-state="live"]').waitFor();
    await expect(page.locator('[data-count="Pending"]').textContent()).resolves.toBe('0');
    await page.evaluate('window.loadedOnce = true');

    const ids = await writePendingEvents(server, 3);

    await page.locator('[data-count="Pending"]', { hasText: /^3$/ }).waitFor();
    await expect(page.locator('[data-count="All"]').textContent()).resolves.toBe('3');
    for (const id of ids)
      await page.locator(`tbody tr[data-id="${id}"] [data-status="Pending"]`).waitFor();
    await expect(page.getByRole('status').first().textContent()).resolves.toBe('Live');
    await expect(page.evaluate('window.loadedOnce')).resolves.toBe(true);
  });
});
