/** Upsert and update as single DML statements: limits, trigger runs and duplicate keys. */
import { describe, expect, it } from 'vitest';

import {
  ApexException,
  Database,
  DmlException,
  Limits,
  sobject,
} from '../../../emulator/apex-api.ts';
import type { TriggerDefinition } from '../../../emulator/dml/triggers.ts';
import { demoPackage, WIDGET, widget } from '../../support/demo-package.ts';
import { openTestOrg, rejectionOf, runApex } from '../../support/test-org.ts';

async function orgWith(...triggers: TriggerDefinition[]) {
  return (await openTestOrg({ packages: [demoPackage({ triggers })] })).org;
}

describe('upsert as one statement', () => {
  it('counts one DML statement when it both inserts and updates', async () => {
    const org = await orgWith();
    await runApex(org, () => Database.insert([widget({ ExtId__c: 'old' })]));
    const statements = await runApex(org, () => {
      Database.upsert([widget({ ExtId__c: 'old' }), widget({ ExtId__c: 'new' })], 'ExtId__c');
      return Limits.getDmlStatements();
    });
    expect(statements).toBe(1);
  });

  it('runs before insert triggers once when an all-or-none upsert fails', async () => {
    const runs: number[] = [];
    const org = await orgWith({
      name: 'Demo.Count',
      sObject: WIDGET,
      events: ['before insert'],
      handler: (ctx) => void runs.push(ctx.size),
    });
    const error = await rejectionOf(
      runApex(org, () =>
        Database.upsert(
          [widget({ ExtId__c: 'a' }), widget({ ExtId__c: 'b', Code__c: 'x'.repeat(11) })],
          'ExtId__c',
        ),
      ),
    );
    expect(error).toBeInstanceOf(DmlException);
    expect((error as DmlException).message).toMatch(
      /^Upsert failed\. First exception on row 1; first error: STRING_TOO_LONG/,
    );
    expect(runs).toEqual([1]);
  });

  it('fails every record sharing an external id when the call repeats that id', async () => {
    const org = await orgWith();
    const results = await runApex(org, () =>
      Database.upsert(
        [
          widget({ ExtId__c: 'dup', Name: 'a' }),
          widget({ ExtId__c: 'solo' }),
          widget({ ExtId__c: 'DUP', Name: 'b' }),
        ],
        'ExtId__c',
        false,
      ),
    );
    expect(results.map((r) => r.errors[0]?.statusCode ?? 'ok')).toEqual([
      'DUPLICATE_VALUE',
      'ok',
      'DUPLICATE_VALUE',
    ]);
    expect(results[0]?.errors[0]).toMatchObject({
      message: 'Duplicate external id specified: dup',
      fields: ['ExtId__c'],
    });
    expect(org.query(`SELECT ExtId__c FROM ${WIDGET}`).records.map((r) => r.ExtId__c)).toEqual([
      'solo',
    ]);
  });
});

describe('update with repeated Ids', () => {
  it('throws System.ListException and writes nothing when one Id appears twice', async () => {
    const org = await orgWith();
    const [inserted] = await runApex(org, () => Database.insert([widget({ Name: 'orig' })]));
    const id = String(inserted?.id);
    const error = await rejectionOf(
      runApex(org, () =>
        Database.update([
          sobject(WIDGET, { Id: id, Name: 'one' }),
          sobject(WIDGET, { Id: id.slice(0, 15), Name: 'two' }),
        ]),
      ),
    );
    expect(error).toBeInstanceOf(ApexException);
    expect((error as ApexException).describe()).toBe(
      `System.ListException: Duplicate id in list: ${id}`,
    );
    expect(org.query(`SELECT Name FROM ${WIDGET}`).records[0]?.Name).toBe('orig');
  });
});
