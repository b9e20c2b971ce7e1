/**
 * Record names, checked before anything runs: each step target and `"@name"` value must name
 * records an earlier step named with `"as"`, a name is given once, and a field value takes the Id
 * of exactly one record.
 */
import type { FieldValues, Step } from './schema.ts';
import { formatPath } from '../../fixtures/amberflo/validation.ts';

/** What a name stands for: how many records (unknown for `find`) and the step that named them. */
interface NamedRecords {
  size: number | undefined;
  step: number;
}

/** A step that did not pass its schema: only the name it may give is kept, so none is missed. */
export interface InvalidStep {
  kind: 'invalid';
  as: string | undefined;
}

/** One line per problem, each led by its path in the file (`steps[2].update: …`). */
export function checkNames(steps: readonly (Step | InvalidStep)[]): string[] {
  const names = new Map<string, NamedRecords>();
  const problems: string[] = [];
  const at = (path: PropertyKey[], message: string) =>
    problems.push(`${formatPath(path)}: ${message}`);

  steps.forEach((step, index) => {
    const base = ['steps', index];
    const checkTarget = (key: 'update' | 'delete' | 'undelete', name: string) => {
      if (!names.has(name)) at([...base, key], unknownName(name));
    };
    const checkValues = (values: FieldValues, path: PropertyKey[]) => {
      for (const [field, value] of Object.entries(values)) {
        const problem = checkValueRef(value, names);
        if (problem !== undefined) at([...path, field], problem);
      }
    };
    const define = (name: string | undefined, size: number | undefined) => {
      if (name === undefined) return;
      const earlier = names.get(name);
      if (earlier !== undefined)
        at([...base, 'as'], `"${name}" already names the records of steps[${earlier.step}]`);
      else names.set(name, { size, step: index });
    };

    switch (step.kind) {
      case 'insert':
        if (step.values !== undefined) checkValues(step.values, [...base, 'values']);
        step.records?.forEach((record, k) => checkValues(record, [...base, 'records', k]));
        define(step.as, step.records?.length ?? step.count ?? 1);
        break;
      case 'update':
        checkTarget('update', step.update);
        checkValues(step.values, [...base, 'values']);
        break;
      case 'delete':
        checkTarget('delete', step.delete);
        break;
      case 'undelete':
        checkTarget('undelete', step.undelete);
        break;
      case 'find':
      case 'invalid':
        define(step.as, undefined);
        break;
      case 'expect':
        step.expect.events?.forEach((event, k) => {
          const name = event.record?.slice(1);
          if (name !== undefined && !names.has(name))
            at([...base, 'expect', 'events', k, 'record'], unknownName(name));
        });
        break;
      default:
        break;
    }
  });
  return problems;
}

function unknownName(name: string): string {
  return `no record named "${name}" (name it with "as" in an earlier insert or find)`;
}

/** A problem with a `"@name"` value, if it is one and names no single record. */
function checkValueRef(value: unknown, names: Map<string, NamedRecords>): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('@') || value.startsWith('@@'))
    return undefined;

  const name = value.slice(1);
  const named = names.get(name);
  if (named === undefined) return `${unknownName(name)}; write "@${value}" for the text "${value}"`;
  if (named.size !== undefined && named.size !== 1)
    return `"${value}" names ${named.size} records; a field takes the Id of exactly one`;
  return undefined;
}
