/** `aflo-emu dump [--json]`: every record of an org on disk, sorted, as text or one document. */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

import { afloPackage } from '../../aflo/package.ts';
import { Database, sobject } from '../../emulator/apex-api.ts';
import { VirtualClock } from '../../emulator/clock.ts';
import { Org } from '../../emulator/org.ts';
import { generateFixtures, writeFixtures } from '../../fixtures/amberflo/index.ts';
import { cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(removeTempFolders);

const CUSTOMER = 'AFLO__Customer__c';
const INSERT_CUSTOMER = `insert new ${CUSTOMER}(Name = 'New', AFLO__CustomerId__c = 'new-1');`;

interface MadeOrg {
  db: string;
  kept: string;
  deleted: string;
  webhookToken: string;
}

/** An org on disk with two customers, one of them in the recycle bin, closed again. */
async function orgOnDisk(): Promise<MadeOrg> {
  const db = join(tempFolder(), 'org.db');
  const org = await Org.open({ db, clock: new VirtualClock(), packages: [afloPackage()] });
  try {
    const [kept, deleted] = await org.run({ kind: 'system', allowsCallouts: false }, () =>
      Database.insert([
        sobject(CUSTOMER, { Name: 'Kept', AFLO__CustomerId__c: 'kept' }),
        sobject(CUSTOMER, { Name: 'Gone', AFLO__CustomerId__c: 'gone' }),
      ]).map((result) => result.id ?? ''),
    );
    await org.run({ kind: 'system', allowsCallouts: false }, () =>
      Database.delete(CUSTOMER, [deleted ?? '']),
    );
    const [settings] = org.query('SELECT AFLO__WebhookToken__c FROM AFLO__Settings__c').records;
    return {
      db,
      kept: kept ?? '',
      deleted: deleted ?? '',
      webhookToken: String(settings?.AFLO__WebhookToken__c),
    };
  } finally {
    org.close();
  }
}

/** `<type> <Id> <field> <value>` lines of records (the emulator's `emu_` tables left out). */
function recordLines(stdout: string): string[][] {
  return stdout
    .split('\n')
    .filter((line) => !line.startsWith('emu_'))
    .map((line) => line.split(' '));
}

describe('aflo-emu dump', () => {
  it('prints one line per field, sorted by type, Id and field, deleted records included', async () => {
    const made = await orgOnDisk();

    const run = await cli(['--db', made.db, 'dump']);

    expect(run.code).toBe(0);
    const keys = recordLines(run.stdout).map(([type, id, field]) => `${type} ${id} ${field}`);
    expect(keys).toEqual([...keys].sort());
    expect(run.stdout).toContain(`${CUSTOMER} ${made.deleted} IsDeleted true`);
    expect(run.stdout).toContain(`${CUSTOMER} ${made.kept} IsDeleted false`);
    expect(run.stdout).toContain(`${CUSTOMER} ${made.deleted} Name "Gone"`);
    const types = new Set(recordLines(run.stdout).map(([type]) => type));
    expect([...types]).toEqual(
      expect.arrayContaining(['AFLO__AsyncEvent__c', 'ApexClass', 'AsyncApexJob', 'User']),
    );
    expect(run.stdout).toMatch(/^emu_job_queue \S+ class_name "AFLO\.AsyncEventQueueable"$/m);
  });

  it('masks the webhook token', async () => {
    const made = await orgOnDisk();

    const run = await cli(['--db', made.db, 'dump']);

    expect(made.webhookToken).toMatch(/^[0-9a-f]{64}$/);
    expect(run.stdout).not.toContain(made.webhookToken);
    expect(run.stdout).toMatch(/^AFLO__Settings__c \S+ AFLO__WebhookToken__c "\*{8}"$/m);
  });

  it('prints one JSON document with --json, the deleted record marked', async () => {
    const made = await orgOnDisk();

    const text = await cli(['--db', made.db, 'dump']);
    const run = await cli(['--db', made.db, 'dump', '--json']);

    expect(run.code).toBe(0);
    const dump = JSON.parse(run.stdout) as {
      records: Array<{ type: string; id: string; deleted: boolean; fields: object }>;
      tables: Record<string, unknown[]>;
    };
    const customers = dump.records.filter((record) => record.type === CUSTOMER);
    expect(customers.map(({ id, deleted }) => ({ id, deleted }))).toEqual([
      { id: made.kept, deleted: false },
      { id: made.deleted, deleted: true },
    ]);
    const fieldCount = dump.records.reduce((n, r) => n + Object.keys(r.fields).length, 0);
    expect(fieldCount).toBe(recordLines(text.stdout).length);
    expect(Object.keys(dump.tables)).toContain('emu_job_queue');
  });

  it('dumps the same bytes for two orgs on virtual time that ran the same Apex', async () => {
    const dir = tempFolder();
    const fixtures = join(dir, 'amberflo');
    writeFixtures(fixtures, generateFixtures({ customers: 5, promotions: 2, productItems: 2 }));
    const dumps: string[] = [];
    for (const name of ['one.db', 'two.db']) {
      const db = ['--db', join(dir, name), '--fixtures', fixtures, '--quiet'];
      await cli([...db, 'reset', '--at', '2026-03-01T09:00:00Z']);
      await cli([...db, 'apex', '(new AFLO.DownloadScheduler()).execute(null);']);
      const apex = await cli([...db, 'apex', INSERT_CUSTOMER]);
      expect(apex.code, apex.stderr).toBe(0);
      dumps.push((await cli([...db, 'dump'])).stdout);
    }

    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[0]).toMatch(/ AFLO__CreateTime__c "2026-03-01T09:00:00\.000\+0000"$/m);
    expect(dumps[0]).toContain('callout:AFLO__Amberflo/customers');
  });

  it('says so and exits 1 when there is no org at --db', async () => {
    const db = join(tempFolder(), 'none.db');

    const run = await cli(['--db', db, 'dump']);

    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toContain(`no org database at ${db}`);
  });
});
