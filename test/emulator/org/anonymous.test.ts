/** executeAnonymous on an org: compile first, then one transaction. */
import { describe, expect, it } from 'vitest';

import { Database, System } from '../../../emulator/apex-api.ts';
import { demoPackage, WIDGET, widget } from '../../support/demo-package.ts';
import { DEMO_JOBS } from '../../support/demo-jobs.ts';
import { openTestOrg } from '../../support/test-org.ts';

class Greeter {
  hello(name: string): void {
    System.debug(`hello ${name}`);
    Database.insert([widget({ Name: name })]);
  }
}

const CLASSES = [...DEMO_JOBS, { name: 'Demo.Greeter', type: Greeter, implements: [] }];

async function demoOrg() {
  return (await openTestOrg({ packages: [demoPackage({ classes: CLASSES })] })).org;
}

describe('runAnonymous', () => {
  it('commits the script’s work and returns its debug log when it succeeds', async () => {
    const org = await demoOrg();
    const result = await org.runAnonymous(
      "new Demo.Greeter().hello('ada');\nSystem.debug('done');",
    );

    expect(result).toMatchObject({
      compiled: true,
      success: true,
      line: -1,
      column: -1,
      exceptionMessage: null,
    });
    expect(result.debugLog).toEqual(['USER_DEBUG|[DEBUG]|hello ada', 'USER_DEBUG|[DEBUG]|done']);
    expect(org.query(`SELECT Name FROM ${WIDGET}`).records[0]?.Name).toBe('ada');
  });

  it('queues a job that exists once the script commits when it calls System.enqueueJob', async () => {
    const org = await demoOrg();
    const result = await org.runAnonymous(
      'ID jobId = System.enqueueJob(new Demo.EchoJob()); System.debug(jobId);',
    );
    expect(result.success).toBe(true);
    const [job] = org.query('SELECT Id, Status FROM AsyncApexJob').records;
    expect(result.debugLog).toEqual([`USER_DEBUG|[DEBUG]|${String(job?.Id)}`]);
    expect(job?.Status).toBe('Queued');
  });

  it('runs nothing and reports the problem when the script does not compile', async () => {
    const org = await demoOrg();
    const result = await org.runAnonymous("new Demo.Greeter().hello('x');\nnew Demo.Missing();");
    expect(result).toMatchObject({ compiled: false, success: false, line: 2 });
    expect(result.compileProblem).toMatch(/Invalid type: Demo\.Missing/);
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(0);
  });

  it('rolls back and reports the exception with its stack trace when the script throws', async () => {
    const org = await demoOrg();
    const result = await org.runAnonymous(
      "new Demo.Greeter().hello('x');\nSystem.enqueueJob(null);",
    );
    expect(result.success).toBe(false);
    expect(result.exceptionMessage).toMatch(/^System\.\w+Exception: /);
    expect(result.exceptionStackTrace).toMatch(/AnonymousBlock: line 2, column 1/);
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(0);
  });
});
