/**
 * Orgs for emulator tests: each on a fresh SQLite database (in memory unless a temp file is
 * asked for) with a virtual clock, closed when the test finishes. A test that leaves a
 * transaction holding the org lock fails, so no test can leak running work into the next.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

import { VirtualClock } from '../../emulator/clock.ts';
import { Org } from '../../emulator/org.ts';
import type { Edition } from '../../emulator/async/edition.ts';
import type { OrgPackage } from '../../emulator/package.ts';
import type { Transaction } from '../../emulator/transaction/transaction.ts';

export const START = '2026-01-01T00:00:00.000Z';

export interface TestOrgOptions {
  packages?: readonly OrgPackage[];
  /** A database file (see tempDatabasePath); in memory by default. */
  db?: string;
  clock?: VirtualClock;
  concurrency?: number;
  /** The org's edition and stack depth limit (see OrgOptions); production by default. */
  edition?: Edition;
  maxQueueableStackDepth?: number;
}

export interface TestOrg {
  org: Org;
  clock: VirtualClock;
}

/** Opens an org on a fresh database; it is closed when the test finishes. */
export async function openTestOrg(options: TestOrgOptions = {}): Promise<TestOrg> {
  const clock = options.clock ?? new VirtualClock(START);
  const org = await Org.open({
    db: options.db ?? ':memory:',
    clock,
    packages: options.packages ?? [],
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.edition === undefined ? {} : { edition: options.edition }),
    ...(options.maxQueueableStackDepth === undefined
      ? {}
      : { maxQueueableStackDepth: options.maxQueueableStackDepth }),
  });
  onTestFinished(() => {
    const leaked = org.lock.isHeld;
    org.close();
    if (leaked) throw new Error('the test left a transaction running on its org');
  });
  return { org, clock };
}

/**
 * A database path in a fresh temp folder. The folder is deleted when the test passes and kept
 * (its path printed) when it fails, so the database can be inspected.
 */
export function tempDatabasePath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aflo-emu-test-'));
  onTestFinished(({ task }) => {
    if (task.result?.state === 'fail') {
      console.error(`kept the database of the failed test "${task.name}" in ${dir}`);
      return;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  return join(dir, 'org.db');
}

/** Runs `work` as an anonymous-Apex transaction that may call out. */
export function runApex<T>(org: Org, work: (tx: Transaction) => T | Promise<T>): Promise<T> {
  return org.run({ kind: 'anonymous', allowsCallouts: true }, work);
}

/** The error a promise rejects with; fails when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}
