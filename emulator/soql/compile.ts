/**
 * SOQL → one parameterized SQLite statement: parse (cached), resolve names against the org's
 * metadata, then build FROM with parent joins, WHERE, GROUP BY/HAVING, ORDER BY and LIMIT/OFFSET.
 * A query is one of three kinds: `SELECT COUNT()` (a count only), an aggregate query (GROUP BY or
 * aggregate functions, aggregate.ts) or a record query, whose child subqueries are compiled into
 * statements of their own (child-subquery.ts). A semi-join in WHERE (`Id IN (SELECT …)`) is a
 * SQL subquery of the statement (semi-join.ts).
 *
 * Every identifier in the SQL comes from metadata (canonical names, quoted); every value is a
 * parameter. Deleted records (`IsDeleted`) are left out unless the caller asks for them or the
 * query ends in `ALL ROWS`.
 */
import type { Query } from '@jetstreamapp/soql-parser-js';

import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { SqlValue } from '../storage/codec.ts';
import { isAggregateQuery, planAggregate } from './aggregate.ts';
import { compileChildQuery } from './child-subquery.ts';
import { FieldResolver } from './field-resolver.ts';
import { fromSql, notDeletedSql } from './from-clause.ts';
import { orderBySql, recordOrderTerm } from './order-by.ts';
import { parseSoql, type ParsedSoql } from './parse.ts';
import type { QueryText } from './query-text.ts';
import { resolveType } from './resolve-type.ts';
import { isCountAll, planSelect } from './select.ts';
import { semiJoinCompiler } from './semi-join.ts';
import type { CompiledQuery, SoqlOptions } from './types.ts';
import { rejectUnsupportedClauses } from './unsupported-clauses.ts';
import { compileWhere, type Binds } from './where.ts';

/** The largest OFFSET a real org accepts. */
export const MAX_OFFSET = 2000;

/**
 * Compiles a SOQL query for the given schema. Throws SalesforceError: MALFORMED_QUERY (syntax,
 * unsupported features, aggregate rules), INVALID_TYPE (unknown sObject or child relationship),
 * INVALID_FIELD, INVALID_QUERY_FILTER_OPERATOR (bad Id literal), NUMBER_OUTSIDE_VALID_RANGE
 * (OFFSET > 2000).
 */
export function compileSoql(
  soql: string,
  schema: SchemaRegistry,
  options: SoqlOptions = {},
): CompiledQuery {
  const parsed = parseSoql(soql);
  const { query, text } = parsed;
  const type = resolveType(query, schema, text);
  rejectUnsupportedClauses(query, text);

  const compiling: Compiling = {
    parsed,
    schema,
    type,
    resolver: new FieldResolver(type, schema, query.sObjectAlias, text),
    includeDeleted: options.includeDeleted === true || parsed.allRows,
    binds: options.binds ?? {},
    now: options.now ?? new Date(),
    params: [],
  };
  if ((query.fields ?? []).some(isCountAll)) return compileCount(compiling);
  if (isAggregateQuery(query)) return compileAggregate(compiling);
  return compileRecords(compiling);
}

/** What compiling one query shares between its clauses. */
interface Compiling {
  parsed: ParsedSoql;
  schema: SchemaRegistry;
  type: SObjectType;
  resolver: FieldResolver;
  includeDeleted: boolean;
  binds: Binds;
  now: Date;
  /** The statement's parameters, in the order its text uses them. */
  params: SqlValue[];
}

function compileCount(c: Compiling): CompiledQuery {
  const { query, text } = c.parsed;
  if (query.groupBy !== undefined) {
    const message = 'COUNT() cannot be used with GROUP BY: use COUNT(Id)';
    throw text.error('MALFORMED_QUERY', message, text.find('GROUP BY'));
  }
  planSelect(query.fields ?? [], c.resolver, text);

  const where = whereSql(c);
  // ORDER BY is checked even for COUNT(), whose count it cannot change.
  orderBySql(query.orderBy, recordOrderTerm(c.resolver, text));
  const limit = limitSql(query, text, c.params);
  const sql = countSql(fromSql(c.resolver, c.includeDeleted), where, limit);
  return { type: c.type, sql, params: c.params, countOnly: true, aggregate: false, output: [] };
}

function compileAggregate(c: Compiling): CompiledQuery {
  const { query, text } = c.parsed;
  const where = whereSql(c);
  const plan = planAggregate(query, { ...c, text });
  const limit = limitSql(query, text, c.params);

  const from = fromSql(c.resolver, c.includeDeleted);
  const sql = `SELECT ${plan.columns.join(', ')} FROM ${from}${where}${plan.tail}${limit}`;
  const { type, params } = c;
  return { type, sql, params, countOnly: false, aggregate: true, output: plan.output };
}

function compileRecords(c: Compiling): CompiledQuery {
  const { query, text } = c.parsed;
  const children = { ...c, text };
  const select = planSelect(query.fields ?? [], c.resolver, text, (field) =>
    compileChildQuery(field.subquery, c.type, children),
  );
  const where = whereSql(c);
  const orderBy = orderBySql(query.orderBy, recordOrderTerm(c.resolver, text));
  const limit = limitSql(query, text, c.params);

  const from = fromSql(c.resolver, c.includeDeleted);
  const sql = `SELECT ${select.columns.join(', ')} FROM ${from}${where}${orderBy}${limit}`;
  const { type, params } = c;
  return { type, sql, params, countOnly: false, aggregate: false, output: select.output };
}

function whereSql(c: Compiling): string {
  const { parsed, resolver, binds, now, params } = c;
  const { text } = parsed;
  const conditions: string[] = [];
  if (parsed.where !== undefined) {
    const semiJoin = semiJoinCompiler({ ...c, text, outer: c.type });
    conditions.push(compileWhere(parsed.where, { resolver, text, binds, now, params, semiJoin }));
  }
  if (!c.includeDeleted) conditions.push(notDeletedSql(resolver.rootAlias));
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

function limitSql(query: Query, text: QueryText, params: SqlValue[]): string {
  const { limit, offset } = query;
  if (offset !== undefined && offset > MAX_OFFSET) {
    const at = text.find(String(offset), 'OFFSET');
    throw text.error(
      'NUMBER_OUTSIDE_VALID_RANGE',
      `Maximum SOQL offset allowed is ${MAX_OFFSET}`,
      at,
    );
  }
  if (limit === undefined && offset === undefined) return '';

  params.push(limit ?? -1);
  if (offset === undefined) return ' LIMIT ?';
  params.push(offset);
  return ' LIMIT ? OFFSET ?';
}

/** COUNT() honours LIMIT and OFFSET, so with them it counts the rows of the limited query. */
function countSql(from: string, where: string, limit: string): string {
  if (limit === '') return `SELECT COUNT(*) FROM ${from}${where}`;
  return `SELECT COUNT(*) FROM (SELECT 1 FROM ${from}${where}${limit})`;
}
