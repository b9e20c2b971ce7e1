/**
 * Apex Jobs, Scheduled Jobs and Amberflo Settings in the console: the daily sync setting and the
 * scheduled job follow each other both ways, a scheduled job runs now on request, and a queued
 * job (a chain waiting for a retry) is aborted from Apex Jobs.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningOrgServer } from '../../../cli/org-server.ts';
import { firstPage, openBrowser, textOf } from '../../support/browser.ts';
import { logIn, startConsoleServer } from '../../support/console-server.ts';

const SETTINGS = '/lightning/n/AFLO__Settings';
const SCHEDULED = '/lightning/setup/ScheduledJobs/home';

async function scheduledNames(page: Page, server: RunningOrgServer): Promise<string[]> {
  await page.goto(`${server.instanceUrl}${SCHEDULED}`);
  return (await page.locator('tbody th[scope="row"]').allTextContents()).map((name) => name.trim());
}

async function saveDailySync(page: Page, server: RunningOrgServer, on: boolean): Promise<void> {
  await page.goto(`${server.instanceUrl}${SETTINGS}`);
  // The design system hides the input behind its drawn box: a person clicks the label or, here,
  // presses Space on the focused checkbox.
  const box = page.getByRole('checkbox', { name: 'Daily Sync' });
  if ((await box.isChecked()) !== on) {
    await box.focus();
    await page.keyboard.press('Space');
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(textOf(page.getByRole('status').first())).resolves.toContain('saved');
}

describe('console jobs and settings', () => {
  it('keeps the daily sync setting and its scheduled job in step, both ways', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server, SETTINGS);
    await expect(page.getByRole('checkbox', { name: 'Daily Sync' }).isChecked()).resolves.toBe(
      true,
    );
    await expect(scheduledNames(page, server)).resolves.toEqual(['Amberflo Daily Sync']);

    await saveDailySync(page, server, false);
    await expect(scheduledNames(page, server)).resolves.toEqual([]);
    await saveDailySync(page, server, true);
    await expect(scheduledNames(page, server)).resolves.toEqual(['Amberflo Daily Sync']);

    await page.getByRole('button', { name: 'Delete Amberflo Daily Sync' }).click();
    await expect(textOf(page.getByRole('status').first())).resolves.toContain('was deleted');
    await page.goto(`${server.instanceUrl}${SETTINGS}`);
    await expect(page.getByRole('checkbox', { name: 'Daily Sync' }).isChecked()).resolves.toBe(
      false,
    );
    await expect(page.locator('[data-field="daily-sync-job"]').textContent()).resolves.toContain(
      'Not scheduled',
    );
  });

  it('stores a new API key and shows it only masked', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server, SETTINGS);

    await page.getByLabel('API Key').fill('secret-key-1234abcd');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await expect(textOf(page.getByRole('status').first())).resolves.toContain('saved');
    const [stored] = server.org.query('SELECT AFLO__ApiKey__c FROM AFLO__Settings__c').records;
    expect(stored?.AFLO__ApiKey__c).toBe('secret-key-1234abcd');
    await expect(page.content()).resolves.not.toContain('secret-key-1234abcd');
    await expect(textOf(page.locator('#field-AFLO__ApiKey__c-help'))).resolves.toBe(
      'Stored: ••••abcd. Leave empty to keep it.',
    );
    await expect(page.getByRole('textbox', { name: 'API Key' }).inputValue()).resolves.toBe('');
  });

  it('runs a scheduled job now, as an Apex job of type ScheduledApex', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server, SCHEDULED);

    await page.getByRole('button', { name: 'Run Amberflo Daily Sync now' }).click();

    await expect(textOf(page.getByRole('status').first())).resolves.toMatch(
      /^Ran it as Apex job 707\w+/,
    );
    await expect(page.locator('tbody td', { hasText: /^1$/ }).count()).resolves.toBe(1);
    await page.goto(`${server.instanceUrl}/lightning/setup/AsyncApexJobs/home?status=Completed`);
    await expect(
      page
        .locator('tbody tr', { hasText: 'ScheduledApex' })
        .locator('td', { hasText: 'AFLO.DownloadScheduler' })
        .count(),
    ).resolves.toBe(1);
  });

  it('aborts a queued job from Apex Jobs', async () => {
    const server = await startConsoleServer();
    await fetch(`${server.amberfloUrl}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method: 'POST', path: '/customers', status: 500 }),
    });
    await server.org.run({ kind: 'api', allowsCallouts: false }, (tx) =>
      server.org.dml.insert(tx, [
        {
          attributes: { type: 'AFLO__Customer__c' },
          Name: 'Waits',
          AFLO__CustomerId__c: 'waits-1',
        },
      ]),
    );
    const page = await firstPage(await openBrowser());
    // The export fails and its chain waits a minute for the retry: a job Queued for later.
    await logIn(page, server, '/lightning/o/AFLO__AsyncEvent__c/list?filterName=Failed');
    await page.locator('tbody [data-status="Failed"]').waitFor();

    await page.goto(`${server.instanceUrl}/lightning/setup/AsyncApexJobs/home?status=Queued`);
    const queued = page.locator('tbody tr', { hasText: 'AFLO.AsyncEventQueueable' });
    await expect(queued.count()).resolves.toBe(1);
    const jobId = (await queued.getAttribute('data-id')) ?? '';
    await queued.getByRole('button', { name: /^Abort job/ }).click();

    await expect(textOf(page.getByRole('status').first())).resolves.toBe(
      `Job ${jobId} was aborted.`,
    );
    const [job] = server.org.query('SELECT Status FROM AsyncApexJob WHERE Id = :id', {
      binds: { id: jobId },
    }).records;
    expect(job?.Status).toBe('Aborted');
  });
});
