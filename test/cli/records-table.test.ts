/** The CLI's query table: aggregate columns, and child subqueries as a count and a table of their own. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { renderQueryJson, renderQueryTable } from '../../cli/output/records-table.ts';
import { createSoqlFixture, type SoqlFixture } from '../emulator/soql/soql-fixture.ts';

let org: SoqlFixture;

beforeEach(() => {
  org = createSoqlFixture();
  const acme = org.insert(org.account, { Name: 'Acme', Industry: 'Tech' });
  org.insert(org.account, { Name: 'Globex', Industry: 'Tech' });
  org.insert(org.invoice, { Name: 'INV-1', AFLO__Customer__c: acme, AFLO__Amount__c: 10 });
  org.insert(org.invoice, { Name: 'INV-2', AFLO__Customer__c: acme, AFLO__Amount__c: 20 });
});

afterEach(() => org.close());

describe('renderQueryTable', () => {
  it('shows aggregate rows with their keys as columns', () => {
    const result = org.query(
      'SELECT Industry, COUNT(Id) n, MAX(Name) FROM Account GROUP BY Industry',
    );

    expect(renderQueryTable(result)).toBe(
      [
        '┌──────────┬───┬────────┐',
        '│ Industry │ n │ expr0  │',
        '├──────────┼───┼────────┤',
        '│ Tech     │ 2 │ Globex │',
        '└──────────┴───┴────────┘',
        'totalSize: 1',
      ].join('\n'),
    );
  });

  it('counts each record’s children, then lists them under the row number of their parent', () => {
    const result = org.query(
      'SELECT Name, (SELECT Name, AFLO__Amount__c FROM AFLO__Invoices__r ORDER BY Name) FROM Account ORDER BY Name',
    );

    expect(renderQueryTable(result)).toBe(
      [
        '┌───┬────────┬───────────────────┐',
        '│ # │ Name   │ AFLO__Invoices__r │',
        '├───┼────────┼───────────────────┤',
        '│ 1 │ Acme   │ 2 records         │',
        '├───┼────────┼───────────────────┤',
        '│ 2 │ Globex │                   │',
        '└───┴────────┴───────────────────┘',
        'totalSize: 2',
        '',
        'AFLO__Invoices__r:',
        '┌───┬───────┬─────────────────┐',
        '│ # │ Name  │ AFLO__Amount__c │',
        '├───┼───────┼─────────────────┤',
        '│ 1 │ INV-1 │ 10              │',
        '├───┼───────┼─────────────────┤',
        '│ 1 │ INV-2 │ 20              │',
        '└───┴───────┴─────────────────┘',
      ].join('\n'),
    );
  });
});

describe('renderQueryJson', () => {
  it('prints the REST body, child results nested and aggregate rows without a url', () => {
    const children = org.query(
      "SELECT Name, (SELECT Name FROM AFLO__Invoices__r ORDER BY Name) FROM Account WHERE Name = 'Globex'",
    );
    const aggregate = org.query('SELECT COUNT(Id) FROM Account');

    expect(JSON.parse(renderQueryJson(children))).toMatchObject({
      totalSize: 1,
      records: [{ Name: 'Globex', AFLO__Invoices__r: null }],
    });
    expect(JSON.parse(renderQueryJson(aggregate))).toEqual({
      totalSize: 1,
      done: true,
      records: [{ attributes: { type: 'AggregateResult' }, expr0: 2 }],
    });
  });
});
