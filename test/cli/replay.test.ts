import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(removeTempFolders);

/** Writes scenario files (objects as JSON, strings as they are) into a new temp folder. */
function scenarios(files: Record<string, object | string>): string[] {
  const dir = tempFolder();
  return Object.entries(files).map(([name, content]) => {
    const path = join(dir, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  });
}

const ACME = {
  insert: 'AFLO__Customer__c',
  as: 'acme',
  values: { Name: 'Acme', AFLO__CustomerId__c: 'acme' },
};

const SYNC = '(new AFLO.DownloadScheduler()).execute(null);';
const PRICING = '/payments/pricing/amberflo/account-pricing';

const countOf = (soql: string, count: number) => ({ expect: { query: [{ soql, count }] } });

describe('aflo-emu replay', () => {
  it('runs a scenario in a throwaway org and prints each step, each expectation and the summary', async () => {
    const files = scenarios({
      'one.json': {
        name: 'one customer',
        amberflo: 'empty',
        steps: [ACME, countOf('SELECT COUNT() FROM AFLO__Customer__c', 1)],
      },
    });

    const run = await cli(['replay', ...files]);

    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([
      `${files[0]}: one customer`,
      expect.stringMatching(/^ {2}✓ 1 insert AFLO__Customer__c as acme: a\w{17}$/),
      '  ✓ 2 expect',
      '      ✓ query SELECT COUNT() FROM AFLO__Customer__c: 1',
      '1 scenario, 0 failed',
    ]);
  });

  it('exits 1 on a failed expectation, prints expected versus actual and runs the next scenario', async () => {
    const files = scenarios({
      'wrong.json': {
        name: 'wrong count',
        amberflo: 'empty',
        steps: [
          ACME,
          { expect: { events: [{ direction: 'Inbound', count: 3 }] } },
          countOf('SELECT COUNT() FROM AFLO__Customer__c', 1),
        ],
      },
      'right.json': {
        name: 'right count',
        amberflo: 'empty',
        steps: [countOf('SELECT COUNT() FROM User', 1)],
      },
    });

    const run = await cli(['replay', ...files]);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('      ✗ events Inbound: expected 3, got 0 (there are none)');
    expect(run.stdout).toContain('  ✓ 3 expect');
    expect(run.stdout).toContain(`${files[1]}: right count`);
    expect(run.stdout.split('\n').at(-1)).toBe('2 scenarios, 1 failed');
  });

  it('gives "@name" the Id of the named record and "@@" the text after one @', async () => {
    const files = scenarios({
      'refs.json': {
        name: 'refs',
        amberflo: 'empty',
        steps: [
          ACME,
          {
            insert: 'AFLO__Promotion__c',
            as: 'promo',
            values: { Name: '@@home', AFLO__PromotionId__c: 'promo-1' },
          },
          {
            insert: 'AFLO__CustomerPromotion__c',
            values: { AFLO__Customer__c: '@acme', AFLO__Promotion__c: '@promo' },
          },
          countOf(
            "SELECT COUNT() FROM AFLO__CustomerPromotion__c WHERE AFLO__Customer__r.Name = 'Acme' AND AFLO__Promotion__r.Name = '@home'",
            1,
          ),
        ],
      },
    });

    const run = await cli(['replay', ...files]);

    expect(run.stdout).toContain(
      "      ✓ query SELECT COUNT() FROM AFLO__CustomerPromotion__c WHERE AFLO__Customer__r.Name = 'Acme' AND AFLO__Promotion__r.Name = '@home': 1",
    );
    expect(run.code).toBe(0);
  });

  it('numbers the records of a count or group step with {n}, from 1', async () => {
    const files = scenarios({
      'bulk.json': {
        name: 'bulk',
        amberflo: 'empty',
        steps: [
          {
            insert: 'AFLO__Customer__c',
            as: 'bulk',
            count: 3,
            values: { Name: 'Bulk {n}', AFLO__CustomerId__c: 'bulk-{n}' },
          },
          { update: 'bulk', values: { Name: 'Renamed {n}' } },
          countOf(
            "SELECT COUNT() FROM AFLO__Customer__c WHERE Name IN ('Renamed 1', 'Renamed 2', 'Renamed 3') AND AFLO__CustomerId__c IN ('bulk-1', 'bulk-2', 'bulk-3')",
            3,
          ),
        ],
      },
    });

    const run = await cli(['replay', ...files]);

    expect(run.stdout).toContain('  ✓ 1 insert AFLO__Customer__c ×3 as bulk: 3 records');
    expect(run.stdout).toContain('  ✓ 2 update bulk: 3 records');
    expect(run.code).toBe(0);
  });

  it('fails an apex step whose script fails, and runs no later step', async () => {
    const files = scenarios({
      'apex.json': {
        name: 'apex',
        amberflo: 'empty',
        steps: [
          { apex: 'new AFLO.Nope().execute(null);', expectFailure: 'Invalid type: AFLO.Nope' },
          { apex: 'new AFLO.Nope().execute(null);' },
          ACME,
        ],
      },
    });

    const run = await cli(['replay', ...files]);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^ {2}✓ 1 apex new AFLO\.Nope\(\)\.execute\(null\); \(must fail\): failed as it must: compile error at line 1 column \d+: Invalid type: AFLO\.Nope$/m,
    );
    expect(run.stdout).toMatch(
      /^ {2}✗ 2 apex new AFLO\.Nope\(\)\.execute\(null\);: compile error at line 1 column \d+: Invalid type: AFLO\.Nope$/m,
    );
    expect(run.stdout).toContain('  · 1 later step not run');
  });

  it("fails a DML step with the platform's status code and message", async () => {
    const files = scenarios({
      'dml.json': {
        name: 'dml',
        amberflo: 'empty',
        steps: [{ insert: 'AFLO__Customer__c', values: { Name: 'No id' } }],
      },
    });

    const run = await cli(['replay', ...files]);

    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^ {2}✗ 1 insert AFLO__Customer__c: System\.DmlException: Insert failed\. First exception on row 0; first error: REQUIRED_FIELD_MISSING, .*AFLO__CustomerId__c/m,
    );
  });

  it('refuses invalid files naming the file, the step and the field, exits 2 and runs nothing', async () => {
    const files = scenarios({
      'good.json': { name: 'good', amberflo: 'empty', steps: [ACME] },
      'bulk.json': {
        name: 'bad',
        steps: [
          { insert: 'AFLO__Customer__c', as: 'bulk', count: 2, values: { Name: 'B {n}' } },
          { insert: 'AFLO__Customer__c', count: 'many', values: {} },
          { update: 'acme', values: { Name: 'x' } },
          { insert: 'AFLO__Customer__c', values: { AFLO__Parent__c: '@bulk' } },
          { drain: true, advance: '5m' },
          { expect: { events: [{ status: 'Done' }] } },
          { faults: [{ path: 'customers' }] },
          { wait: true },
          { insert: 'AFLO__Custmer__c', values: { Name: 'typo' } },
        ],
      },
      'broken.json':
        '{\n  "name": "broken",\n  "steps": [\n    { "drain": true }\n    { "drain": true }\n  ]\n}',
    });

    const run = await cli(['replay', ...files]);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    const bulk = files[1] ?? '';
    expect(lines).toContain(
      `${bulk}: steps[1].count: Invalid input: expected number, received string`,
    );
    expect(lines).toContain(
      `${bulk}: steps[2].update: no record named "acme" (name it with "as" in an earlier insert or find)`,
    );
    expect(lines).toContain(
      `${bulk}: steps[3].values.AFLO__Parent__c: "@bulk" names 2 records; a field takes the Id of exactly one`,
    );
    expect(lines).toContain(
      `${bulk}: steps[4]: has drain and advance; give each action its own step`,
    );
    expect(
      lines.find((line) => line.startsWith(`${bulk}: steps[5].expect.events[0].status: `)),
    ).toMatch(/"Pending"\|"Failed"\|"Processed"/);
    expect(lines.find((line) => line.startsWith(`${bulk}: steps[6].faults[0].path: `))).toContain(
      'must be an exact path like /customers',
    );
    expect(lines.find((line) => line.startsWith(`${bulk}: steps[7]: `))).toContain(
      'needs one action key of insert, update',
    );
    expect(lines.find((line) => line.startsWith(`${bulk}: steps[8].insert: `))).toMatch(
      /no sObject type AFLO__Custmer__c in the org; the package's are .*AFLO__Customer__c/,
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^${escape(files[2] ?? '')}: not valid JSON: .*line 5 column 5`),
      ),
    );
    expect(lines.at(-1)).toBe('nothing was run: fix the scenario files above first');
  });

  it('runs only due jobs with drain wait false, and advance runs the retries that fall due on the way', async () => {
    const failedAfter = (attempts: number) =>
      countOf(
        `SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Failed' AND AFLO__Attempts__c = ${attempts}`,
        100,
      );
    const files = scenarios({
      'clock.json': {
        name: 'clock',
        steps: [
          { faults: [{ method: 'GET', path: `${PRICING}/promotions/list`, count: 1 }] },
          { apex: SYNC },
          { drain: { wait: false } },
          failedAfter(1),
          { advance: '1m' },
          failedAfter(2),
          { drain: { wait: false } },
        ],
      },
    });

    const run = await cli(['replay', ...files]);

    expect(run.stdout).toMatch(
      /^ {2}✓ 3 drain \(due jobs only\): \d+ jobs, 1 failed, 1 queued for later; clock \+0s$/m,
    );
    expect(run.stdout).toContain('  ✓ 5 advance 1m: clock +1m; ran 100 jobs');
    expect(run.stdout).toMatch(
      /^ {2}✓ 7 drain \(due jobs only\): 0 jobs, 1 queued for later; clock \+1m$/m,
    );
    expect(run.code).toBe(0);
  });

  it('names the fake object with the same id and the field that differs when an include fails', async () => {
    const files = scenarios({
      'include.json': {
        name: 'include',
        steps: [
          {
            expect: {
              amberflo: {
                customers: {
                  count: 100,
                  include: [{ customerId: 'customer-0001', customerName: 'Nope' }],
                  exclude: ['customer-0002'],
                },
              },
            },
          },
        ],
      },
    });

    const run = await cli(['replay', ...files]);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('      ✓ amberflo customers count: 100');
    expect(run.stdout).toMatch(
      /^ {6}✗ amberflo customers include \{"customerId":"customer-0001","customerName":"Nope"\}: customerId "customer-0001" differs: customerName: expected "Nope", got "[^"]+"$/m,
    );
    expect(run.stdout).toMatch(
      /^ {6}✗ amberflo customers exclude "customer-0002": it is there: \{/m,
    );
  });

  it('refuses --amberflo with one line and exit code 2', async () => {
    const files = scenarios({ 'one.json': { name: 'one', steps: [ACME] } });

    const run = await cli(['--amberflo', 'http://127.0.0.1:9', 'replay', ...files]);

    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'aflo-emu: replay uses its own fake Amberflo for each scenario; leave out --amberflo',
    });
  });

  it('prints only what failed and the summary with --quiet', async () => {
    const files = scenarios({
      'pass.json': { name: 'pass', amberflo: 'empty', steps: [ACME] },
      'fail.json': {
        name: 'fail',
        amberflo: 'empty',
        steps: [
          ACME,
          {
            expect: {
              query: [
                { soql: 'SELECT COUNT() FROM AFLO__Customer__c', count: 1 },
                { soql: 'SELECT COUNT() FROM AFLO__Customer__c', count: 2 },
              ],
            },
          },
        ],
      },
    });

    const run = await cli(['replay', '--quiet', ...files]);

    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      `${files[1]}: fail`,
      '  ✗ 2 expect',
      '      ✗ query SELECT COUNT() FROM AFLO__Customer__c: expected 2, got 1',
      '2 scenarios, 1 failed',
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
