/**
 * A drain killed with SIGKILL again and again, as a crash or `kill -9` would end it: 5,000
 * outbound exports (customers, promotions and the promotions applied to customers, whose apply is
 * not idempotent in Amberflo), killed at 20 counts of Processed events a seeded PRNG picks, and
 * started again after each kill. In the end every event is Processed, once: no job is left
 * Queued or Processing, Amberflo holds each record once, and the database is intact.
 *
 * The fake Amberflo runs in this process, so it outlives the kills. When to kill: the child logs
 * at debug level (`AFLO_EMU_LOG_LEVEL=debug`: pino JSON lines on stderr, written synchronously)
 * `job completed` once each job's transaction has committed. With no fault injected, each
 * `AFLO.AsyncEventQueueable` job processes exactly one event, so the n-th such line of a run
 * means the events Processed before it started plus n are Processed in the database. The test
 * sends SIGKILL as it reads that line; the child commits a few more before the signal lands,
 * wherever it is then (in a callout, between a callout and its commit, taking the next job), and
 * the test checks after each kill that it landed mid-drain: at least k Processed, not all.
 *
 * One kill more lands where a duplicate would come from: Amberflo has applied a promotion to a
 * customer, but its answer is held (a fault rule), so the child has not committed the event;
 * the test kills the child when the fake says the apply is done.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { afloPackage } from '../../aflo/package.ts';
import { Database as Apex, sobject } from '../../emulator/apex-api.ts';
import { RealClock } from '../../emulator/clock.ts';
import { Org } from '../../emulator/org.ts';
import { DEFAULT_API_KEY, startFakeAmberflo } from '../../fixtures/amberflo/index.ts';
import { createPrng } from '../../fixtures/amberflo/prng.ts';
import { binary, removeTempFolders, tempFolder } from '../support/cli-harness.ts';
import { startCli } from '../support/cli-process.ts';

afterEach(removeTempFolders);

const CUSTOMERS = 1_500;
const PROMOTIONS = 1_000;
const APPLIED = 2_500;
const EVENTS = CUSTOMERS + PROMOTIONS + APPLIED;
const KILLS = 20;
const SEED = 20_260_301;
/** No kill in the first or last events: a kill must land after k Processed and before the end. */
const MARGIN = 100;

const JOB_COMPLETED = /"className":"AFLO\.AsyncEventQueueable","msg":"job completed"/;
const APPLY = '/payments/pricing/amberflo/customer-promotions';

/**
 * The 20 counts of Processed events to kill at: one in each twentieth of the drain, so kills
 * land in every phase (customers and promotions exporting side by side, then the promotions
 * applied to customers, which start only once both are done).
 */
function killPoints(): number[] {
  const prng = createPrng(SEED);
  const span = Math.floor((EVENTS - 2 * MARGIN) / KILLS);
  return Array.from({ length: KILLS }, (_, i) => MARGIN + i * span + prng.int(0, span - 1));
}

/**
 * An org whose 5,000 records wait to be exported: customers and promotions, then promotions
 * applied to customers (distinct pairs: customer i mod 1,500 with promotion i mod 1,000). The
 * daily sync is off, so no download starts if the drain crosses its hour.
 */
async function seedOrg(db: string): Promise<void> {
  const org = await Org.open({ db, clock: new RealClock(), packages: [afloPackage()] });
  try {
    await org.run({ kind: 'anonymous', allowsCallouts: false }, () => {
      const [settings] = Apex.query('SELECT Id FROM AFLO__Settings__c LIMIT 1');
      Apex.update([
        sobject('AFLO__Settings__c', { Id: String(settings?.Id), AFLO__DailySync__c: false }),
      ]);
      Apex.insert(
        Array.from({ length: CUSTOMERS }, (_, i) =>
          sobject('AFLO__Customer__c', { Name: `Kill ${i}`, AFLO__CustomerId__c: `kill-${i}` }),
        ),
      );
      Apex.insert(
        Array.from({ length: PROMOTIONS }, (_, i) =>
          sobject('AFLO__Promotion__c', {
            Name: `Kill promotion ${i}`,
            AFLO__PromotionId__c: `kill-promotion-${i}`,
          }),
        ),
      );
    });
    await org.run({ kind: 'anonymous', allowsCallouts: false }, () => {
      Apex.insert(
        Array.from({ length: APPLIED }, (_, i) =>
          sobject('AFLO__CustomerPromotion__c', {
            AFLO__CustomerId__c: `kill-${i % CUSTOMERS}`,
            AFLO__PromotionId__c: `kill-promotion-${i % PROMOTIONS}`,
          }),
        ),
      );
    });
  } finally {
    org.close();
  }
}

/** Processed events, read straight from the file between runs (no child is running then). */
function processedEvents(db: string): number {
  const connection = new Database(db, { fileMustExist: true });
  try {
    const row = connection
      .prepare(`SELECT count(*) AS n FROM "AFLO__AsyncEvent__c" WHERE "AFLO__Status__c" = ?`)
      .get('Processed') as { n: number };
    return row.n;
  } finally {
    connection.close();
  }
}

function integrityCheck(db: string): unknown {
  const connection = new Database(db, { fileMustExist: true });
  try {
    return connection.pragma('integrity_check');
  } finally {
    connection.close();
  }
}

describe('a drain killed with SIGKILL, then started again', () => {
  it('ends with every one of 5,000 exports processed once, after 20 kills at seeded counts and one between an apply and its commit', async () => {
    const fake = await startFakeAmberflo({ port: 0 });
    onTestFinished(() => fake.close());
    const db = join(tempFolder(), 'org.db');
    await seedOrg(db);
    const args = ['--db', db, '--amberflo', fake.url, '--amberflo-key', DEFAULT_API_KEY];

    for (const k of killPoints()) {
      const before = processedEvents(db);
      const drain = startCli([...args, '--quiet', 'drain'], { AFLO_EMU_LOG_LEVEL: 'debug' });
      // A kill point the last kill overshot is taken as "after one more event".
      await drain.nthLine('stderr', JOB_COMPLETED, Math.max(1, k - before));
      drain.child.kill('SIGKILL');

      expect(await drain.exited).toEqual({ code: null, signal: 'SIGKILL' });
      const processed = processedEvents(db);
      expect(processed).toBeGreaterThanOrEqual(k);
      expect(processed).toBeLessThan(EVENTS);
    }
    fake.faults.add({ method: 'POST', path: APPLY, kind: 'timeout', phase: 'after', count: 1 });
    const appliedInAmberflo = new Promise<'applied'>((resolve) =>
      fake.faults.once('fault', () => resolve('applied')),
    );
    const cutShort = startCli([...args, '--quiet', 'drain']);
    const ended = cutShort.exited.then(() => 'ended' as const);
    expect(await Promise.race([appliedInAmberflo, ended])).toBe('applied');
    cutShort.child.kill('SIGKILL');
    expect(await cutShort.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const heldApply = fake.state.requests.filter((r) => r.method === 'POST' && r.path === APPLY);
    const cutPair = heldApply.at(-1)?.body as { customerId: string; promotionId: string };

    const last = await binary([...args, '--quiet', 'drain']);

    expect(last.stderr).toBe('');
    expect(last.code).toBe(0);
    expect(integrityCheck(db)).toEqual([{ integrity_check: 'ok' }]);

    const org = await Org.open({ db, clock: new RealClock(), packages: [afloPackage()] });
    onTestFinished(() => org.close());
    const count = (soql: string): number => org.query(soql).totalSize;
    expect(count('SELECT COUNT() FROM AFLO__AsyncEvent__c')).toBe(EVENTS);
    // Processed at the first attempt: an attempt a kill cut short left nothing behind.
    expect(
      count(
        "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Processed' AND AFLO__Attempts__c = 1",
      ),
    ).toBe(EVENTS);
    expect(count("SELECT COUNT() FROM AsyncApexJob WHERE Status IN ('Queued', 'Processing')")).toBe(
      0,
    );

    // Each event was processed by a job of its own that completed; the only failed jobs are
    // those a kill left Processing, failed by the next start.
    const statusOf = new Map(
      org.query('SELECT Id, Status FROM AsyncApexJob').records.map((job) => [job.Id, job.Status]),
    );
    const jobIds = org
      .query('SELECT AFLO__JobId__c FROM AFLO__AsyncEvent__c')
      .records.map((event) => event.AFLO__JobId__c);
    expect(new Set(jobIds).size).toBe(EVENTS);
    expect(jobIds.filter((id) => statusOf.get(id) !== 'Completed')).toEqual([]);
    const failed = org.query("SELECT ExtendedStatus FROM AsyncApexJob WHERE Status = 'Failed'");
    expect(failed.totalSize).toBeLessThanOrEqual((KILLS + 1) * org.runner.concurrency);
    for (const job of failed.records) {
      expect(String(job.ExtendedStatus)).toMatch(
        /^System\.UnexpectedException: process \d+ running this job stopped before the job finished; its work was rolled back$/,
      );
    }

    // Amberflo holds each exported record once.
    const customers = [...fake.state.customers.values()].filter((c) =>
      c.customerId.startsWith('kill-'),
    );
    expect(customers).toHaveLength(CUSTOMERS);
    const promotions = [...fake.state.promotions.values()].filter((p) =>
      p.id.startsWith('kill-promotion-'),
    );
    expect(promotions).toHaveLength(PROMOTIONS);
    const applied = [...fake.state.customerPromotions.values()].filter((cp) =>
      cp.customerId.startsWith('kill-'),
    );
    expect(new Set(applied.map((cp) => `${cp.customerId}/${cp.promotionId}`)).size).toBe(APPLIED);
    const cutApply = applied.filter(
      (cp) => cp.customerId === cutPair.customerId && cp.promotionId === cutPair.promotionId,
    );
    expect(cutApply).toHaveLength(1);
    expect(applied).toHaveLength(APPLIED);
    const relationIds = org
      .query('SELECT AFLO__RelationId__c FROM AFLO__CustomerPromotion__c')
      .records.map((record) => record.AFLO__RelationId__c);
    expect(new Set(relationIds)).toEqual(new Set(applied.map((cp) => cp.relationId)));
  }, 480_000);
});
