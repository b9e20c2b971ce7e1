/** The org dump: what it holds, in which order, and what it leaves out or masks. */
import { describe, expect, it } from 'vitest';

import { Database, sobject, System, type Queueable } from '../../../emulator/apex-api.ts';
import { renderDumpJson, renderDumpText } from '../../../emulator/dump/dump-format.ts';
import { dumpOrg, MASKED_SECRET, type OrgDump } from '../../../emulator/dump/org-dump.ts';
import type { OrgPackage } from '../../../emulator/package.ts';
import { DEMO_OBJECTS, PARENT, WIDGET, widget } from '../../support/demo-package.ts';
import { openTestOrg, runApex } from '../../support/test-org.ts';

const VAULT = 'Demo_Vault__c';

class IdleJob implements Queueable {
  label = 'later';
  execute(): void {}
}

/** The demo objects plus one with a secret field, and a queueable to leave in the queue. */
function dumpPackage(): OrgPackage {
  return {
    namespace: 'Demo',
    objects: [
      ...DEMO_OBJECTS,
      {
        name: VAULT,
        label: 'Vault',
        fields: [
          { name: 'Token__c', type: 'text', length: 64, secret: true },
          { name: 'Spare__c', type: 'text', length: 64, secret: true },
        ],
      },
    ],
    classes: [{ name: 'Demo.IdleJob', type: IdleJob, implements: ['Queueable'] }],
    triggers: [],
  };
}

async function orgWithRecords() {
  const { org, clock } = await openTestOrg({ packages: [dumpPackage()] });
  const ids = await runApex(org, () => {
    const [parent] = Database.insert([sobject(PARENT, { Name: 'p' })]);
    const widgets = Database.insert([
      widget({ Name: 'kept', Notes__c: 'two\nlines', Parent__c: parent?.id ?? null }),
      widget({ Name: 'binned' }),
    ]);
    Database.insert([sobject(VAULT, { Name: 'v', Token__c: 'hunter2', Spare__c: null })]);
    return widgets.map((result) => result.id ?? '');
  });
  await runApex(org, () => Database.delete(WIDGET, [ids[1] ?? '']));
  return { org, clock, kept: ids[0] ?? '', binned: ids[1] ?? '' };
}

function recordsOf(dump: OrgDump, type: string) {
  return dump.records.filter((record) => record.type === type);
}

describe('dumpOrg', () => {
  it('holds every record of every sObject type, standard types and the recycle bin included', async () => {
    const { org, kept, binned } = await orgWithRecords();

    const dump = await dumpOrg(org);

    expect(recordsOf(dump, WIDGET).map((record) => [record.id, record.deleted])).toEqual([
      [kept, false],
      [binned, true],
    ]);
    expect(recordsOf(dump, WIDGET)[1]?.fields.IsDeleted).toBe(true);
    expect(recordsOf(dump, 'User')).toHaveLength(1);
    expect(recordsOf(dump, 'ApexClass').map((record) => record.fields.Name)).toEqual(['IdleJob']);
  });

  it('sorts types by name, records by Id and fields by name, by code unit', async () => {
    const { org } = await orgWithRecords();

    const dump = await dumpOrg(org);

    const keys = dump.records.map((record) => `${record.type} ${record.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(new Set(dump.records.map((record) => record.type)).size).toBeGreaterThan(3);
    for (const record of dump.records) {
      const names = Object.keys(record.fields);
      expect(names).toEqual([...names].sort());
    }
  });

  it('writes values in the REST wire format', async () => {
    const { org, clock, kept } = await orgWithRecords();

    const dump = await dumpOrg(org);

    const fields = recordsOf(dump, WIDGET).find((record) => record.id === kept)?.fields;
    expect(fields).toMatchObject({
      Name: 'kept',
      Notes__c: 'two\nlines',
      Active__c: false,
      Amount__c: null,
      CreatedDate: clock.now().toISOString().replace('Z', '+0000'),
    });
  });

  it('masks secret fields that hold a value and leaves them null when empty', async () => {
    const { org } = await orgWithRecords();

    const dump = await dumpOrg(org);

    const [vault] = recordsOf(dump, VAULT);
    expect(vault?.fields).toMatchObject({ Token__c: MASKED_SECRET, Spare__c: null });
    expect(renderDumpJson(dump)).not.toContain('hunter2');
  });

  it('holds the queue, sequences and settings, without password hashes or the runner lease', async () => {
    const { org } = await orgWithRecords();
    const jobId = await runApex(org, () => System.enqueueJob(new IdleJob(), 5));
    org.settings.set('runner.lease', JSON.stringify({ pid: 1, heartbeat: 1 }));

    const dump = await dumpOrg(org);

    expect(dump.tables.emu_job_queue).toEqual([
      {
        key: jobId,
        columns: expect.objectContaining({
          class_name: 'Demo.IdleJob',
          state: JSON.stringify({ label: 'later' }),
        }),
      },
    ]);
    expect(dump.tables.emu_sequence?.map((row) => row.key)).toContain(`id.${jobId.slice(0, 3)}`);
    expect(dump.tables.emu_setting?.map((row) => row.key)).toContain('orgId');
    expect(dump.tables.emu_setting?.map((row) => row.key)).not.toContain('runner.lease');
    expect(Object.keys(dump.tables)).not.toContain('emu_user_password');
    expect(Object.keys(dump.tables)).toEqual(Object.keys(dump.tables).sort());
  });
});

describe('renderDumpText', () => {
  it('writes one line per field with its type and Id, values as JSON', async () => {
    const { org, kept, binned } = await orgWithRecords();

    const lines = renderDumpText(await dumpOrg(org));

    expect(lines).toContain(`${WIDGET} ${kept} Notes__c "two\\nlines"`);
    expect(lines).toContain(`${WIDGET} ${binned} IsDeleted true`);
    expect(lines).toContain(`${WIDGET} ${binned} Amount__c null`);
    expect(lines.filter((line) => line.startsWith(`${WIDGET} ${kept} `))).toHaveLength(
      org.requireType(WIDGET).fields.length,
    );
    expect(lines.at(-1)).toMatch(/^emu_setting \S+ value "/);
  });
});
