/**
 * The Async Events list view for keyboard and screen-reader users: the tab order goes through
 * the list views, the filters and the sortable column headers (links with aria-sort), Enter on
 * a header sorts by it, every input has a label, and a bad filter value is announced on its
 * field.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { firstPage, openBrowser, screenshots } from '../../support/browser.ts';
import { logIn, startConsoleServer } from '../../support/console-server.ts';

const EVENTS = '/lightning/o/AFLO__AsyncEvent__c/list';

/** What a screen reader would name the focused element. */
const FOCUSED = `(() => {
  const element = document.activeElement;
  const label = element.getAttribute('aria-label') || (element.labels && element.labels[0] && element.labels[0].textContent) || element.textContent || '';
  return label.trim().replace(/\\s+/g, ' ');
})()`;

/** The inputs of the page's main content that no label names. */
const UNLABELLED = `[...document.querySelectorAll('main input:not([type=hidden]), main select, main textarea')]
  .filter((element) => element.labels.length === 0 && !element.getAttribute('aria-label'))
  .map((element) => element.name)`;

/** The names the focus lands on, Tab after Tab, until `last` (at most 80 presses). */
async function tabOrder(page: Page, last: string): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < 80 && names[names.length - 1] !== last; i++) {
    await page.keyboard.press('Tab');
    names.push(String(await page.evaluate(FOCUSED)));
  }
  return names;
}

/** Whether `wanted` appears in `names` in this order (other names may come between). */
function inOrder(names: readonly string[], wanted: readonly string[]): boolean {
  let at = 0;
  for (const name of names) if (name === wanted[at]) at++;
  return at === wanted.length;
}

describe('the Async Events list view', () => {
  it('reaches the list views, the filters and the sortable headers by keyboard, and sorts with Enter', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server);
    await page.goto(`${server.instanceUrl}${EVENTS}`);

    const order = await tabOrder(page, 'Sort by: Attempts');

    const wanted = [
      'Skip to main content',
      'Log Out',
      'Async Events',
      'Fake Amberflo',
      'All 0',
      'Pending 0',
      'Failed 0',
      'Processed 0',
      'Outbound',
      'Today',
      'Product Item',
      'Action',
      'Record',
      'From (UTC)',
      'To (UTC)',
      'Apply',
      'Clear filters',
      'Sort by: Name',
      'Sort by: Timestamp',
      'Sort by: Object Type',
      'Sort by: Direction',
      'Sort by: Action',
      'Sort by: Status',
      'Sort by: Attempts',
    ];
    expect(inOrder(order, wanted), order.join(' → ')).toBe(true);
    const sorts = await page
      .locator('thead th[aria-sort]')
      .evaluateAll((cells) =>
        cells.map((cell) => [
          cell.textContent?.replace(/\s+/g, ' ').trim(),
          cell.getAttribute('aria-sort'),
          cell.querySelector('a') !== null,
        ]),
      );
    expect(sorts).toEqual([
      ['Sort by: Name', 'none', true],
      ['Sort by: Timestamp', 'descending', true],
      ['Sort by: Object Type', 'none', true],
      ['Sort by: Direction', 'none', true],
      ['Sort by: Action', 'none', true],
      ['Sort by: Status', 'none', true],
      ['Sort by: Attempts', 'none', true],
    ]);
    await expect(page.evaluate(UNLABELLED)).resolves.toEqual([]);

    await page.getByRole('link', { name: 'Sort by: Name' }).focus();
    await Promise.all([page.waitForURL(/sort=name/), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).search).toBe('?sort=name&dir=asc');
    await expect(
      page.locator('thead th', { hasText: 'Name' }).first().getAttribute('aria-sort'),
    ).resolves.toBe('ascending');
    await screenshots(page, 'async-events-sorted-by-name');
  });

  it('puts a bad filter value on its field, described and marked invalid', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server);

    await page.goto(`${server.instanceUrl}${EVENTS}?from=2026-03-02&to=2026-03-01`);

    const to = page.getByLabel('To (UTC)');
    await expect(to.getAttribute('aria-invalid')).resolves.toBe('true');
    const described = (await to.getAttribute('aria-describedby')) ?? '';
    await expect(page.locator(`#${described}`).textContent()).resolves.toContain(
      'To must be on or after From',
    );
    await expect(page.getByLabel('From (UTC)').inputValue()).resolves.toBe('2026-03-02');
  });
});
