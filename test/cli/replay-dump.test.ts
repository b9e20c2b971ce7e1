/**
 * `aflo-emu replay --dump <file>`: the org each scenario left, as `aflo-emu dump` prints it. On a
 * virtual clock with the same fixtures, two replays of one scenario write the same bytes, Ids,
 * auto-numbers and timestamps included, however the callouts of its chains interleave.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateFixtures, writeFixtures } from '../../fixtures/amberflo/index.ts';
import { cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(removeTempFolders);

/**
 * A sync (inbound events of all four types, from three download jobs queued together, applied by
 * four chains), then changes of every type exported while a third of Amberflo's writes fail, so
 * that retries wait on the virtual clock and the fault rates draw on their seeded sequence. Half
 * the requests are also held 2 ms of real time, which must leave no trace in the org.
 */
const BUSY_SCENARIO = {
  name: 'a sync, then changes of every type exported through faults',
  seed: 11,
  steps: [
    { apex: '(new AFLO.DownloadScheduler()).execute(null);' },
    { drain: true },
    {
      faults: [
        { kind: 'latency', latencyMs: 2, rate: 0.5 },
        { method: 'POST', rate: 0.3 },
        { method: 'PUT', rate: 0.3 },
      ],
    },
    {
      insert: 'AFLO__Customer__c',
      as: 'fresh',
      values: { Name: 'Fresh', AFLO__CustomerId__c: 'fresh' },
    },
    {
      insert: 'AFLO__Customer__c',
      as: 'more',
      count: 5,
      values: { Name: 'More {n}', AFLO__CustomerId__c: 'more-{n}' },
    },
    {
      insert: 'AFLO__Promotion__c',
      as: 'promo',
      values: { Name: 'Promo', AFLO__PromotionId__c: 'promo', AFLO__Discount__c: 5 },
    },
    {
      insert: 'AFLO__ProductItem__c',
      as: 'item',
      values: { Name: 'Item', AFLO__ProductItemId__c: 'item', AFLO__MeterApiName__c: 'calls' },
    },
    {
      insert: 'AFLO__CustomerPromotion__c',
      as: 'applied',
      values: { AFLO__Customer__c: '@fresh', AFLO__Promotion__c: '@promo' },
    },
    {
      find: "SELECT Id FROM AFLO__Customer__c WHERE AFLO__CustomerId__c = 'customer-0001'",
      as: 'synced',
    },
    { update: 'synced', values: { Name: 'Renamed in Salesforce' } },
    { drain: true },
    { delete: 'item' },
    { drain: true },
    { expect: { events: [{ status: 'Pending', count: 0 }] } },
  ],
};

function scenarioFile(dir: string, name: string, scenario: object): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(scenario, null, 2));
  return path;
}

describe('aflo-emu replay --dump', () => {
  it('writes byte-identical dumps when one scenario is replayed twice', async () => {
    const dir = tempFolder();
    const file = scenarioFile(dir, 'busy.json', BUSY_SCENARIO);
    const fixtures = join(dir, 'amberflo');
    writeFixtures(fixtures, generateFixtures({ customers: 20, promotions: 4, productItems: 5 }));
    const replay = (dump: string) =>
      cli(['replay', file, '--fixtures', fixtures, '--dump', join(dir, dump)]);

    const first = await replay('first.txt');
    const second = await replay('second.txt');

    expect(first.code, first.stdout).toBe(0);
    expect(second.code, second.stdout).toBe(0);
    const a = readFileSync(join(dir, 'first.txt'));
    const b = readFileSync(join(dir, 'second.txt'));
    expect(a.equals(b), 'the two dumps differ').toBe(true);

    // What makes the comparison worth making: both directions, every type, retried failures.
    const text = a.toString('utf8');
    expect(text).toMatch(/ AFLO__Direction__c "Inbound"$/m);
    expect(text).toMatch(/ AFLO__Direction__c "Outbound"$/m);
    for (const type of ['Customer', 'Promotion', 'CustomerPromotion', 'ProductItem'])
      expect(text).toContain(` AFLO__ObjectType__c "${type}"\n`);
    expect(text).toMatch(/ AFLO__Attempts__c [2-9]$/m);
    expect(text).toContain('callout:AFLO__Amberflo/');
  });

  it('writes each scenario after a "# <file>: <name>" line when there are several', async () => {
    const dir = tempFolder();
    const empty = (name: string) => ({ name, amberflo: 'empty', steps: [{ drain: true }] });
    const files = [
      scenarioFile(dir, 'one.json', empty('first')),
      scenarioFile(dir, 'two.json', empty('second')),
    ];
    const dump = join(dir, 'dump.txt');

    const run = await cli(['replay', ...files, '--dump', dump]);

    expect(run.code).toBe(0);
    const headers = readFileSync(dump, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('#'));
    expect(headers).toEqual([`# ${files[0]}: first`, `# ${files[1]}: second`]);
  });

  it('refuses a --dump path it could not write, before running anything', async () => {
    const dir = tempFolder();
    const file = scenarioFile(dir, 'one.json', { name: 'x', amberflo: 'empty', steps: [] });

    const folder = await cli(['replay', file, '--dump', dir]);
    const missing = await cli(['replay', file, '--dump', join(dir, 'no', 'such', 'dump.txt')]);

    expect(folder).toMatchObject({ code: 2, stdout: '' });
    expect(folder.stderr).toContain('is a folder');
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('is missing or not writable');
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});
