/**
 * The web console end to end, in a real browser against `aflo-emu serve` (in process): log in,
 * create and rename a customer, watch the outbound event go Pending then Processed, find the new
 * name in its Amberflo request; then make the fake Amberflo fail, rename again, find the event
 * under Failed, retry it and see it Processed. Every page is saved as a screenshot at 1280×800
 * and 390×844 in test-artifacts/console/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { firstPage, openBrowser, screenshots } from '../../support/browser.ts';
import { logIn, startConsoleServer } from '../../support/console-server.ts';

const EVENTS = '/lightning/o/AFLO__AsyncEvent__c/list';

/** Records, in `window.statusLog`, each status every row of the list shows, in order. */
const WATCH_STATUSES = `(() => {
  const log = {};
  window.statusLog = log;
  const record = () => {
    for (const cell of document.querySelectorAll('tbody [data-status]')) {
      const id = cell.closest('tr').dataset.id;
      const seen = (log[id] = log[id] || []);
      if (seen[seen.length - 1] !== cell.dataset.status) seen.push(cell.dataset.status);
    }
  };
  record();
  new MutationObserver(record).observe(document.querySelector('tbody'), { childList: true, subtree: true });
})()`;

/** The list's row of the customer's event with this action. */
function eventRow(page: Page, customerId: string, action: string) {
  return page
    .locator('tbody tr', { has: page.locator(`a[href*="${customerId}"]`) })
    .filter({ has: page.getByRole('cell', { name: action, exact: true }) });
}

async function waitLive(page: Page): Promise<void> {
  await page.locator('[data-live-events][data-live-state="live"]').waitFor();
}

describe('the web console', () => {
  it(
    'edits a customer, shows its outbound event Pending then Processed, and retries it after a fault',
    { timeout: 240_000 },
    async () => {
      const server = await startConsoleServer();
      const browser = await openBrowser();
      const page = await firstPage(browser);

      await page.goto(`${server.instanceUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await screenshots(page, 'login');
      await logIn(page, server);
      expect(new URL(page.url()).pathname).toBe(EVENTS);

      await page
        .getByRole('navigation', { name: 'Console pages' })
        .getByRole('link', { name: 'Customers' })
        .click();
      await page.getByRole('link', { name: 'New' }).click();
      await page.getByLabel('Customer Name').fill('Console Test Co');
      await page.getByLabel('Amberflo Customer Id').fill('console-1');
      await page.getByLabel('Email').fill('billing@console-test.example');
      await Promise.all([
        page.waitForURL(/\/view$/),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      await expect(page.getByRole('status').textContent()).resolves.toContain('was created');
      const customerId = /\/AFLO__Customer__c\/(\w+)\/view$/.exec(page.url())?.[1] ?? '';
      expect(customerId).toMatch(/^a\w{17}$/);

      const events = await browser.newPage();
      await events.goto(`${server.instanceUrl}${EVENTS}?filterName=Outbound`);
      await waitLive(events);
      await eventRow(events, customerId, 'Created').locator('[data-status="Processed"]').waitFor();
      await events.evaluate(WATCH_STATUSES);

      await page.getByRole('link', { name: 'Edit' }).click();
      await page.getByLabel('Customer Name').fill('Console Test Renamed');
      await Promise.all([
        page.waitForURL(/\/view$/),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);
      await screenshots(page, 'customer-record');

      const updated = eventRow(events, customerId, 'Updated');
      await updated.locator('[data-status="Processed"]').waitFor();
      const updatedId = (await updated.getAttribute('data-id')) ?? '';
      const seen = await events.evaluate(`window.statusLog[${JSON.stringify(updatedId)}]`);
      expect(seen).toEqual(['Pending', 'Processed']);
      await screenshots(events, 'async-events-outbound');

      await updated.getByRole('link', { name: /^AE-/ }).click();
      await expect(events.locator('[data-field="request"]').textContent()).resolves.toContain(
        '"customerName": "Console Test Renamed"',
      );
      await screenshots(events, 'async-event-detail');

      await page
        .getByRole('navigation', { name: 'Console pages' })
        .getByRole('link', { name: 'Fake Amberflo' })
        .click();
      await page
        .getByRole('navigation', { name: 'Fake Amberflo' })
        .getByRole('link', { name: 'Faults' })
        .click();
      await page.getByLabel('Method').selectOption('PUT');
      await page.getByLabel('Path').fill('/customers');
      await page.getByLabel('Status').fill('503');
      await page.getByRole('button', { name: 'Add fault rule' }).click();
      await expect(page.getByRole('status').textContent()).resolves.toContain('added');
      const rule = page.locator('tbody tr[data-rule]');
      await expect(rule.count()).resolves.toBe(1);
      await screenshots(page, 'fake-amberflo-faults');

      await page.goto(`${server.instanceUrl}/lightning/r/AFLO__Customer__c/${customerId}/edit`);
      await page.getByLabel('Customer Name').fill('Console Test Faulted');
      await Promise.all([
        page.waitForURL(/\/view$/),
        page.getByRole('button', { name: 'Save' }).click(),
      ]);

      await events.goto(`${server.instanceUrl}${EVENTS}`);
      await events
        .getByRole('navigation', { name: 'List views' })
        .getByRole('link', { name: /^Failed/ })
        .click();
      await waitLive(events);
      const failed = eventRow(events, customerId, 'Updated');
      await failed.locator('[data-status="Failed"]').waitFor();
      await screenshots(events, 'async-events-failed');

      await page.goto(`${server.instanceUrl}/fake-amberflo?tab=faults`);
      await page.getByRole('button', { name: /^Remove fault rule/ }).click();
      await page.locator('[data-faults="none"]').waitFor();

      await failed.getByRole('link', { name: /^AE-/ }).click();
      await expect(events.locator('[data-field="error"]').textContent()).resolves.toContain('503');
      await expect(events.locator('[data-field="request"]').textContent()).resolves.toContain(
        'Console Test Faulted',
      );
      await screenshots(events, 'async-event-failed-detail');
      const failedId = /\/AFLO__AsyncEvent__c\/(\w+)\/view$/.exec(events.url())?.[1] ?? '';
      await events.getByRole('button', { name: 'Retry' }).click();
      await expect(events.getByRole('status').first().textContent()).resolves.toContain(
        'will be tried again',
      );

      await events.goto(`${server.instanceUrl}${EVENTS}?record=${customerId}`);
      await waitLive(events);
      await events.locator(`tr[data-id="${failedId}"] [data-status="Processed"]`).waitFor();
      await expect(
        events.locator(`tr[data-id="${failedId}"] td.console-number`).textContent(),
      ).resolves.toMatch(/^[2-9]$/);
    },
  );
});
