import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { runTriggers } from '../../../emulator/dml/trigger-runner.ts';
import { TriggerRegistry, type TriggerContext } from '../../../emulator/dml/triggers.ts';
import { SchemaRegistry } from '../../../emulator/metadata/schema-registry.ts';
import type { StoredRecord } from '../../../emulator/storage/records.ts';
import { Transaction } from '../../../emulator/transaction/transaction.ts';

describe('runTriggers', () => {
  it('sets isUndelete but not isDelete when the event is after undelete', () => {
    const type = new SchemaRegistry().define({ name: 'T__c', label: 'T', fields: [] });
    const registry = new TriggerRegistry();
    let seen: TriggerContext | undefined;
    registry.register({
      name: 'T',
      sObject: 't__c',
      events: ['after undelete'],
      handler: (ctx) => (seen = ctx),
    });
    const db = new Database(':memory:');
    const record: StoredRecord = { attributes: { type: 'T__c' }, Id: 'a00000000000001AAA' };

    try {
      const tx = new Transaction(db, { kind: 'system', allowsCallouts: false });
      runTriggers(tx, registry, type, 'after undelete', () => ({ new: [record], old: null }));
      expect(tx.triggerDepth).toBe(0);
    } finally {
      db.close();
    }

    expect(seen).toMatchObject({
      isUndelete: true,
      isDelete: false,
      isAfter: true,
      operationType: 'AFTER_UNDELETE',
    });
    expect(seen?.newMap?.get('a00000000000001AAA')).toBe(record);
  });
});
