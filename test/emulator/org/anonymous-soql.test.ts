/** Inline SOQL in anonymous Apex: binds, one-row assignment, COUNT(), SOQL for loops. */
import { describe, expect, it } from 'vitest';

import type { Org } from '../../../emulator/org.ts';
import { demoPackage, PARENT, WIDGET, widget } from '../../support/demo-package.ts';
import { openTestOrg, runApex } from '../../support/test-org.ts';
import { Database, sobject } from '../../../emulator/apex-api.ts';

/** A demo org with three widgets (w1, w2 under parent P, w3 inactive). */
async function widgetOrg(): Promise<Org> {
  const { org } = await openTestOrg({ packages: [demoPackage()] });
  await runApex(org, () => {
    const [parent] = Database.insert([sobject(PARENT, { Name: 'P' })]);
    Database.insert([
      widget({ Name: 'w1', Code__c: 'A', Amount__c: 5, Active__c: true, Due__c: '2026-02-01' }),
      widget({ Name: 'w2', Code__c: 'B', Amount__c: 7, Active__c: true, Parent__c: parent?.id }),
      widget({ Name: 'w3', Code__c: 'C', Active__c: false }),
    ]);
  });
  return org;
}

/** Runs a script that must compile and succeed; answers its debug messages. */
async function debugOf(org: Org, source: string): Promise<string[]> {
  const result = await org.runAnonymous(source);
  if (!result.compiled)
    expect.fail(`${result.line}:${result.column} ${result.compileProblem ?? ''}`);
  if (!result.success) expect.fail(result.exceptionMessage ?? 'failed');
  return result.debugLog.map((line) => line.replace(/^USER_DEBUG\|\[\w+\]\|/, ''));
}

describe('anonymous Apex SOQL', () => {
  it('binds variables, lists, sets and record fields with :name', async () => {
    const org = await widgetOrg();

    const lines = await debugOf(
      org,
      `
      String code = 'a';
      List<String> codes = new List<String>{'A', 'C'};
      Set<String> names = new Set<String>{'w2'};
      ${WIDGET} first = [SELECT Id, Name FROM ${WIDGET} WHERE Code__c = :code];
      System.debug(first.Name);
      System.debug([SELECT Name FROM ${WIDGET} WHERE Code__c IN :codes ORDER BY Name].size());
      System.debug([SELECT Name FROM ${WIDGET} WHERE Name IN :names][0].Name);
      System.debug([SELECT Name FROM ${WIDGET} WHERE Id = :first.Id][0].Name);
      List<${WIDGET}> all = [SELECT Id FROM ${WIDGET}];
      System.debug([SELECT COUNT() FROM ${WIDGET} WHERE Id IN :all AND Active__c = true]);
      Integer n = 2;
      System.debug([SELECT Name FROM ${WIDGET} ORDER BY Name LIMIT :n]);
      `,
    );

    expect(lines.slice(0, 5)).toEqual(['w1', '2', 'w2', 'w1', '2']);
    expect(lines[5]).toMatch(
      /^\(Demo__c:\{Name=w1, Id=\w{18}\}, Demo__c:\{Name=w2, Id=\w{18}\}\)$/,
    );
  });

  it('prints a queried record with its non-null fields, in query order', async () => {
    const org = await widgetOrg();

    const lines = await debugOf(
      org,
      `System.debug([SELECT Name, Amount__c, Active__c, Due__c, Status__c FROM ${WIDGET} WHERE Name = 'w1']);`,
    );

    expect(lines[0]).toMatch(
      /^\(Demo__c:\{Name=w1, Amount__c=5, Active__c=true, Due__c=2026-02-01, Id=\w{18}\}\)$/,
    );
  });

  it('reads a parent through its relationship when the query selects it', async () => {
    const org = await widgetOrg();

    const lines = await debugOf(
      org,
      `${WIDGET} w = [SELECT Parent__r.Name FROM ${WIDGET} WHERE Name = 'w2']; System.debug(w.Parent__r.Name);`,
    );

    expect(lines).toEqual(['P']);
  });

  it('throws System.SObjectException when a field was not queried', async () => {
    const org = await widgetOrg();

    const result = await org.runAnonymous(
      `${WIDGET} w = [SELECT Name FROM ${WIDGET} WHERE Name = 'w1'];\nSystem.debug(w.Amount__c);`,
    );

    expect(result.exceptionMessage).toBe(
      'System.SObjectException: SObject row was retrieved via SOQL without querying the requested field: Demo__c.Amount__c',
    );
    expect(result.exceptionStackTrace).toBe('AnonymousBlock: line 2, column 1');
  });

  it.each([
    [`= 'nope'`, 'System.QueryException: List has no rows for assignment to SObject'],
    [`!= null`, 'System.QueryException: List has more than 1 row for assignment to SObject'],
  ])('throws when one record is assigned from a query whose Name %s', async (filter, message) => {
    const org = await widgetOrg();

    const result = await org.runAnonymous(
      `${WIDGET} w = [SELECT Id FROM ${WIDGET} WHERE Name ${filter}];`,
    );

    expect(result.exceptionMessage).toBe(message);
  });

  it('loops over a query row by row, and 200 rows at a time into a list variable', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage()] });

    const lines = await debugOf(
      org,
      `
      List<${WIDGET}> ws = new List<${WIDGET}>();
      for (Integer i = 0; i < 250; i++) ws.add(new ${WIDGET}(Name = 'w' + i));
      insert ws;
      Integer rows = 0;
      for (${WIDGET} w : [SELECT Id FROM ${WIDGET}]) rows++;
      System.debug(rows);
      for (List<${WIDGET}> chunk : [SELECT Id FROM ${WIDGET}]) System.debug(chunk.size());
      System.debug(Limits.getQueries());
      `,
    );

    expect(lines).toEqual(['250', '200', '50', '2']);
  });

  it('updates the records a query returned, system fields it selected included', async () => {
    const org = await widgetOrg();

    await debugOf(
      org,
      `
      List<${WIDGET}> ws = [SELECT Id, Name, CreatedDate, Amount__c FROM ${WIDGET} WHERE Amount__c != null];
      for (${WIDGET} w : ws) { w.Amount__c += 1; }
      update ws;
      `,
    );

    const amounts = org.query(
      `SELECT Amount__c FROM ${WIDGET} WHERE Amount__c != null ORDER BY Name`,
    );
    expect(amounts.records.map((r) => r.Amount__c)).toEqual([6, 8]);
  });
});

describe('anonymous Apex compile checks against the org', () => {
  async function problemOf(source: string): Promise<string> {
    const { org } = await openTestOrg({ packages: [demoPackage()] });
    const result = await org.runAnonymous(source);
    expect(result.compiled).toBe(false);
    return `${result.line}:${result.column} ${result.compileProblem ?? ''}`;
  }

  it.each([
    ['Nope__c n;', '1:1 Invalid type: Nope__c'],
    [`${WIDGET} w = new ${WIDGET}(Nope__c = 1);`, '1:25 Field does not exist: Nope__c on Demo__c'],
    [
      `${WIDGET} w = new ${WIDGET}(); w.Nope__c = 1;`,
      '1:28 Field does not exist: Nope__c on Demo__c',
    ],
    [
      `${WIDGET} w = new ${WIDGET}(); w.CreatedDate = null;`,
      '1:28 Field is not writeable: Demo__c.CreatedDate',
    ],
    [
      `${WIDGET} w = new ${WIDGET}(Active__c = 'yes');`,
      '1:37 Illegal assignment from String to Boolean',
    ],
    [
      `List<${WIDGET}> ws = new List<${WIDGET}>(); upsert ws Name;`,
      '1:51 Invalid field for upsert, must be an External Id custom or standard indexed field: Name',
    ],
    [
      `List<${WIDGET}> ws = new List<${WIDGET}>(); System.debug(ws.Name);`,
      '1:54 Initial term of field expression must be a concrete SObject: List<Demo__c>',
    ],
    [
      `${PARENT} p = [SELECT Id FROM ${WIDGET}];`,
      '1:20 Illegal assignment from List<Demo__c> to Demo_Parent__c',
    ],
    [
      `Object o = [SELECT COUNT(Id) FROM ${WIDGET}];`,
      `1:12 aflo-emu cannot run this construct yet: aggregate query (AggregateResult) (see docs/fidelity.md)`,
    ],
  ])('reports %s with the platform message', async (source, problem) => {
    expect(await problemOf(source)).toBe(problem);
  });

  it('reports a bad query with the SOQL message at the query, and runs nothing', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage()] });

    const result = await org.runAnonymous(
      `insert new ${WIDGET}(Name = 'x');\nList<${WIDGET}> ws = [SELECT Nope__c FROM ${WIDGET}];`,
    );

    expect(result).toMatchObject({ compiled: false, line: 2, column: 20 });
    expect(result.compileProblem).toContain("No such column 'Nope__c' on entity 'Demo__c'");
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(0);
  });
});
