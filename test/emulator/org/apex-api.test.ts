/** The ambient Apex API package code calls: each call acts on its own transaction. */
import { describe, expect, it } from 'vitest';

import {
  Database,
  Limits,
  OrgEnvironment,
  raise,
  sobject,
  Statics,
  System,
} from '../../../emulator/apex-api.ts';
import { demoPackage, WIDGET, widget } from '../../support/demo-package.ts';
import { openTestOrg, rejectionOf, runApex } from '../../support/test-org.ts';

describe('apex-api', () => {
  it('throws a plain error that says how to fix it when called outside a transaction', () => {
    expect(() => System.now()).toThrow(/outside an org transaction/);
    expect(() => Database.insert([widget()])).toThrow(/org\.run/);
  });

  it('gives the org clock, job and limit facts of the running transaction when asked', async () => {
    const { org, clock } = await openTestOrg({ packages: [demoPackage()] });
    clock.advance(1_000);
    const facts = await runApex(org, () => ({
      now: System.now(),
      jobId: System.currentJobId(),
      queueable: System.isQueueable(),
      limits: [Limits.getLimitCallouts(), Limits.getLimitDmlStatements(), Limits.getLimitQueries()],
    }));
    expect(facts).toEqual({
      now: new Date('2026-01-01T00:00:01.000Z'),
      jobId: null,
      queueable: false,
      limits: [100, 150, 100],
    });
  });

  it('binds variables and counts rows when Database.query and countQuery are called', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage()] });
    const outcome = await runApex(org, () => {
      Database.insert([widget({ Name: 'a' }), widget({ Name: 'b' })]);
      return {
        names: Database.query(`SELECT Name FROM ${WIDGET} WHERE Name IN :names`, {
          names: ['b'],
        }).map((r) => r.Name),
        count: Database.countQuery(`SELECT COUNT() FROM ${WIDGET}`),
        queries: Limits.getQueries(),
      };
    });
    expect(outcome).toEqual({ names: ['b'], count: 2, queries: 2 });
  });

  it('deletes the records when given records as well as Ids', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage()] });
    await runApex(org, () => {
      const [a, b] = Database.insert([widget(), widget()]);
      Database.delete(WIDGET, [sobject(WIDGET, { Id: a?.id }), String(b?.id)]);
    });
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(0);
  });

  it('writes the transaction log when System.debug is called', async () => {
    const { org } = await openTestOrg();
    const log = await runApex(org, (tx) => {
      System.debug('text');
      System.debug(null);
      System.debug({ a: 1 });
      return tx.debugLog;
    });
    expect(log).toEqual([
      'USER_DEBUG|[DEBUG]|text',
      'USER_DEBUG|[DEBUG]|null',
      'USER_DEBUG|[DEBUG]|{"a":1}',
    ]);
  });

  it('reads run-time overrides and raises typed exceptions when asked', async () => {
    const { org } = await openTestOrg();
    org.overrides.set('endpoint', 'http://127.0.0.1:1');
    expect(
      await runApex(org, () => [OrgEnvironment.get('endpoint'), OrgEnvironment.get('none')]),
    ).toEqual(['http://127.0.0.1:1', undefined]);
    const error = await rejectionOf(runApex(org, () => raise('Demo.MyException', 'mine')));
    expect(error).toMatchObject({ type: 'Demo.MyException', message: 'mine' });
  });

  it('keeps Statics apart when two transactions run', async () => {
    const { org } = await openTestOrg();
    await runApex(org, () => Statics.set('k', 1));
    expect(await runApex(org, () => Statics.get('k') ?? 'unset')).toBe('unset');
  });
});
