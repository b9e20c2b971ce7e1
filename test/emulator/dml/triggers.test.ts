/** Triggers as DML runs them: context per event, what they may change, errors, bulk and depth. */
import { describe, expect, it } from 'vitest';

import {
  ApexException,
  Database,
  DmlException,
  Limits,
  sobject,
  Statics,
} from '../../../emulator/apex-api.ts';
import type {
  TriggerContext,
  TriggerDefinition,
  TriggerEvent,
} from '../../../emulator/dml/triggers.ts';
import { TRIGGER_EVENTS } from '../../../emulator/dml/triggers.ts';
import { raise } from '../../../emulator/apex-api.ts';
import { demoPackage, PARENT, WIDGET, widget } from '../../support/demo-package.ts';
import { openTestOrg, rejectionOf, runApex } from '../../support/test-org.ts';

function onWidget(
  events: readonly TriggerEvent[],
  handler: TriggerDefinition['handler'],
): TriggerDefinition {
  return { name: 'Demo.WidgetTrigger', sObject: WIDGET, events, handler };
}

async function orgWith(...triggers: TriggerDefinition[]) {
  return (await openTestOrg({ packages: [demoPackage({ triggers })] })).org;
}

interface Snapshot {
  operationType: string;
  flags: string;
  new: number | null;
  old: number | null;
  newMap: number | null;
  oldMap: number | null;
  size: number;
}

function snapshot(ctx: TriggerContext): Snapshot {
  const flags = (['isInsert', 'isUpdate', 'isDelete', 'isUndelete', 'isBefore', 'isAfter'] as const)
    .filter((flag) => ctx[flag])
    .join(',');
  const count = (value: { length: number } | { size: number } | null): number | null =>
    value === null ? null : 'length' in value ? value.length : value.size;
  return {
    operationType: ctx.operationType,
    flags,
    new: count(ctx.new),
    old: count(ctx.old),
    newMap: count(ctx.newMap),
    oldMap: count(ctx.oldMap),
    size: ctx.size,
  };
}

describe('trigger context', () => {
  it('gives each event its flags, operationType and record lists when a record is inserted, updated and deleted', async () => {
    const seen: Snapshot[] = [];
    const org = await orgWith(onWidget(TRIGGER_EVENTS, (ctx) => void seen.push(snapshot(ctx))));

    await runApex(org, () => {
      const [result] = Database.insert([widget(), widget()]);
      const id = String(result?.id);
      Database.update([sobject(WIDGET, { Id: id, Name: 'changed' })]);
      Database.delete(WIDGET, [id]);
    });

    expect(seen).toEqual([
      {
        operationType: 'BEFORE_INSERT',
        flags: 'isInsert,isBefore',
        new: 2,
        old: null,
        newMap: null,
        oldMap: null,
        size: 2,
      },
      {
        operationType: 'AFTER_INSERT',
        flags: 'isInsert,isAfter',
        new: 2,
        old: null,
        newMap: 2,
        oldMap: null,
        size: 2,
      },
      {
        operationType: 'BEFORE_UPDATE',
        flags: 'isUpdate,isBefore',
        new: 1,
        old: 1,
        newMap: 1,
        oldMap: 1,
        size: 1,
      },
      {
        operationType: 'AFTER_UPDATE',
        flags: 'isUpdate,isAfter',
        new: 1,
        old: 1,
        newMap: 1,
        oldMap: 1,
        size: 1,
      },
      {
        operationType: 'BEFORE_DELETE',
        flags: 'isDelete,isBefore',
        new: null,
        old: 1,
        newMap: null,
        oldMap: 1,
        size: 1,
      },
      {
        operationType: 'AFTER_DELETE',
        flags: 'isDelete,isAfter',
        new: null,
        old: 1,
        newMap: null,
        oldMap: 1,
        size: 1,
      },
    ]);
  });

  it('shows the stored values in old and the saved values in new when a record is updated', async () => {
    const seen: Array<[unknown, unknown, unknown]> = [];
    const org = await orgWith(
      onWidget(['after update'], (ctx) => {
        const record = ctx.new?.[0];
        seen.push([ctx.old?.[0]?.Name, record?.Name, ctx.newMap?.get(String(record?.Id))?.Name]);
      }),
    );
    await runApex(org, () => {
      const [result] = Database.insert([widget({ Name: 'old' })]);
      Database.update([sobject(WIDGET, { Id: result?.id, Name: 'new' })]);
    });
    expect(seen).toEqual([['old', 'new', 'new']]);
  });

  it('keeps what a before trigger sets when the record is saved', async () => {
    const org = await orgWith(
      onWidget(['before insert', 'before update'], (ctx) => {
        for (const record of ctx.new ?? []) {
          record.Name = String(record.Name).toUpperCase();
          record.Status__c = ctx.isInsert ? 'New' : 'Done';
        }
      }),
    );
    await runApex(org, () => {
      const [result] = Database.insert([widget({ Name: 'quiet' })]);
      expect(org.query(`SELECT Name, Status__c FROM ${WIDGET}`).records[0]).toMatchObject({
        Name: 'QUIET',
        Status__c: 'New',
      });
      Database.update([sobject(WIDGET, { Id: result?.id, Name: 'again' })]);
    });
    expect(org.query(`SELECT Name, Status__c FROM ${WIDGET}`).records[0]).toMatchObject({
      Name: 'AGAIN',
      Status__c: 'Done',
    });
  });

  it('validates again after before triggers when a trigger fills a required field or sets a bad value', async () => {
    const org = await orgWith(
      onWidget(['before insert'], (ctx) => {
        for (const record of ctx.new ?? []) {
          if (record.Name === 'fill') record.Name = 'filled';
          else record.Status__c = 'Bogus';
        }
      }),
    );
    const results = await runApex(org, () =>
      Database.insert([sobject(WIDGET, { Name: 'fill' }), widget({ Name: 'spoil' })], false),
    );
    expect(results.map((r) => r.errors[0]?.statusCode ?? 'ok')).toEqual([
      'ok',
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    ]);
  });

  it('throws System.FinalException when an after trigger assigns to a record', async () => {
    const caught: unknown[] = [];
    const org = await orgWith(
      onWidget(['after insert', 'before update', 'after update'], (ctx) => {
        const targets = ctx.isBefore ? (ctx.old ?? []) : (ctx.new ?? []);
        try {
          for (const record of targets) record.Name = 'changed';
        } catch (error) {
          caught.push(error);
        }
      }),
    );
    await runApex(org, () => {
      const [result] = Database.insert([widget({ Name: 'kept' })]);
      Database.update([sobject(WIDGET, { Id: result?.id, Amount__c: 2 })]);
    });

    expect(caught).toHaveLength(3);
    for (const error of caught) {
      expect(error).toBeInstanceOf(ApexException);
      expect((error as ApexException).describe()).toBe(
        'System.FinalException: Record is read-only',
      );
    }
    expect(org.query(`SELECT Name FROM ${WIDGET}`).records[0]?.Name).toBe('kept');
  });
});

describe('trigger errors', () => {
  it('fails only that record with FIELD_CUSTOM_VALIDATION_EXCEPTION when a trigger calls addError', async () => {
    const org = await orgWith(
      onWidget(['before insert'], (ctx) => {
        for (const record of ctx.new ?? []) {
          if (record.Name === 'bad') ctx.addError(record, 'no bad names', 'Name');
        }
      }),
    );
    const results = await runApex(org, () =>
      Database.insert([widget({ Name: 'ok' }), widget({ Name: 'bad' })], false),
    );
    expect(results[0]?.success).toBe(true);
    expect(results[1]?.errors).toEqual([
      {
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'no bad names',
        fields: ['Name'],
      },
    ]);
    expect(org.query(`SELECT Name FROM ${WIDGET}`).records.map((r) => r.Name)).toEqual(['ok']);
  });

  it('rolls the whole statement back when addError is called in an after trigger of an all-or-none DML', async () => {
    const written: string[][] = [];
    const org = await orgWith(
      onWidget(['after insert'], (ctx) => {
        const last = ctx.new?.[ctx.new.length - 1];
        if (last !== undefined) ctx.addError(last, 'last one fails');
      }),
    );
    org.events.on('records:written', (event) => written.push(event.ids));

    const caught = await runApex(org, () => {
      try {
        Database.insert([widget(), widget()]);
      } catch (error) {
        return error;
      }
      return undefined;
    });
    expect(caught).toBeInstanceOf(DmlException);
    expect((caught as DmlException).rows).toMatchObject([
      { index: 1, statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' },
    ]);
    expect(org.query(`SELECT Id FROM ${WIDGET}`).totalSize).toBe(0);
    expect(written).toEqual([]);
  });

  it('keeps a record from being deleted when a before delete trigger calls addError on old', async () => {
    const org = await orgWith(
      onWidget(['before delete'], (ctx) => {
        for (const record of ctx.old ?? []) ctx.addError(record, 'keep me');
      }),
    );
    const [result] = await runApex(org, () => {
      const [inserted] = Database.insert([widget()]);
      return Database.delete(WIDGET, [String(inserted?.id)], false);
    });
    expect(result?.errors[0]).toMatchObject({
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'keep me',
    });
    expect(org.query(`SELECT Id FROM ${WIDGET}`).totalSize).toBe(1);
  });

  it('fails every record with CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY and undoes the trigger DML when a trigger throws', async () => {
    const org = await orgWith(
      onWidget(['after insert'], () => {
        Database.insert([sobject(PARENT, { Name: 'side effect' })]);
        raise('Demo.BoomException', 'boom');
      }),
    );
    const results = await runApex(org, () => Database.insert([widget(), widget()], false));

    for (const result of results) {
      expect(result.errors).toEqual([
        {
          statusCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
          message:
            'Demo.WidgetTrigger: execution of AfterInsert caused by: Demo.BoomException: boom',
          fields: [],
        },
      ]);
    }
    expect(org.query(`SELECT Id FROM ${WIDGET}`).totalSize).toBe(0);
    expect(org.query(`SELECT Id FROM ${PARENT}`).totalSize).toBe(0);
  });

  it('stops with maximum trigger depth exceeded when a trigger keeps firing itself', async () => {
    let depth = 0;
    const org = await orgWith({
      name: 'Demo.ParentTrigger',
      sObject: PARENT,
      events: ['after insert'],
      handler: () => {
        depth++;
        Database.insert([sobject(PARENT, { Name: `level ${depth}` })]);
      },
    });
    const error = await rejectionOf(
      runApex(org, () => Database.insert([sobject(PARENT, { Name: 'root' })])),
    );

    expect(error).toBeInstanceOf(ApexException);
    expect((error as ApexException).describe()).toMatch(/Maximum trigger depth exceeded/);
    expect(depth).toBe(16);
    expect(org.query(`SELECT Id FROM ${PARENT}`).totalSize).toBe(0);
  });

  it('lets a static recursion guard stop the trigger when it is set in the same transaction', async () => {
    let runs = 0;
    const org = await orgWith({
      name: 'Demo.ParentTrigger',
      sObject: PARENT,
      events: ['after insert'],
      handler: () => {
        runs++;
        if (Statics.get<boolean>('Demo.guard') === true) return;
        Statics.set('Demo.guard', true);
        Database.insert([sobject(PARENT, { Name: 'child' })]);
      },
    });
    await runApex(org, () => Database.insert([sobject(PARENT, { Name: 'root' })]));
    await runApex(org, () => Database.insert([sobject(PARENT, { Name: 'root 2' })]));
    expect(runs).toBe(4);
    expect(org.query(`SELECT Id FROM ${PARENT}`).totalSize).toBe(4);
  });
});

describe('bulk DML', () => {
  it('runs triggers in chunks of 200, 200 and 50 within one statement when 450 records are inserted', async () => {
    const sizes: Record<string, number[]> = {};
    const org = await orgWith(
      onWidget(['before insert', 'after insert'], (ctx) => {
        (sizes[ctx.operationType] ??= []).push(ctx.size);
      }),
    );
    const statements = await runApex(org, () => {
      Database.insert(Array.from({ length: 450 }, (_, i) => widget({ Name: `w${i}` })));
      return Limits.getDmlStatements();
    });

    expect(sizes).toEqual({ BEFORE_INSERT: [200, 200, 50], AFTER_INSERT: [200, 200, 50] });
    expect(statements).toBe(1);
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(450);
  });

  it('retries the rest of the chunk without re-running failed records when saving partially', async () => {
    const seen: string[][] = [];
    const org = await orgWith(
      onWidget(['after insert'], (ctx) => {
        seen.push((ctx.new ?? []).map((record) => String(record.Name)));
        for (const record of ctx.new ?? []) if (record.Name === 'b') ctx.addError(record, 'no b');
      }),
    );
    const written: string[][] = [];
    org.events.on('records:written', (event) => written.push(event.ids));
    const results = await runApex(org, () =>
      Database.insert([widget({ Name: 'a' }), widget({ Name: 'b' }), widget({ Name: 'c' })], false),
    );

    expect(seen).toEqual([
      ['a', 'b', 'c'],
      ['a', 'c'],
    ]);
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    const stored = org.query(`SELECT Id FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Id);
    expect(stored).toEqual([results[0]?.id, results[2]?.id]);
    expect(written).toEqual([stored]);
  });
});
