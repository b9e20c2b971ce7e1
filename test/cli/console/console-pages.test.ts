/**
 * Every console page after a sync, in a real browser: each answers 200 with its heading, comes
 * back the same on reload (its URL is all it needs), and is saved as a screenshot at 1280×800
 * and 390×844. Also the lists' paging and the Developer Console's runs and logs.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../../fixtures/amberflo/index.ts';
import type { RunningOrgServer } from '../../../cli/org-server.ts';
import { firstPage, openBrowser, screenshots } from '../../support/browser.ts';
import { logIn, startConsoleServer } from '../../support/console-server.ts';

/** Opens a page, checks its heading, reloads it, checks it again, and saves its screenshots. */
async function visit(
  page: Page,
  server: RunningOrgServer,
  path: string,
  heading: string,
  name: string,
): Promise<void> {
  const response = await page.goto(`${server.instanceUrl}${path}`);
  expect(response?.status(), path).toBe(200);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(heading);

  const reloaded = await page.reload();
  expect(reloaded?.status(), path).toBe(200);
  expect(page.url()).toBe(`${server.instanceUrl}${path}`);
  await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(heading);
  await screenshots(page, name);
}

/** The href of the first record link in the list's table. */
async function firstRecord(page: Page, server: RunningOrgServer, list: string): Promise<string> {
  await page.goto(`${server.instanceUrl}${list}`);
  return (await page.locator('tbody th[scope="row"] a').first().getAttribute('href')) ?? '';
}

describe('the console pages', () => {
  it('shows every page after a sync, each the same on reload', { timeout: 300_000 }, async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server, '/lightning/n/AFLO__Settings');
    const data = loadFixtures();
    const total =
      data.customers.length +
      data.promotions.length +
      data.customerPromotions.length +
      data.productItems.length;

    await page.getByRole('button', { name: 'Run sync now' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'The sync started',
    );
    await page.goto(`${server.instanceUrl}/lightning/o/AFLO__AsyncEvent__c/list`);
    await page
      .locator('[data-count="Processed"]', { hasText: new RegExp(`^${total}$`) })
      .waitFor({ timeout: 180_000 });

    await visit(page, server, '/lightning/o/AFLO__AsyncEvent__c/list', 'All', 'async-events');
    await visit(
      page,
      server,
      '/lightning/o/AFLO__AsyncEvent__c/list?filterName=CustomerPromotion&action=Created',
      'Customer Promotion',
      'async-events-customer-promotions',
    );
    const event = await firstRecord(page, server, '/lightning/o/AFLO__AsyncEvent__c/list');
    await visit(page, server, event, 'AE-', 'async-event-inbound-detail');

    for (const [sObject, label] of [
      ['AFLO__Customer__c', 'Customers'],
      ['AFLO__Promotion__c', 'Promotions'],
      ['AFLO__CustomerPromotion__c', 'Customer Promotions'],
      ['AFLO__ProductItem__c', 'Product Items'],
    ] as const) {
      const list = `/lightning/o/${sObject}/list`;
      const name = label.toLowerCase().replace(/ /g, '-');
      await visit(page, server, list, `All Amberflo ${label}`, name);
      const record = await firstRecord(page, server, list);
      await visit(page, server, record, '', `${name}-record`);
      await visit(page, server, record.replace(/\/view$/, '/edit'), 'Edit', `${name}-edit`);
      await visit(page, server, `/lightning/o/${sObject}/new`, 'New', `${name}-new`);
    }
    const item = await firstRecord(page, server, '/lightning/o/AFLO__ProductItem__c/list');
    await visit(page, server, item.replace(/\/view$/, '/delete'), 'Delete', 'product-item-delete');

    await visit(page, server, '/lightning/setup/AsyncApexJobs/home', 'Apex Jobs', 'apex-jobs');
    await visit(
      page,
      server,
      '/lightning/setup/AsyncApexJobs/home?status=Completed',
      'Apex Jobs',
      'apex-jobs-completed',
    );
    await visit(
      page,
      server,
      '/lightning/setup/ScheduledJobs/home',
      'Scheduled Jobs',
      'scheduled-jobs',
    );
    await visit(
      page,
      server,
      '/lightning/n/AFLO__Settings',
      'Amberflo Settings',
      'amberflo-settings',
    );
    await visit(page, server, '/developer-console', 'Execute Anonymous Apex', 'developer-console');
    for (const tab of [
      'customers',
      'promotions',
      'customer-promotions',
      'product-items',
      'requests',
      'webhooks',
      'faults',
    ]) {
      await visit(
        page,
        server,
        `/fake-amberflo?tab=${tab}`,
        'Fake Amberflo',
        `fake-amberflo-${tab}`,
      );
      await expect(page.getByRole('note').textContent()).resolves.toContain('not Amberflo');
    }
  });

  it(
    'pages through a list with Next and Previous, each page at its own URL',
    { timeout: 120_000 },
    async () => {
      const server = await startConsoleServer();
      await server.org.run({ kind: 'system', allowsCallouts: false }, (tx) =>
        server.org.dml.insert(
          tx,
          Array.from({ length: 120 }, (_, i) => ({
            attributes: { type: 'AFLO__Promotion__c' },
            Name: `Promotion ${String(i).padStart(3, '0')}`,
            AFLO__PromotionId__c: `paging-${i}`,
          })),
          { system: true },
        ),
      );
      const page = await firstPage(await openBrowser());
      await logIn(page, server, '/lightning/o/AFLO__Promotion__c/list');
      const names = () => page.locator('tbody th[scope="row"]').allTextContents();

      const first = await names();
      await page.getByRole('link', { name: 'Next' }).click();
      const second = await names();
      const secondUrl = page.url();
      await page.getByRole('link', { name: 'Next' }).click();
      const third = await names();
      await page.goto(secondUrl);
      const again = await names();
      await page.getByRole('link', { name: 'Previous' }).click();

      expect([first.length, second.length, third.length]).toEqual([50, 50, 20]);
      expect([first[0], second[0], third[19]].map((name) => (name ?? '').trim())).toEqual([
        'Promotion 000',
        'Promotion 050',
        'Promotion 119',
      ]);
      expect(again).toEqual(second);
      await expect(names()).resolves.toEqual(first);
      await expect(
        page.locator('span[aria-disabled="true"]', { hasText: 'Previous' }).count(),
      ).resolves.toBe(1);
    },
  );

  it('runs anonymous Apex in the Developer Console and keeps its debug log at its own URL', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server, '/developer-console');

    await page.getByLabel('Enter Apex Code').fill("System.debug('Hello from the console test');");
    await page.getByRole('button', { name: 'Execute' }).click();
    expect(new URL(page.url()).search).toBe('?run=1');
    await page.reload();

    await expect(page.locator('[data-outcome]').getAttribute('data-outcome')).resolves.toBe(
      'success',
    );
    await expect(page.locator('[data-field="debug-log"]').textContent()).resolves.toContain(
      'USER_DEBUG|[DEBUG]|Hello from the console test',
    );
    await page.getByLabel('Enter Apex Code').fill('System.debug(');
    await page.getByRole('button', { name: 'Execute' }).click();
    await expect(page.locator('[data-outcome]').textContent()).resolves.toContain(
      'Compile error at line 1',
    );
    await screenshots(page, 'developer-console-compile-error');
    await expect(page.getByRole('link', { name: 'Run 1' }).getAttribute('href')).resolves.toBe(
      '/developer-console?run=1',
    );
  });
});
