import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cli, removeTempFolders, tempFolder } from '../support/cli-harness.ts';

afterEach(removeTempFolders);

/** One org database, synced once, shared by the read-only tests below (they never write). */
let synced = '';
let syncedFolder = '';
beforeAll(async () => {
  syncedFolder = mkdtempSync(join(tmpdir(), 'aflo-emu-synced-'));
  synced = join(syncedFolder, 'synced.db');
  const run = await cli([
    '--db',
    synced,
    '--quiet',
    'apex',
    '(new AFLO.DownloadScheduler()).execute(null);',
  ]);
  if (run.code !== 0) throw new Error(`sync failed: ${run.stderr}`);
});
afterAll(() => rmSync(syncedFolder, { recursive: true, force: true }));

describe('aflo-emu query', () => {
  it('prints the REST query body with --json', async () => {
    const run = await cli([
      '--db',
      synced,
      'query',
      'SELECT Name, AFLO__CustomerId__c, CreatedDate FROM AFLO__Customer__c ORDER BY AFLO__CustomerId__c LIMIT 2',
      '--json',
    ]);

    const body = JSON.parse(run.stdout) as {
      totalSize: number;
      done: boolean;
      records: Array<Record<string, unknown>>;
    };
    expect(run.code).toBe(0);
    expect(body).toMatchObject({ totalSize: 2, done: true });
    expect(body.records[0]).toMatchObject({
      attributes: { type: 'AFLO__Customer__c' },
      AFLO__CustomerId__c: expect.any(String),
    });
    expect(String((body.records[0]?.attributes as { url: string }).url)).toMatch(
      /^\/services\/data\/v\d+\.0\/sobjects\/AFLO__Customer__c\/a0/,
    );
    expect(String(body.records[0]?.CreatedDate)).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/,
    );
  });

  it('prints a table with parent fields flattened', async () => {
    const run = await cli([
      '--db',
      synced,
      'query',
      'SELECT AFLO__Customer__r.Name, AFLO__PromotionId__c FROM AFLO__CustomerPromotion__c LIMIT 1',
    ]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('AFLO__Customer__r.Name');
    expect(run.stdout).toContain('totalSize: 1');
  });

  it('answers malformed SOQL with the error code on one line and exit 1', async () => {
    const run = await cli([
      '--db',
      synced,
      'query',
      "SELECT Id FROM AFLO__Customer__c WHERE Name = 'a' AND Name = 'b' OR Name = 'c'",
    ]);

    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(
      /^aflo-emu: MALFORMED_QUERY at row 1 column \d+: unexpected token: OR$/,
    );
  });

  it('answers an unknown object with INVALID_TYPE', async () => {
    const run = await cli(['--db', synced, 'query', 'SELECT Id FROM Nope__c']);

    expect(run).toMatchObject({ code: 1 });
    expect(run.stderr).toMatch(
      /^aflo-emu: INVALID_TYPE at row 1 column 16: sObject type 'Nope__c' is not supported/,
    );
  });
});

describe('aflo-emu events', () => {
  it('filters by status, type and direction, list being the default subcommand', async () => {
    const listed = await cli([
      '--db',
      synced,
      'events',
      '--type',
      'Promotion',
      '--status',
      'Processed',
      '--direction',
      'Inbound',
      '--json',
    ]);
    const explicit = await cli(['--db', synced, 'events', 'list', '--type', 'Promotion', '--json']);

    expect(JSON.parse(listed.stdout)).toMatchObject({ totalSize: 10 });
    expect(JSON.parse(explicit.stdout)).toMatchObject({ totalSize: 10 });
  });

  it('refuses a value that is not a picklist value', async () => {
    const run = await cli(['--db', synced, 'events', '--status', 'Done']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("'Done' is invalid");
  });
});

describe('aflo-emu jobs', () => {
  it('lists AsyncApexJob rows with their class', async () => {
    const run = await cli(['--db', synced, 'jobs', '--status', 'Completed', '--json']);

    const body = JSON.parse(run.stdout) as {
      totalSize: number;
      records: Array<{ ApexClass: { Name: string }; JobType: string }>;
    };
    expect(body.totalSize).toBe(234);
    expect(new Set(body.records.map((r) => r.ApexClass.Name))).toEqual(
      new Set([
        'PromotionDownloadQueueable',
        'CustomerDownloadQueueable',
        'ProductItemDownloadQueueable',
        'AsyncEventQueueable',
      ]),
    );
    expect(body.records.every((r) => r.JobType === 'Queueable')).toBe(true);
  });
});

describe('aflo-emu reset', () => {
  it('replaces the org with an empty one that has the package installed', async () => {
    const db = join(tempFolder(), 'org.db');
    await cli(['--db', db, '--quiet', 'apex', '(new AFLO.DownloadScheduler()).execute(null);']);

    const reset = await cli(['--db', db, 'reset']);
    const customers = await cli(['--db', db, 'query', 'SELECT COUNT() FROM AFLO__Customer__c']);
    const settings = await cli(['--db', db, 'query', 'SELECT COUNT() FROM AFLO__Settings__c']);

    expect(reset.code).toBe(0);
    expect(customers.stdout).toBe('totalSize: 0');
    expect(settings.stdout).toBe('totalSize: 1');
  });
});

describe('a locked database', () => {
  it('gets one clear line and exit 1 while another process holds the write lock', async () => {
    const db = join(tempFolder(), 'org.db');
    await cli(['--db', db, 'reset']);
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');

    try {
      const run = await cli([
        '--db',
        db,
        '--quiet',
        'apex',
        '(new AFLO.DownloadScheduler()).execute(null);',
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'aflo-emu: the database is locked by another process; wait for it or use --db with another file',
      );
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });
});
