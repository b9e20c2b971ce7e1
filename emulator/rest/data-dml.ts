/**
 * Writes of the REST API: each request is one transaction of kind `api` through org.run and the
 * DML engine, so triggers run and everything the request wrote commits together or not at all.
 * This file maps what DML reports to the wire: a failed record of a one-record write is a 400
 * with one `{message, errorCode, fields}` per error; an exception that escapes DML (a trigger's
 * LimitException) is a 400 CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY, since it is the code's fault,
 * not the server's.
 */
import { ApexException, DmlException } from '../errors.ts';
import type { Org } from '../org.ts';
import type { Transaction } from '../transaction/transaction.ts';
import type { WireError } from './rest-errors.ts';

/** Runs `work` as the request's one transaction. */
export function runWrite<T>(org: Org, work: (tx: Transaction) => T): Promise<T> {
  return org.run({ kind: 'api', allowsCallouts: false }, work);
}

/**
 * Runs a read holding the org lock. Another transaction lets the lock go only while it waits on
 * a callout, with nothing uncommitted, so the read sees committed records only.
 */
export async function runRead<T>(org: Org, work: () => T): Promise<T> {
  const release = await org.lock.acquire();
  try {
    return work();
  } finally {
    release();
  }
}

/** A one-record write: its result, or the errors to answer with (status 400). */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; errors: WireError[] };

/**
 * Runs a one-record write with all-or-none DML; a DmlException becomes the record's errors and
 * an escaped Apex exception one CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY. Anything else is rethrown.
 */
export async function writeOne<T>(
  org: Org,
  work: (tx: Transaction) => T,
): Promise<WriteOutcome<T>> {
  try {
    return { ok: true, value: await runWrite(org, work) };
  } catch (error) {
    const errors = wireErrorsOf(error);
    if (errors === undefined) throw error;
    return { ok: false, errors };
  }
}

/** The wire errors of a failed DML statement or trigger, or undefined for other failures. */
export function wireErrorsOf(error: unknown): WireError[] | undefined {
  if (error instanceof DmlException) {
    return error.rows.map((row) => ({
      message: row.message,
      errorCode: row.statusCode,
      fields: row.fields,
    }));
  }
  if (error instanceof ApexException) {
    return [
      {
        message: error.describe(),
        errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
        fields: [],
      },
    ];
  }
  return undefined;
}
