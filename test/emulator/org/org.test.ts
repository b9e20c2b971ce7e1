/** Opening an org: standard records, installed packages, and reopening a database file. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { Database } from '../../../emulator/apex-api.ts';
import { VirtualClock } from '../../../emulator/clock.ts';
import { DEFAULT_USERNAME, Org } from '../../../emulator/org.ts';
import { demoPackage, WIDGET, widget } from '../../support/demo-package.ts';
import { DEMO_JOBS } from '../../support/demo-jobs.ts';
import {
  openTestOrg,
  rejectionOf,
  runApex,
  START,
  tempDatabasePath,
} from '../../support/test-org.ts';

describe('Org.open', () => {
  it('creates the default user when the database is new', async () => {
    const { org } = await openTestOrg();
    const users = org.query(
      'SELECT Id, Username, Email, IsActive, TimeZoneSidKey, CreatedDate FROM User',
    ).records;
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({
      Id: org.userId(),
      Username: DEFAULT_USERNAME,
      IsActive: true,
      TimeZoneSidKey: 'GMT',
    });
    expect(users[0]?.CreatedDate).toEqual(new Date(START));
  });

  it('writes one active ApexClass record per class with its namespace when classes are registered', async () => {
    const { org } = await openTestOrg({ packages: [demoPackage({ classes: DEMO_JOBS })] });
    const rows = org.query(
      'SELECT Name, NamespacePrefix, Status, IsValid FROM ApexClass ORDER BY Name',
    ).records;
    expect(rows.map((row) => row.Name)).toEqual(
      DEMO_JOBS.map((c) => c.name.slice('Demo.'.length)).sort(),
    );
    for (const row of rows)
      expect(row).toMatchObject({ NamespacePrefix: 'Demo', Status: 'Active', IsValid: true });
  });

  it('runs a package install step once and keeps the data when the database file is reopened', async () => {
    const db = tempDatabasePath();
    let installs = 0;
    const pkg = demoPackage({
      classes: DEMO_JOBS,
      install: (org) => {
        installs++;
        return org.run(
          { kind: 'system', allowsCallouts: false },
          () => void Database.insert([widget({ Name: 'installed' })]),
        );
      },
    });

    const first = await Org.open({ db, clock: new VirtualClock(START), packages: [pkg] });
    const userId = first.userId();
    let widgetId: string | null | undefined;
    try {
      const [result] = await runApex(first, () => Database.insert([widget({ Name: 'mine' })]));
      widgetId = result?.id;
    } finally {
      first.close();
    }

    const { org } = await openTestOrg({ db, packages: [pkg] });
    expect(installs).toBe(1);
    expect(org.userId()).toBe(userId);
    expect(org.query('SELECT COUNT() FROM User').totalSize).toBe(1);
    expect(org.query('SELECT COUNT() FROM ApexClass').totalSize).toBe(DEMO_JOBS.length);
    expect(
      org.query(`SELECT Name FROM ${WIDGET} ORDER BY Name`).records.map((r) => r.Name),
    ).toEqual(['installed', 'mine']);

    const [next] = await runApex(org, () => Database.insert([widget({ Name: 'after reopen' })]));
    expect(next?.id).not.toBe(widgetId);
    expect(org.query(`SELECT COUNT() FROM ${WIDGET}`).totalSize).toBe(3);
  });

  it('closes the database when a package install step fails', async () => {
    const db = tempDatabasePath();
    const pkg = demoPackage({
      install: () => {
        throw new Error('install broke');
      },
    });
    await expect(Org.open({ db, clock: new VirtualClock(START), packages: [pkg] })).rejects.toThrow(
      'install broke',
    );
    // SQLite removes the WAL file when the last connection to a database closes.
    expect(existsSync(`${db}-wal`)).toBe(false);
  });

  it('refuses to open when two packages define the same object', async () => {
    const error = await rejectionOf(Org.open({ packages: [demoPackage(), demoPackage()] }));
    expect(String(error)).toMatch(/defined twice/);
  });
});

describe('Org.close', () => {
  it('makes later closes harmless when the org is already closed', async () => {
    const { org } = await openTestOrg();
    org.close();
    org.close();
    expect(org.isClosed).toBe(true);
  });
});
