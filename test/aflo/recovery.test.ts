import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aflo, closeAll, count } from '../support/aflo-harness.ts';

const folders: string[] = [];
afterEach(async () => {
  await closeAll();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aflo-emu-recovery-'));
  folders.push(dir);
  return join(dir, 'org.db');
}

/** The pid of a process that has exited: nobody holds a lease under it. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid ?? 999_999;
}

describe('a runner that died mid-drain', () => {
  it('fails the job it left Processing and restarts the chain, so every event is processed', async () => {
    const db = tempDb();
    const first = await aflo({ db });
    await first.org.runAnonymous('(new AFLO.DownloadScheduler()).execute(null);');
    await first.org.drain({ maxJobs: 40 });
    // As the dead process left it: one job taken (Processing), its lease still in the database.
    const stranded = await first.org.run({ kind: 'system', allowsCallouts: false }, (tx) =>
      first.org.jobs.takeNextDue(tx),
    );
    first.org.settings.set(
      'runner.lease',
      JSON.stringify({ pid: deadPid(), heartbeat: Date.now() }),
    );
    await closeAll();

    const second = await aflo({ db });
    const report = await second.org.drain({ delayed: 'wait' });

    expect(report.recoveredJobs).toEqual([stranded?.id]);
    const [job] = second.org.query(
      'SELECT Status, ExtendedStatus FROM AsyncApexJob WHERE Id = :id',
      { binds: { id: String(stranded?.id) } },
    ).records;
    expect(job?.Status).toBe('Failed');
    expect(String(job?.ExtendedStatus)).toContain('stopped before the job finished');
    expect(
      count(
        second.org,
        "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c != 'Processed'",
      ),
    ).toBe(0);
    expect(count(second.org, 'SELECT COUNT() FROM AFLO__Customer__c')).toBe(100);
    expect(count(second.org, 'SELECT COUNT() FROM AFLO__CustomerPromotion__c')).toBe(100);
    expect(
      count(
        second.org,
        "SELECT COUNT() FROM AsyncApexJob WHERE Status IN ('Queued', 'Processing')",
      ),
    ).toBe(0);
  });

  it('leaves the jobs to a live process that holds the lease', async () => {
    const h = await aflo();
    await h.org.runAnonymous('(new AFLO.DownloadScheduler()).execute(null);');
    h.org.settings.set(
      'runner.lease',
      JSON.stringify({ pid: process.ppid, heartbeat: Date.now() }),
    );

    const report = await h.org.drain();

    expect(report).toMatchObject({
      runningElsewhere: { pid: process.ppid },
      jobsRun: 0,
      delayedJobs: 3,
    });
    expect(count(h.org, "SELECT COUNT() FROM AsyncApexJob WHERE Status = 'Queued'")).toBe(3);
  });
});
