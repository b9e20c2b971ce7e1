/**
 * The record forms: bad input comes back on its field with the platform's message, the form
 * keeps what was typed, and nothing is saved, not even part of it: no record, no change, no
 * outbound event.
 */
import { describe, expect, it } from 'vitest';
import type { RunningOrgServer } from '../../../cli/org-server.ts';
import { firstPage, openBrowser, screenshots } from '../../support/browser.ts';
import { logIn, startConsoleServer } from '../../support/console-server.ts';

function count(server: RunningOrgServer, soql: string): number {
  return server.org.query(soql).totalSize;
}

describe('console record forms', () => {
  it('shows the field errors of a new customer and saves nothing', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server, '/lightning/o/AFLO__Customer__c/new');

    await page.getByLabel('Amberflo Customer Id').fill('new-1');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page.getByRole('alert').textContent()).resolves.toContain('We hit a snag.');
    const email = page.getByLabel('Email');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(email.inputValue()).resolves.toBe('not-an-email');
    await expect(
      page.locator('#field-AFLO__CustomerEmail__c-error').textContent(),
    ).resolves.toContain('Email: invalid email address: not-an-email');
    await expect(page.getByLabel('Amberflo Customer Id').inputValue()).resolves.toBe('new-1');
    await screenshots(page, 'customer-new-errors');
    expect(count(server, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(0);
    expect(count(server, 'SELECT COUNT() FROM AFLO__AsyncEvent__c')).toBe(0);

    await page.getByLabel('Email').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#field-Name-error').textContent()).resolves.toContain(
      'Required fields are missing: [Name]',
    );
    expect(count(server, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(0);
  });

  it('keeps a customer as it was when an edit breaks a rule, changes and all', async () => {
    const server = await startConsoleServer();
    const [first, second] = await server.org.run({ kind: 'api', allowsCallouts: false }, (tx) =>
      server.org.dml.insert(tx, [
        {
          attributes: { type: 'AFLO__Customer__c' },
          Name: 'First',
          AFLO__CustomerId__c: 'first-1',
        },
        {
          attributes: { type: 'AFLO__Customer__c' },
          Name: 'Second',
          AFLO__CustomerId__c: 'second-1',
        },
      ]),
    );
    const events = count(server, 'SELECT COUNT() FROM AFLO__AsyncEvent__c');
    const page = await firstPage(await openBrowser());
    await logIn(page, server, `/lightning/r/AFLO__Customer__c/${second?.id ?? ''}/edit`);

    await page.getByLabel('Customer Name').fill('Second, renamed');
    await page.getByLabel('Amberflo Customer Id').fill('first-1');
    await page.getByRole('button', { name: 'Save' }).click();

    const idField = page.getByLabel('Amberflo Customer Id');
    await expect(idField.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#field-AFLO__CustomerId__c-error').textContent()).resolves.toMatch(
      /duplicate value found/,
    );
    await expect(page.getByLabel('Customer Name').inputValue()).resolves.toBe('Second, renamed');
    const [stored] = server.org.query(
      'SELECT Name, AFLO__CustomerId__c FROM AFLO__Customer__c WHERE Id = :id',
      {
        binds: { id: second?.id ?? '' },
      },
    ).records;
    expect([stored?.Name, stored?.AFLO__CustomerId__c]).toEqual(['Second', 'second-1']);
    expect(count(server, 'SELECT COUNT() FROM AFLO__AsyncEvent__c')).toBe(events);
    expect(first?.success).toBe(true);
  });

  it('deletes a customer after asking, and the package exports the deletion', async () => {
    const server = await startConsoleServer();
    const [created] = await server.org.run({ kind: 'api', allowsCallouts: false }, (tx) =>
      server.org.dml.insert(tx, [
        {
          attributes: { type: 'AFLO__Customer__c' },
          Name: 'Short-lived',
          AFLO__CustomerId__c: 'gone-1',
        },
      ]),
    );
    const id = created?.id ?? '';
    const page = await firstPage(await openBrowser());
    await logIn(page, server, `/lightning/r/AFLO__Customer__c/${id}/view`);

    await page.getByRole('link', { name: 'Delete' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain(
      'Delete Short-lived',
    );
    await page.getByRole('button', { name: 'Delete' }).click();

    expect(new URL(page.url()).pathname).toBe('/lightning/o/AFLO__Customer__c/list');
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      '"Short-lived" was deleted',
    );
    expect(count(server, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(0);
    const deleted = server.org.query(
      "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__RecordId__c = :id AND AFLO__Action__c = 'Deleted' AND AFLO__Direction__c = 'Outbound'",
      { binds: { id } },
    );
    expect(deleted.totalSize).toBe(1);
  });

  it('answers a record that does not exist with a 404 page and a way back', async () => {
    const server = await startConsoleServer();
    const page = await firstPage(await openBrowser());
    await logIn(page, server);

    const response = await page.goto(
      `${server.instanceUrl}/lightning/r/AFLO__Customer__c/a03000000000099AAA/view`,
    );

    expect(response?.status()).toBe(404);
    await expect(page.locator('[data-error-message]').textContent()).resolves.toContain(
      'No Amberflo Customer a03000000000099AAA',
    );
    await expect(
      page.getByRole('link', { name: 'Back to Amberflo Customers' }).getAttribute('href'),
    ).resolves.toBe('/lightning/o/AFLO__Customer__c/list');
  });
});
