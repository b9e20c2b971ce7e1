/** Transactions: all or nothing, statement rollback, isolation between concurrent ones, limits. */
import { describe, expect, it } from 'vitest';

import {
  ApexException,
  Database,
  Http,
  HttpRequest,
  Limits,
  sobject,
  Statics,
  System,
  type Queueable,
} from '../../../emulator/apex-api.ts';
import { OrgLock } from '../../../emulator/transaction/org-lock.ts';
import { demoPackage, PARENT, WIDGET, widget } from '../../support/demo-package.ts';
import { startHoldingServer } from '../../support/loopback-server.ts';
import { openTestOrg, rejectionOf, runApex } from '../../support/test-org.ts';

class NoOpJob implements Queueable {
  execute(): void {}
}

/** Inserts a widget, queues a job, then fails: nothing of it may survive. */
class Breaker {
  go(): void {
    Database.insert([widget({ Name: 'doomed' })]);
    System.enqueueJob(new NoOpJob());
    throw new ApexException('System.IllegalArgumentException', 'changed my mind');
  }
}

const CLASSES = [
  { name: 'Demo.NoOpJob', type: NoOpJob, implements: ['Queueable'] as const },
  { name: 'Demo.Breaker', type: Breaker, implements: [] },
];

async function demoOrg() {
  return (await openTestOrg({ packages: [demoPackage({ classes: CLASSES })] })).org;
}

describe('transaction rollback', () => {
  it('leaves no record and no AsyncApexJob when anonymous Apex throws after DML and enqueueJob', async () => {
    const org = await demoOrg();
    const result = await org.runAnonymous('new Demo.Breaker().go();');

    expect(result).toMatchObject({
      compiled: true,
      success: false,
      exceptionType: 'System.IllegalArgumentException',
      exceptionMessage: 'System.IllegalArgumentException: changed my mind',
    });
    expect(org.query(`SELECT Id FROM ${WIDGET}`).totalSize).toBe(0);
    expect(org.query('SELECT Id FROM AsyncApexJob').totalSize).toBe(0);
    expect(await org.drain()).toMatchObject({ jobsRun: 0 });
  });

  it('restores updated and deleted records when the transaction throws', async () => {
    const org = await demoOrg();
    const [kept, removed] = await runApex(org, () =>
      Database.insert([widget({ Name: 'kept' }), widget({ Name: 'removed' })]),
    );

    await rejectionOf(
      runApex(org, () => {
        Database.update([sobject(WIDGET, { Id: kept?.id, Name: 'overwritten' })]);
        Database.delete(WIDGET, [String(removed?.id)]);
        Database.insert([sobject(PARENT, { Name: 'new' })]);
        throw new Error('abort');
      }),
    );

    expect(
      org.query(`SELECT Name FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Name),
    ).toEqual(['kept', 'removed']);
    expect(org.query(`SELECT Id FROM ${PARENT}`).totalSize).toBe(0);
  });

  it('keeps the rest of the transaction when a failed DML statement is caught', async () => {
    const org = await demoOrg();
    await runApex(org, () => {
      Database.insert([widget({ Name: 'first' })]);
      try {
        Database.insert([widget({ Name: 'second' }), widget({ Status__c: 'Bad' })]);
      } catch {
        // the failed statement alone is undone
      }
      Database.insert([widget({ Name: 'third' })]);
    });
    expect(
      org.query(`SELECT Name FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Name),
    ).toEqual(['first', 'third']);
  });

  it('tells observers of writes only after the commit when one transaction commits and one rolls back', async () => {
    const org = await demoOrg();
    const written: string[] = [];
    org.events.on('records:written', (event) => written.push(...event.ids));

    const id = await runApex(org, () => {
      const [result] = Database.insert([widget()]);
      expect(written).toEqual([]);
      return result?.id;
    });
    await rejectionOf(
      runApex(org, () => {
        Database.insert([widget({ Name: 'lost' })]);
        throw new Error('no');
      }),
    );

    expect(written).toEqual([id]);
  });
});

describe('concurrent transactions', () => {
  it('never shows either transaction the other one’s uncommitted work when one awaits a callout', async () => {
    const org = await demoOrg();
    const server = await startHoldingServer();

    const slow = runApex(org, async () => {
      const request = new HttpRequest();
      request.setEndpoint(`${server.url}/slow`);
      const response = await new Http().send(request);
      const seen = Database.query(`SELECT Name FROM ${WIDGET}`).map((r) => r.Name);
      Database.insert([widget({ Name: 'from slow' })]);
      return { status: response.getStatusCode(), seen };
    });
    await server.arrived();

    const failing = runApex(org, async () => {
      Database.insert([widget({ Name: 'uncommitted' })]);
      const seenInside = Database.query(`SELECT Name FROM ${WIDGET}`).map((r) => r.Name);
      await server.respond(200, 'done');
      await new Promise((resolve) => setImmediate(resolve));
      throw new ApexException('System.IllegalArgumentException', `saw ${seenInside.join(',')}`);
    });
    const failure = await rejectionOf(failing);
    await runApex(org, () => Database.insert([widget({ Name: 'committed' })]));

    expect((failure as ApexException).message).toBe('saw uncommitted');
    const outcome = await slow;
    expect(outcome.status).toBe(200);
    expect(outcome.seen).not.toContain('uncommitted');
    expect(
      org.query(`SELECT Name FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Name),
    ).toEqual(['committed', 'from slow']);
  });

  it('runs another transaction to the end when one is awaiting a callout', async () => {
    const org = await demoOrg();
    const server = await startHoldingServer();
    const slow = runApex(org, async () => {
      const request = new HttpRequest();
      request.setEndpoint(server.url);
      return (await new Http().send(request)).getBody();
    });
    await server.arrived();

    await runApex(org, () => Database.insert([widget({ Name: 'meanwhile' })]));
    await server.respond(200, 'late');

    expect(await slow).toBe('late');
    expect(org.query(`SELECT Name FROM ${WIDGET}`).records.map((r) => r.Name)).toEqual([
      'meanwhile',
    ]);
  });
});

describe('transaction limits and statics', () => {
  it('throws System.LimitException when the 151st DML statement runs', async () => {
    const org = await demoOrg();
    const error = await rejectionOf(
      runApex(org, () => {
        for (let i = 0; i < 151; i++) Database.insert([widget({ Name: `w${i}` })]);
      }),
    );
    expect((error as ApexException).describe()).toBe(
      'System.LimitException: Too many DML statements: 151',
    );
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(0);
  });

  it('throws System.LimitException when the 101st SOQL query runs in a synchronous transaction', async () => {
    const org = await demoOrg();
    const error = await rejectionOf(
      runApex(org, () => {
        for (let i = 0; i < 101; i++) Database.query(`SELECT Id FROM ${WIDGET}`);
      }),
    );
    expect((error as ApexException).describe()).toBe(
      'System.LimitException: Too many SOQL queries: 101',
    );
    const used = await runApex(org, () => {
      Database.query(`SELECT Id FROM ${WIDGET}`);
      return Limits.getQueries();
    });
    expect(used).toBe(1);
  });

  it('forgets statics when the next transaction starts', async () => {
    const org = await demoOrg();
    await runApex(org, () => Statics.set('Demo.flag', 'set'));
    expect(await runApex(org, () => Statics.get<string>('Demo.flag'))).toBeUndefined();
  });

  it('refuses to run when the org is closed', async () => {
    const org = await demoOrg();
    org.close();
    await expect(runApex(org, () => 1)).rejects.toThrow(/closed/);
  });
});

describe('OrgLock', () => {
  it('hands the lock out in request order when several wait, each release counting once', async () => {
    const lock = new OrgLock();
    const order: string[] = [];
    const releaseFirst = await lock.acquire();
    const second = lock.acquire().then((release) => {
      order.push('second');
      return release;
    });
    const third = lock.acquire().then((release) => {
      order.push('third');
      release();
    });
    expect(lock.isHeld).toBe(true);

    releaseFirst();
    releaseFirst();
    const releaseSecond = await second;
    expect(order).toEqual(['second']);
    releaseSecond();
    await third;
    expect(order).toEqual(['second', 'third']);
    expect(lock.isHeld).toBe(false);
  });
});
