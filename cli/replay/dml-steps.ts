/**
 * The steps that write records: each is one all-or-none DML statement in a transaction of its
 * own, as a user's save would be, so the package's triggers see it as one trigger run per 200
 * records. A platform error (a DmlException, an unknown type) is thrown as it is.
 */
import { Database, sobject } from '../../emulator/apex-api.ts';
import type { Org } from '../../emulator/org.ts';
import { StepFailed, type RecordNames } from './record-names.ts';
import type { FieldValues, InsertStep } from './schema.ts';

/** What a DML step reports: the Id of one record, or how many there were. */
export interface DmlOutcome {
  ok: true;
  detail: string;
}

/** Inserts the step's records and, with `as`, names them. */
export async function insertRecords(
  org: Org,
  step: InsertStep,
  names: RecordNames,
): Promise<DmlOutcome> {
  const size = step.records?.length ?? step.count ?? 1;
  const records = Array.from({ length: size }, (_, i) =>
    sobject(step.insert, names.resolve(step.records?.[i] ?? step.values ?? {}, i + 1)),
  );

  const results = await inTransaction(org, () => Database.insert(records));

  const ids = results.map((result) => result.id ?? '');
  if (step.as !== undefined) names.set(step.as, { type: step.insert, ids });
  return { ok: true, detail: size === 1 ? (ids[0] ?? '') : plural(size, 'record') };
}

/** Sets the same values (with `{n}` per record) on every record of a name. */
export async function updateRecords(
  org: Org,
  name: string,
  values: FieldValues,
  names: RecordNames,
): Promise<DmlOutcome> {
  const { type, ids } = names.get(name);
  const records = ids.map((Id, i) => sobject(type, { ...names.resolve(values, i + 1), Id }));

  await inTransaction(org, () => Database.update(records));

  return { ok: true, detail: plural(ids.length, 'record') };
}

/** Deletes the records of a name (to the recycle bin), or brings them back. */
export async function deleteRecords(
  org: Org,
  operation: 'delete' | 'undelete',
  name: string,
  names: RecordNames,
): Promise<DmlOutcome> {
  const { type, ids } = names.get(name);

  await inTransaction(org, () =>
    operation === 'delete' ? Database.delete(type, ids) : Database.undelete(type, ids),
  );

  return { ok: true, detail: plural(ids.length, 'record') };
}

/** Names the records a SOQL query finds (it must select Id and find at least one). */
export function findRecords(org: Org, soql: string, as: string, names: RecordNames): DmlOutcome {
  const { records } = org.query(soql);
  const first = records[0];
  if (first === undefined)
    throw new StepFailed('the query found no records; a find must name at least one');
  if (records.some((record) => typeof record.Id !== 'string'))
    throw new StepFailed('the query must select Id');

  const ids = records.map((record) => String(record.Id));
  names.set(as, { type: first.attributes.type, ids });
  return { ok: true, detail: plural(ids.length, 'record') };
}

function inTransaction<T>(org: Org, work: () => T): Promise<T> {
  return org.run({ kind: 'system', allowsCallouts: false }, work);
}

/** `1 record`, `200 records`. */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
