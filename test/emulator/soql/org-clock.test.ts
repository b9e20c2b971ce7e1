/** Date literals in a running org read the org's clock (a VirtualClock here), never the wall clock. */
import { describe, expect, it } from 'vitest';

import { Database, sobject } from '../../../emulator/apex-api.ts';
import { demoPackage, WIDGET } from '../../support/demo-package.ts';
import { openTestOrg } from '../../support/test-org.ts';

describe('date literals in an org', () => {
  it('does read TODAY and YESTERDAY on the org clock, not the wall clock', async () => {
    const { org, clock } = await openTestOrg({ packages: [demoPackage()] });
    await org.run({ kind: 'system', allowsCallouts: false }, () => {
      Database.insert([sobject(WIDGET, { Name: 'w', Due__c: '2026-01-01' })]);
    });
    const today = `SELECT Name FROM ${WIDGET} WHERE CreatedDate = TODAY AND Due__c = TODAY`;
    const yesterday = `SELECT Name FROM ${WIDGET} WHERE CreatedDate = YESTERDAY AND Due__c = YESTERDAY`;

    const before = [org.query(today).totalSize, org.query(yesterday).totalSize];
    clock.advance(24 * 60 * 60 * 1000);
    const after = [org.query(today).totalSize, org.query(yesterday).totalSize];

    expect(before).toEqual([1, 0]);
    expect(after).toEqual([0, 1]);
  });
});
