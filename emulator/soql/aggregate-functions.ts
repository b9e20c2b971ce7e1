/**
 * The aggregate functions of SOQL: `COUNT(f)`, `COUNT_DISTINCT(f)`, `SUM`, `AVG`, `MIN`, `MAX`,
 * each of one field, as SQL and with the field that types its value.
 *
 * A count is a number whatever it counts; SUM and AVG take number fields only; MIN and MAX return
 * their field's type (a datetime comes back as a Date). None takes a long text area or a
 * checkbox, as the describe's `aggregatable` says (emulator/metadata/field-capabilities.ts).
 * `COUNT()` without a field is not one of these: it is the count-only query (select.ts).
 */
import type { FunctionExp } from '@jetstreamapp/soql-parser-js';

import { isAggregatable } from '../metadata/field-capabilities.ts';
import type { FieldDefinition } from '../metadata/schema.ts';
import type { FieldResolver, ResolvedField } from './field-resolver.ts';
import type { Clause, QueryText } from './query-text.ts';

const FUNCTIONS = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

/** The value of a count: a number, never null. */
const COUNT_VALUE: FieldDefinition = {
  name: 'COUNT',
  type: 'number',
  required: false,
  unique: false,
  externalId: false,
  restricted: true,
  system: true,
};

/** Whether a function name, in any case, is an aggregate function. */
export function isAggregateFunction(name: string | undefined): boolean {
  return FUNCTIONS.has(name?.toUpperCase() ?? '');
}

/**
 * An aggregate call as a column of the statement: `sql` computes it, `field` types its value,
 * `argument` is the field it aggregates.
 */
export interface AggregateCall extends ResolvedField {
  argument: ResolvedField;
}

/** Resolves `MAX(AFLO__Customer__r.Name)` as written in `clause`; throws for what SOQL refuses. */
export function aggregateCall(
  fn: FunctionExp,
  clause: Clause,
  resolver: FieldResolver,
  text: QueryText,
): AggregateCall {
  const name = (fn.functionName ?? '').toUpperCase();
  const locate = (): number | undefined => text.find(fn.functionName ?? '', clause);
  if (!FUNCTIONS.has(name)) throw text.unsupported(`The function ${fn.functionName}()`, locate());
  const [parameter, ...rest] = fn.parameters ?? [];
  if (typeof parameter !== 'string' || rest.length > 0) {
    const message =
      parameter === undefined
        ? `${name}() takes a field here: ${name === 'COUNT' ? 'COUNT(Id)' : `${name}(field)`}`
        : `${name}() takes one field`;
    throw text.error('MALFORMED_QUERY', message, locate());
  }

  const argument = resolver.resolve(parameter, clause);
  const { field } = argument;
  const numeric = name !== 'SUM' && name !== 'AVG' ? true : field.type === 'number';
  if (!isAggregatable(field) || !numeric) {
    const message = `field ${field.name} does not support aggregate operator ${name}`;
    throw text.error('MALFORMED_QUERY', message, argument.locate(), [field.name]);
  }

  const sql =
    name === 'COUNT_DISTINCT' ? `COUNT(DISTINCT ${argument.sql})` : `${name}(${argument.sql})`;
  const counts = name === 'COUNT' || name === 'COUNT_DISTINCT';
  const path = `${name}(${argument.path})`;
  return {
    field: counts ? { ...COUNT_VALUE, name: path } : field,
    sql,
    parent: undefined,
    path,
    locate,
    argument,
  };
}
