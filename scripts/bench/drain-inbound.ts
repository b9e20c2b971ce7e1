/**
 * Drains N pending inbound Customer events through the AFLO chain on a temp-file org, and
 * reports events per second.
 */
import { afloPackage } from '../../aflo/package.ts';
import { Database, sobject } from '../../emulator/apex-api.ts';
import { VirtualClock } from '../../emulator/clock.ts';
import { Org } from '../../emulator/org.ts';
import { generateFixtures } from '../../fixtures/amberflo/index.ts';
import { startChain } from '../../aflo/events/chains.ts';

export async function drainInboundRate(path: string, events: number): Promise<number> {
  const org = await Org.open({
    db: path,
    clock: new VirtualClock('2026-03-01T00:00:00Z'),
    packages: [afloPackage()],
  });
  const { customers } = generateFixtures({ customers: events });
  // Seeded in transactions of 5,000 records: one transaction may write at most 10,000 DML rows.
  for (let first = 0; first < customers.length; first += 5000) {
    const slice = customers.slice(first, first + 5000);
    const last = first + 5000 >= customers.length;
    await org.run({ kind: 'anonymous', allowsCallouts: false }, () => {
      const now = org.clock.now();
      const records = slice.map((customer) =>
        sobject('AFLO__AsyncEvent__c', {
          AFLO__ObjectType__c: 'Customer',
          AFLO__Direction__c: 'Inbound',
          AFLO__Action__c: 'Created',
          AFLO__Status__c: 'Pending',
          AFLO__Timestamp__c: now,
          AFLO__NextAttemptAt__c: now,
          AFLO__ExternalId__c: customer.customerId,
          AFLO__Payload__c: JSON.stringify(customer),
        }),
      );
      for (let i = 0; i < records.length; i += 200) Database.insert(records.slice(i, i + 200));
      if (last) startChain('Customer');
    });
  }

  const started = performance.now();
  const report = await org.drain();
  const seconds = (performance.now() - started) / 1000;
  const processed = org.query(
    "SELECT COUNT() FROM AFLO__AsyncEvent__c WHERE AFLO__Status__c = 'Processed'",
  ).totalSize;
  org.close();
  if (processed !== events || report.failed > 0)
    throw new Error(
      `expected ${events} processed events, got ${processed} (${report.failed} failed jobs)`,
    );
  return events / seconds;
}
