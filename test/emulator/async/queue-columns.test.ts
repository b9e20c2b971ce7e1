/**
 * The queue's stack columns and the finalizer table on a database made before they existed:
 * opening it adds them, and the jobs it holds run as jobs with no stack options.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { System } from '../../../emulator/apex-api.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { ASYNC_DEMO_CLASSES, DepthChainJob } from '../../support/demo-async-jobs.ts';
import { openTestOrg, runApex, tempDatabasePath } from '../../support/test-org.ts';

const ADDED = ['max_depth', 'min_delay', 'failed_requeues', 'signature'];

function demoOrg(db: string) {
  return openTestOrg({ db, packages: [demoPackage({ classes: ASYNC_DEMO_CLASSES })] });
}

/** Takes the database back to the shape an older aflo-emu made. */
function downgrade(path: string): void {
  const db = new Database(path);
  try {
    db.exec('DROP INDEX emu_job_queue_signature');
    for (const column of ADDED) db.exec(`ALTER TABLE emu_job_queue DROP COLUMN ${column}`);
    db.exec('DROP TABLE emu_job_finalizer');
  } finally {
    db.close();
  }
}

describe('a database made before the queue knew stacks', () => {
  it('gains the columns and the finalizer table, and runs the job it held', async () => {
    const path = tempDatabasePath();
    const first = (await demoOrg(path)).org;
    await runApex(first, () => System.enqueueJob(new DepthChainJob()));
    first.close();
    downgrade(path);

    const { org } = await demoOrg(path);

    const columns = org.db.prepare('PRAGMA table_info(emu_job_queue)').all() as Array<{
      name: string;
    }>;
    expect(columns.map((column) => column.name)).toEqual(expect.arrayContaining(ADDED));
    expect(org.db.prepare('SELECT COUNT(*) AS n FROM emu_job_finalizer').get()).toEqual({ n: 0 });
    expect(await org.drain()).toMatchObject({ jobsRun: 1, completed: 1 });
    const [seen] = org.query(`SELECT Notes__c FROM ${WIDGET}`).records;
    expect(JSON.parse(String(seen?.Notes__c))).toEqual({
      depth: 1,
      max: null,
      minDelay: null,
      hasMax: false,
    });
  });
});
