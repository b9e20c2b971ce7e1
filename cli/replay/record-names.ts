/**
 * The records a scenario has named with `"as"`, and the field values that use them: `"@acme"` is
 * the Id of the one record named `acme`, `"@@x"` the text `"@x"`, and `{n}` in a text value the
 * record's 1-based position in its step.
 */
import type { FieldValue } from '../../emulator/apex-api.ts';
import type { FieldValues } from './schema.ts';

/** Records named by one step: their sObject type and Ids, in the order the step wrote them. */
export interface NamedRecords {
  type: string;
  ids: string[];
}

/** A step that cannot go on, for a reason of the scenario's own (not the platform's). */
export class StepFailed extends Error {
  override readonly name = 'StepFailed';
}

/** The names given so far in one scenario run. */
export class RecordNames {
  readonly #names = new Map<string, NamedRecords>();

  /** Names records; the parser has made sure a name is given once. */
  set(name: string, records: NamedRecords): void {
    this.#names.set(name, records);
  }

  /** The records behind a name; the parser has made sure every target was named earlier. */
  get(name: string): NamedRecords {
    const named = this.#names.get(name);
    if (named === undefined) throw new StepFailed(`no record named "${name}"`);
    return named;
  }

  /** The field values of the record at 1-based position `n`, with names and `{n}` resolved. */
  resolve(values: FieldValues, n: number): Record<string, FieldValue> {
    return Object.fromEntries(
      Object.entries(values).map(([field, value]) => [field, this.resolveValue(value, n)]),
    );
  }

  private resolveValue(value: FieldValue, n: number): FieldValue {
    if (typeof value !== 'string') return value;
    if (value.startsWith('@@')) return value.slice(1).replaceAll('{n}', String(n));
    if (!value.startsWith('@')) return value.replaceAll('{n}', String(n));

    // A name given by `find` is checked here: how many records it found is known only now.
    const { ids } = this.get(value.slice(1));
    if (ids.length !== 1) {
      throw new StepFailed(
        `"${value}" names ${ids.length} records; a field takes the Id of exactly one`,
      );
    }
    return ids[0] ?? null;
  }
}
