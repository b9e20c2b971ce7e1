/**
 * Aggregate queries: GROUP BY, aggregate functions with or without it, HAVING, and ORDER BY a
 * grouped field or an aggregate. Each row is an AggregateResult keyed as the REST API keys it:
 * a grouped field by its alias or its field name (`AFLO__Customer__r.Name` → `Name`), an
 * aggregate by its alias or `expr0`, `expr1`, … counting the unaliased aggregates in SELECT order.
 *
 * Without GROUP BY the whole result is one group, so `SELECT COUNT(Id) FROM X` is one row even
 * when nothing matches. A grouped checkbox groups an unset value with false, as it reads.
 */
import type {
  GroupByClause,
  Query,
  QueryBase,
  FieldType as SelectField,
  WhereClause,
} from '@jetstreamapp/soql-parser-js';

import { isGroupable } from '../metadata/field-capabilities.ts';
import type { SqlValue } from '../storage/codec.ts';
import { aggregateCall, isAggregateFunction } from './aggregate-functions.ts';
import type { FieldResolver, ResolvedField } from './field-resolver.ts';
import { orderBySql } from './order-by.ts';
import type { QueryText } from './query-text.ts';
import type { FieldOutput } from './types.ts';
import { compileWhere, type Binds } from './where.ts';
import { buildWhereTree } from './where-tree.ts';

export interface AggregateContext {
  resolver: FieldResolver;
  text: QueryText;
  binds: Binds;
  now: Date;
  /** Parameters of the statement so far; HAVING appends to them. */
  params: SqlValue[];
}

export interface AggregatePlan {
  columns: string[];
  output: FieldOutput[];
  /** ` GROUP BY …`, ` HAVING …` and ` ORDER BY …`, each '' when absent. */
  tail: string;
}

interface Group {
  resolved: ResolvedField;
  sql: string;
}

/** Whether the query is an aggregate query: GROUP BY, or an aggregate function in SELECT. */
export function isAggregateQuery(query: QueryBase): boolean {
  if (query.groupBy !== undefined) return true;
  return (query.fields ?? []).some(
    (field) =>
      field.type === 'FieldFunctionExpression' &&
      isAggregateFunction(field.functionName) &&
      field.parameters.length > 0,
  );
}

/**
 * Plans the SELECT list, GROUP BY, HAVING and ORDER BY of an aggregate query. Call it after the
 * WHERE clause is compiled: HAVING's parameters follow WHERE's.
 */
export function planAggregate(query: Query, context: AggregateContext): AggregatePlan {
  const { text } = context;
  const groupItems = listOf(query.groupBy);
  if (groupItems.length === 0 && (query.limit !== undefined || query.offset !== undefined)) {
    const clause = query.limit !== undefined ? 'LIMIT' : 'OFFSET';
    const message = `Non-grouped query that uses overall aggregate functions cannot also use ${clause}`;
    throw text.error('MALFORMED_QUERY', message, text.find(clause));
  }

  const groups = groupsOf(groupItems, context);
  const { columns, output } = selectList(query.fields ?? [], groups, context);
  const having = havingSql(query, groups, context);
  const orderBy = order(query, groups, context);

  const groupSql = [...groups.values()].map((group) => group.sql).join(', ');
  const groupBy = groups.size === 0 ? '' : ` GROUP BY ${groupSql}`;
  return { columns, output, tail: `${groupBy}${having}${orderBy}` };
}

function listOf<T>(items: T | T[] | undefined): T[] {
  return items === undefined ? [] : Array.isArray(items) ? items : [items];
}

function groupsOf(items: GroupByClause[], context: AggregateContext): Map<string, Group> {
  const { resolver, text } = context;
  const groups = new Map<string, Group>();
  for (const item of items) {
    if ('fn' in item) {
      const name = item.fn.functionName ?? '';
      throw text.unsupported(`GROUP BY ${name.toUpperCase()}()`, text.find(name, 'GROUP BY'));
    }
    const resolved = resolver.resolve(item.field, 'GROUP BY');
    if (!isGroupable(resolved.field)) {
      const message = `field '${resolved.field.name}' can not be grouped in a query call`;
      throw text.error('INVALID_FIELD', message, resolved.locate(), [resolved.field.name]);
    }
    const sql = resolved.field.type === 'checkbox' ? `IFNULL(${resolved.sql}, 0)` : resolved.sql;
    groups.set(resolved.path.toLowerCase(), { resolved, sql });
  }
  return groups;
}

function selectList(
  fields: SelectField[],
  groups: Map<string, Group>,
  context: AggregateContext,
): { columns: string[]; output: FieldOutput[] } {
  const { resolver, text } = context;
  const columns: string[] = [];
  const output: FieldOutput[] = [];
  // `attributes` is taken by the record's own attributes.
  const keys = new Set<string>(['attributes']);
  let unaliased = 0;

  const add = (key: string, column: string, resolved: ResolvedField): void => {
    if (keys.has(key.toLowerCase())) {
      throw text.error('MALFORMED_QUERY', `duplicate alias: ${key}`, text.find(key, 'SELECT'));
    }
    keys.add(key.toLowerCase());
    output.push({ kind: 'field', key, field: resolved.field, column: columns.length });
    columns.push(column);
  };

  for (const field of fields) {
    const alias = 'alias' in field && typeof field.alias === 'string' ? field.alias : undefined;
    switch (field.type) {
      case 'Field':
      case 'FieldRelationship': {
        const path = field.type === 'Field' ? field.field : (field.rawValue ?? field.field);
        const resolved = resolver.resolve(path, 'SELECT');
        const group = groups.get(resolved.path.toLowerCase());
        if (group === undefined) {
          const message = `Field must be grouped or aggregated: ${path}`;
          throw text.error('MALFORMED_QUERY', message, resolved.locate());
        }
        add(alias ?? resolved.field.name, group.sql, resolved);
        break;
      }
      case 'FieldFunctionExpression': {
        if (field.functionName.toUpperCase() === 'FIELDS') {
          throw text.unsupported('FIELDS()', text.find('FIELDS', 'SELECT'));
        }
        const call = aggregateCall(field, 'SELECT', resolver, text);
        if (groups.has(call.argument.path.toLowerCase())) {
          const message = `Grouped field should not be aggregated: ${call.argument.field.name}`;
          throw text.error('MALFORMED_QUERY', message, call.argument.locate());
        }
        add(alias ?? `expr${unaliased++}`, call.sql, call);
        break;
      }
      case 'FieldSubquery':
        throw text.error(
          'MALFORMED_QUERY',
          'A query with GROUP BY or aggregate functions cannot have a child relationship subquery',
          text.find('SELECT', 'SELECT'),
        );
      case 'FieldTypeof':
        throw text.unsupported('TYPEOF', text.find('TYPEOF', 'SELECT'));
    }
  }
  return { columns, output };
}

/** HAVING: conditions on aggregates (selected or not) and on grouped fields. */
function havingSql(query: Query, groups: Map<string, Group>, context: AggregateContext): string {
  if (query.having === undefined) return '';
  const { resolver, text } = context;
  // soql-parser-js gives HAVING the shape of WHERE (its conditions cannot be semi-joins).
  const tree = buildWhereTree(query.having as WhereClause, text, 'HAVING');

  const sql = compileWhere(tree, {
    ...context,
    target: (condition) => {
      if ('fn' in condition) return aggregateCall(condition.fn, 'HAVING', resolver, text);
      const resolved = resolver.resolve(condition.field, 'HAVING');
      if (!groups.has(resolved.path.toLowerCase())) {
        const message = `Field must be grouped or aggregated: ${condition.field}`;
        throw text.error('MALFORMED_QUERY', message, resolved.locate());
      }
      return resolved;
    },
  });
  return ` HAVING ${sql}`;
}

/** ORDER BY an aggregate (selected or not) or a grouped field. */
function order(query: Query, groups: Map<string, Group>, context: AggregateContext): string {
  const { resolver, text } = context;
  return orderBySql(query.orderBy, (item) => {
    if ('fn' in item) return aggregateCall(item.fn, 'ORDER BY', resolver, text).sql;
    const resolved = resolver.resolve(item.field, 'ORDER BY');
    const group = groups.get(resolved.path.toLowerCase());
    if (group === undefined) {
      const message = `Ordered field must be grouped or aggregated: ${item.field}`;
      throw text.error('MALFORMED_QUERY', message, resolved.locate());
    }
    return group.sql;
  });
}
