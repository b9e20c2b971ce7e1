/**
 * The SELECT list of a record query: which columns the statement reads and how each row becomes
 * a record (aggregate queries have their own, in aggregate.ts).
 *
 * The record's Id is always read (column 0), so that `attributes.url` can be made, but appears as
 * a field only when selected; so is each parent's Id, which tells an empty lookup (null parent)
 * from a parent whose selected fields are all null. A field selected twice is read once. A child
 * subquery reads no column: `subquery` compiles it into a statement of its own.
 */
import type { FieldSubquery, FieldType as SelectField } from '@jetstreamapp/soql-parser-js';

import { quoteIdent } from '../storage/ddl.ts';
import type { FieldResolver } from './field-resolver.ts';
import type { QueryText } from './query-text.ts';
import type { ChildOutput, FieldOutput, OutputEntry, ParentOutput } from './types.ts';

export interface SelectPlan {
  countOnly: boolean;
  /** SQL expressions of the result columns. */
  columns: string[];
  output: OutputEntry[];
}

/**
 * Plans a record query's SELECT list. Without `subquery` (inside a child subquery) another
 * subquery is not supported.
 */
export function planSelect(
  fields: SelectField[],
  resolver: FieldResolver,
  text: QueryText,
  subquery?: (field: FieldSubquery) => ChildOutput,
): SelectPlan {
  if (fields.some(isCountAll)) {
    if (fields.length > 1) {
      throw text.error(
        'MALFORMED_QUERY',
        'COUNT() cannot be combined with other fields',
        text.clauseEnd('SELECT'),
      );
    }
    return { countOnly: true, columns: [], output: [] };
  }

  const plan = new SelectBuilder(resolver);
  for (const field of fields) {
    if (field.type === 'FieldSubquery' && subquery !== undefined) {
      plan.output.push(subquery(field));
      continue;
    }
    const plain = field.type === 'Field' || field.type === 'FieldRelationship';
    if (plain && 'alias' in field && typeof field.alias === 'string') {
      const message = 'only aggregate expressions use field aliasing';
      throw text.error('MALFORMED_QUERY', message, text.find(field.alias, 'SELECT'));
    }
    plan.add(selectedPath(field, text));
  }
  return { countOnly: false, columns: plan.columns, output: plan.output };
}

/** `COUNT()`: the count-only query. */
export function isCountAll(field: SelectField): boolean {
  return (
    field.type === 'FieldFunctionExpression' &&
    field.functionName.toUpperCase() === 'COUNT' &&
    field.parameters.length === 0
  );
}

/** The path of a plain or parent field as written; anything else is not supported. */
function selectedPath(field: SelectField, text: QueryText): string {
  const at = (needle: string | undefined): number | undefined =>
    needle === undefined ? undefined : text.find(needle, 'SELECT');
  switch (field.type) {
    case 'Field':
      return 'rawValue' in field ? field.rawValue : field.field;
    case 'FieldRelationship':
      return field.rawValue ?? [...field.relationships, field.field].join('.');
    case 'FieldFunctionExpression': {
      const name = field.functionName.toUpperCase();
      const offset = at(field.rawValue);
      if (name === 'FIELDS') throw text.unsupported('FIELDS()', offset);
      throw text.unsupported(`The function ${field.functionName}()`, offset);
    }
    case 'FieldSubquery':
      throw text.unsupported('A child relationship subquery inside a subquery', at('SELECT'));
    case 'FieldTypeof':
      throw text.unsupported('TYPEOF', at('TYPEOF'));
  }
}

class SelectBuilder {
  readonly columns: string[];
  readonly output: OutputEntry[] = [];
  private readonly columnIndex: Map<string, number>;
  private readonly parents = new Map<string, ParentOutput>();
  private readonly selected = new Set<string>();

  constructor(private readonly resolver: FieldResolver) {
    const id = `${quoteIdent(resolver.rootAlias)}.${quoteIdent('Id')}`;
    this.columns = [id];
    this.columnIndex = new Map([[id, 0]]);
  }

  add(rawPath: string): void {
    const resolved = this.resolver.resolve(rawPath, 'SELECT');
    const pathKey = resolved.path.toLowerCase();
    if (this.selected.has(pathKey)) return;
    this.selected.add(pathKey);

    const entry: FieldOutput = {
      kind: 'field',
      key: resolved.field.name,
      field: resolved.field,
      column: this.column(resolved.sql),
    };
    const { parent } = resolved;
    if (parent === undefined) {
      this.output.push(entry);
      return;
    }

    let nested = this.parents.get(parent.alias);
    if (nested === undefined) {
      const idColumn = this.column(this.resolver.parentIdSql(parent));
      nested = {
        kind: 'parent',
        key: parent.relationshipName,
        type: parent.type,
        idColumn,
        fields: [],
      };
      this.parents.set(parent.alias, nested);
      this.output.push(nested);
    }
    nested.fields.push(entry);
  }

  private column(sql: string): number {
    const existing = this.columnIndex.get(sql);
    if (existing !== undefined) return existing;
    this.columns.push(sql);
    this.columnIndex.set(sql, this.columns.length - 1);
    return this.columns.length - 1;
  }
}
