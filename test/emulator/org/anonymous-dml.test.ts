/**
 * DML from anonymous Apex on an org with the AFLO package: the records are saved through the
 * Apex API, so the package's triggers write their outbound async events and start their chains,
 * and a failure rolls back as on the platform.
 */
import { describe, expect, it } from 'vitest';

import { afloPackage } from '../../../aflo/package.ts';
import type { Org } from '../../../emulator/org.ts';
import { openTestOrg } from '../../support/test-org.ts';

async function afloOrg(): Promise<Org> {
  return (await openTestOrg({ packages: [afloPackage()] })).org;
}

/** The outbound events the triggers wrote, oldest first, as `Type Action ExternalId`. */
function outboundEvents(org: Org): string[] {
  return org
    .query(
      "SELECT AFLO__ObjectType__c, AFLO__Action__c, AFLO__ExternalId__c, AFLO__Status__c FROM AFLO__AsyncEvent__c WHERE AFLO__Direction__c = 'Outbound' ORDER BY Name",
    )
    .records.map(
      (event) =>
        `${String(event.AFLO__ObjectType__c)} ${String(event.AFLO__Action__c)} ${String(event.AFLO__ExternalId__c)} ${String(event.AFLO__Status__c)}`,
    );
}

function customerNames(org: Org): string[] {
  return org
    .query('SELECT Name FROM AFLO__Customer__c ORDER BY Name')
    .records.map((record) => String(record.Name));
}

async function runScript(org: Org, source: string) {
  const result = await org.runAnonymous(source);
  if (!result.compiled)
    expect.fail(`${result.line}:${result.column} ${result.compileProblem ?? ''}`);
  return result;
}

describe('anonymous Apex DML', () => {
  it('inserts customers, writes their Ids back and leaves one outbound event each', async () => {
    const org = await afloOrg();

    const result = await runScript(
      org,
      `
      List<AFLO__Customer__c> cs = new List<AFLO__Customer__c>();
      for (Integer i = 1; i <= 2; i++) {
        cs.add(new AFLO__Customer__c(Name = 'Customer ' + i, AFLO__CustomerId__c = 'c-' + i));
      }
      insert cs;
      System.debug(cs[0].Id != null);
      System.debug(cs[1]);
      `,
    );

    expect(result.success).toBe(true);
    const [, second] = org.query('SELECT Id FROM AFLO__Customer__c ORDER BY Name').records;
    expect(result.debugLog).toEqual([
      'USER_DEBUG|[DEBUG]|true',
      `USER_DEBUG|[DEBUG]|AFLO__Customer__c:{Name=Customer 2, AFLO__CustomerId__c=c-2, Id=${String(second?.Id)}}`,
    ]);
    expect(outboundEvents(org)).toEqual([
      'Customer Created c-1 Pending',
      'Customer Created c-2 Pending',
    ]);
    const jobs = org.query('SELECT ApexClass.Name, Status FROM AsyncApexJob').records;
    expect(jobs).toEqual([
      expect.objectContaining({
        ApexClass: expect.objectContaining({ Name: 'AsyncEventQueueable' }),
        Status: 'Queued',
      }),
    ]);
  });

  it('updates, upserts on the external id, deletes and undeletes, each change an event', async () => {
    const org = await afloOrg();

    await runScript(
      org,
      `
      AFLO__Customer__c c = new AFLO__Customer__c(Name = 'Ada', AFLO__CustomerId__c = 'ada');
      insert c;
      c.AFLO__CustomerEmail__c = 'ada@example.com';
      update c;
      upsert new AFLO__Customer__c(Name = 'Ada L.', AFLO__CustomerId__c = 'ada') AFLO__CustomerId__c;
      upsert new AFLO__Customer__c(Name = 'Grace', AFLO__CustomerId__c = 'grace') AFLO__CustomerId__c;
      delete c;
      undelete c;
      `,
    );

    expect(customerNames(org)).toEqual(['Ada L.', 'Grace']);
    expect(outboundEvents(org)).toEqual([
      'Customer Created ada Pending',
      'Customer Updated ada Pending',
      'Customer Updated ada Pending',
      'Customer Created grace Pending',
      'Customer Deleted ada Pending',
      'Customer Created ada Pending',
    ]);
  });

  it('fails with the platform message and commits nothing when a DmlException is not caught', async () => {
    const org = await afloOrg();

    const result = await runScript(
      org,
      "insert new AFLO__Customer__c(Name = 'ok', AFLO__CustomerId__c = 'ok');\ninsert new AFLO__Customer__c(Name = 'no id');",
    );

    expect(result).toMatchObject({
      success: false,
      exceptionType: 'System.DmlException',
      exceptionMessage:
        'System.DmlException: Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [AFLO__CustomerId__c]: [AFLO__CustomerId__c]',
      exceptionStackTrace: 'AnonymousBlock: line 2, column 1',
    });
    expect(customerNames(org)).toEqual([]);
    expect(outboundEvents(org)).toEqual([]);
    expect(org.query('SELECT COUNT() FROM AsyncApexJob').totalSize).toBe(0);
  });

  it('keeps the work before a caught DmlException and commits the rest of the script', async () => {
    const org = await afloOrg();

    const result = await runScript(
      org,
      `
      insert new AFLO__Customer__c(Name = 'kept', AFLO__CustomerId__c = 'kept');
      try {
        insert new AFLO__Customer__c(Name = 'duplicate', AFLO__CustomerId__c = 'KEPT');
      } catch (DmlException e) {
        System.debug(e.getNumDml() + ' ' + e.getDmlType(0) + ' ' + e.getDmlFieldNames(0));
      }
      insert new AFLO__Customer__c(Name = 'after', AFLO__CustomerId__c = 'after');
      `,
    );

    expect(result.success).toBe(true);
    expect(result.debugLog).toEqual(['USER_DEBUG|[DEBUG]|1 DUPLICATE_VALUE (AFLO__CustomerId__c)']);
    expect(customerNames(org)).toEqual(['after', 'kept']);
    expect(outboundEvents(org)).toEqual([
      'Customer Created kept Pending',
      'Customer Created after Pending',
    ]);
  });

  it('saves what it can and answers SaveResults when Database.insert is not all or none', async () => {
    const org = await afloOrg();

    const result = await runScript(
      org,
      `
      List<Database.SaveResult> results = Database.insert(new List<AFLO__Customer__c>{
        new AFLO__Customer__c(Name = 'good', AFLO__CustomerId__c = 'good'),
        new AFLO__Customer__c(Name = 'bad')
      }, false);
      for (Database.SaveResult r : results) {
        if (r.isSuccess()) System.debug('saved ' + (r.getId() != null));
        else System.debug(r.getErrors()[0].getStatusCode() + ': ' + r.getErrors()[0].getMessage());
      }
      System.debug(results[1]);
      Database.SaveResult single = Database.update(new AFLO__Customer__c(Id = results[0].getId(), Name = 'better'));
      System.debug(single.isSuccess());
      `,
    );

    expect(result.debugLog).toEqual([
      'USER_DEBUG|[DEBUG]|saved true',
      'USER_DEBUG|[DEBUG]|REQUIRED_FIELD_MISSING: Required fields are missing: [AFLO__CustomerId__c]',
      'USER_DEBUG|[DEBUG]|Database.SaveResult[getErrors=(Database.Error[getFields=(AFLO__CustomerId__c);getMessage=Required fields are missing: [AFLO__CustomerId__c];getStatusCode=REQUIRED_FIELD_MISSING;]);getId=null;isSuccess=false;]',
      'USER_DEBUG|[DEBUG]|true',
    ]);
    expect(customerNames(org)).toEqual(['better']);
  });

  it('counts the script’s DML, including the triggers’, in Limits', async () => {
    const org = await afloOrg();

    const result = await runScript(
      org,
      `
      Integer before = Limits.getDmlStatements();
      insert new List<AFLO__Customer__c>{
        new AFLO__Customer__c(Name = 'a', AFLO__CustomerId__c = 'a'),
        new AFLO__Customer__c(Name = 'b', AFLO__CustomerId__c = 'b')
      };
      System.debug(before + ' ' + (Limits.getDmlStatements() > 1) + ' ' + (Limits.getDmlRows() >= 2));
      System.debug(Limits.getLimitDmlStatements() + ' ' + Limits.getLimitDmlRows() + ' ' + Limits.getLimitQueries());
      System.debug(Limits.getQueueableJobs() + ' of ' + Limits.getLimitQueueableJobs());
      `,
    );

    expect(result.debugLog).toEqual([
      'USER_DEBUG|[DEBUG]|0 true true',
      'USER_DEBUG|[DEBUG]|150 10000 100',
      'USER_DEBUG|[DEBUG]|1 of 50',
    ]);
  });
});
