/**
 * Semi-joins and anti-joins: `WHERE Id IN (SELECT AFLO__Customer__c FROM
 * AFLO__CustomerPromotion__c WHERE …)` and `NOT IN`, compiled into the outer statement as a SQL
 * subquery, so they cost no extra round trip.
 *
 * As on the platform, both sides are Id or lookup fields, the inner query selects one field of
 * another sObject type, and semi-joins do not nest. Its tables get aliases of their own (`s1_0`,
 * `s1_1`, …) beside the outer query's `t0`, `t1`, …; its null values are left out, so that a
 * child with an empty lookup neither matches a record nor makes NOT IN unknown.
 */
import type { Query } from '@jetstreamapp/soql-parser-js';

import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { SqlValue } from '../storage/codec.ts';
import { isAggregateQuery } from './aggregate.ts';
import { FieldResolver, type ResolvedField } from './field-resolver.ts';
import { fromSql, notDeletedSql } from './from-clause.ts';
import type { QueryText } from './query-text.ts';
import { resolveType } from './resolve-type.ts';
import { rejectUnsupportedClauses } from './unsupported-clauses.ts';
import { compileWhere, type Binds, type SemiJoin } from './where.ts';
import { buildWhereTree } from './where-tree.ts';

export interface SemiJoinContext {
  schema: SchemaRegistry;
  text: QueryText;
  binds: Binds;
  now: Date;
  includeDeleted: boolean;
  /** The type of the query whose WHERE holds the semi-join. */
  outer: SObjectType;
}

/** The semi-join compiler of one query's WHERE clause; each semi-join gets its own aliases. */
export function semiJoinCompiler(context: SemiJoinContext): SemiJoin {
  let count = 0;
  return (query, operator, target, params) => {
    count += 1;
    const inner = innerSelect(query, target, context, `s${count}_`, params);
    return operator === 'IN'
      ? `${target.sql} IN (${inner})`
      : `NOT IFNULL(${target.sql} IN (${inner}), 0)`;
  };
}

function innerSelect(
  query: Query,
  target: ResolvedField,
  context: SemiJoinContext,
  aliasPrefix: string,
  params: SqlValue[],
): string {
  const { schema, text } = context;
  if (!isIdField(target)) {
    const message = `The left operand field in the where expression for outer query should be an id field, cannot use: '${target.field.name}'`;
    throw text.error('MALFORMED_QUERY', message, target.locate());
  }
  const type = resolveType(query, schema, text);
  if (type === context.outer) {
    const message = 'The inner and outer selects should not be on the same object type';
    throw text.error('MALFORMED_QUERY', message, text.find(query.sObject ?? ''));
  }
  rejectInSemiJoin(query, text);

  const resolver = new FieldResolver(type, schema, undefined, text, aliasPrefix);
  const selected = selectedField(query, resolver, text);
  const conditions = [`${selected.sql} IS NOT NULL`];
  if (query.where !== undefined) {
    const tree = buildWhereTree(query.where, text);
    const { binds, now } = context;
    conditions.push(compileWhere(tree, { resolver, text, binds, now, params }));
  }
  if (!context.includeDeleted) conditions.push(notDeletedSql(resolver.rootAlias));

  const from = fromSql(resolver, context.includeDeleted);
  return `SELECT ${selected.sql} FROM ${from} WHERE ${conditions.join(' AND ')}`;
}

function isIdField(resolved: ResolvedField): boolean {
  return resolved.field.type === 'id' || resolved.field.type === 'lookup';
}

/** The one Id or lookup field the inner query selects. */
function selectedField(query: Query, resolver: FieldResolver, text: QueryText): ResolvedField {
  const fields = query.fields ?? [];
  const [field] = fields;
  const path =
    field?.type === 'Field'
      ? field.field
      : field?.type === 'FieldRelationship'
        ? (field.rawValue ?? field.field)
        : undefined;
  const resolved = path === undefined ? undefined : resolver.resolve(path, 'SELECT');
  if (fields.length !== 1 || resolved === undefined || !isIdField(resolved)) {
    const shown =
      fields.length !== 1
        ? 'more than one field'
        : (resolved?.field.name ?? path ?? 'an expression');
    const message = `semi join sub selects can only query id fields, cannot use: '${shown}'`;
    throw text.error(
      'MALFORMED_QUERY',
      message,
      resolved?.locate() ?? text.find('SELECT', 'SELECT'),
    );
  }
  return resolved;
}

/** What the emulator does not support inside a semi-join (the platform refuses most of it too). */
function rejectInSemiJoin(query: Query, text: QueryText): void {
  if (isAggregateQuery(query) || query.having !== undefined) {
    throw text.unsupported('GROUP BY or an aggregate function in a semi-join', text.find('GROUP'));
  }
  if (query.orderBy !== undefined || query.limit !== undefined || query.offset !== undefined) {
    throw text.unsupported(
      'ORDER BY, LIMIT or OFFSET in a semi-join',
      text.find(query.sObject ?? ''),
    );
  }
  rejectUnsupportedClauses(query, text);
}
