/**
 * SOQL → one parameterized SQLite statement: parse (cached), resolve names against the org's
 * metadata, then build FROM with parent joins, WHERE, ORDER BY and LIMIT/OFFSET.
 *
 * Every identifier in the SQL comes from metadata (canonical names, quoted); every value is a
 * parameter. Deleted records (`IsDeleted`) are left out unless the caller asks for them or the
 * query ends in `ALL ROWS`.
 */
import type { OrderByClause, Query } from '@jetstreamapp/soql-parser-js';

import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import type { SqlValue } from '../storage/codec.ts';
import { quoteIdent } from '../storage/ddl.ts';
import { FieldResolver, ROOT_ALIAS, type JoinedParent } from './field-resolver.ts';
import { parseSoql, type ParsedSoql } from './parse.ts';
import type { QueryText } from './query-text.ts';
import { planSelect } from './select.ts';
import type { CompiledQuery, SoqlOptions } from './types.ts';
import { compileWhere } from './where.ts';

/** The largest OFFSET a real org accepts. */
export const MAX_OFFSET = 2000;

const NO_SUCH_TYPE_HINT =
  "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";
const ROOT = quoteIdent(ROOT_ALIAS);
const NOT_DELETED = (alias: string): string =>
  `${quoteIdent(alias)}.${quoteIdent('IsDeleted')} IS NOT 1`;

/**
 * Compiles a SOQL query for the given schema. Throws SalesforceError: MALFORMED_QUERY (syntax,
 * unsupported features), INVALID_TYPE, INVALID_FIELD, INVALID_QUERY_FILTER_OPERATOR (bad Id
 * literal), NUMBER_OUTSIDE_VALID_RANGE (OFFSET > 2000).
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

  const resolver = new FieldResolver(type, schema, query.sObjectAlias, text);
  const includeDeleted = options.includeDeleted === true || parsed.allRows;
  const params: SqlValue[] = [];
  const select = planSelect(query.fields ?? [], resolver, text);
  const where = whereSql(parsed, resolver, options, includeDeleted, params);
  // ORDER BY is checked even for COUNT(), whose count it cannot change.
  const orderBy = orderBySql(query.orderBy, resolver, text);
  const limit = limitSql(query, text, params);
  const from = fromSql(type, resolver.joins, includeDeleted);

  const sql = select.countOnly
    ? countSql(from, where, limit)
    : `SELECT ${select.columns.join(', ')} FROM ${from}${where}${orderBy}${limit}`;
  return { type, sql, params, countOnly: select.countOnly, output: select.output };
}

function resolveType(query: Query, schema: SchemaRegistry, text: QueryText): SObjectType {
  const name = query.sObject ?? '';
  const type = schema.find(name);
  if (type !== undefined) return type;
  const message = `sObject type '${name}' is not supported. ${NO_SUCH_TYPE_HINT}`;
  throw text.error('INVALID_TYPE', message, text.find(name, 'FROM'));
}

function rejectUnsupportedClauses(query: Query, text: QueryText): void {
  const reject = (feature: string, keyword: string): never => {
    throw text.unsupported(feature, text.find(keyword));
  };
  if (query.groupBy !== undefined) reject('GROUP BY', 'GROUP');
  if (query.having !== undefined) reject('HAVING', 'HAVING');
  if (query.withDataCategory !== undefined) reject('WITH DATA CATEGORY', 'WITH');
  if (query.withSecurityEnforced === true) reject('WITH SECURITY_ENFORCED', 'WITH');
  if (query.withAccessLevel !== undefined) reject(`WITH ${query.withAccessLevel}`, 'WITH');
  if (query.usingScope !== undefined) reject('USING SCOPE', 'USING');
  // FOR UPDATE locks rows for the transaction; the emulator runs one transaction at a time.
  if (query.for !== undefined && query.for !== 'UPDATE') reject(`FOR ${query.for}`, 'FOR');
  if (query.update !== undefined) reject(`UPDATE ${query.update}`, 'UPDATE');
}

function whereSql(
  parsed: ParsedSoql,
  resolver: FieldResolver,
  options: SoqlOptions,
  includeDeleted: boolean,
  params: SqlValue[],
): string {
  const conditions: string[] = [];
  if (parsed.where !== undefined) {
    const binds = options.binds ?? {};
    const now = options.now ?? new Date();
    conditions.push(
      compileWhere(parsed.where, { resolver, text: parsed.text, binds, now, params }),
    );
  }
  if (!includeDeleted) conditions.push(NOT_DELETED(ROOT_ALIAS));
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

function fromSql(type: SObjectType, joins: JoinedParent[], includeDeleted: boolean): string {
  let from = `${quoteIdent(type.tableName)} AS ${ROOT}`;
  for (const join of joins) {
    const alias = quoteIdent(join.alias);
    const on = `${alias}.${quoteIdent('Id')} = ${ROOT}.${quoteIdent(join.lookup.name)}`;
    const live = includeDeleted ? '' : ` AND ${NOT_DELETED(join.alias)}`;
    from += ` LEFT JOIN ${quoteIdent(join.type.tableName)} AS ${alias} ON ${on}${live}`;
  }
  return from;
}

/** SOQL's default null order (ASC NULLS FIRST, DESC NULLS LAST) is SQLite's, so only other orders are written. */
function orderBySql(orderBy: Query['orderBy'], resolver: FieldResolver, text: QueryText): string {
  const items: OrderByClause[] =
    orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  if (items.length === 0) return '';

  const terms = items.map((item) => {
    if (!('field' in item))
      throw text.unsupported('ORDER BY a function', text.clauseEnd('ORDER BY'));
    const target = resolver.resolve(item.field, 'ORDER BY');
    if (target.field.type === 'longtext') {
      const message = `field '${target.field.name}' can not be sorted in a query call`;
      throw text.error('INVALID_FIELD', message, target.locate(), [target.field.name]);
    }
    const descending = item.order?.toUpperCase() === 'DESC';
    const nulls = item.nulls?.toUpperCase();
    const defaultNulls = descending ? 'LAST' : 'FIRST';
    const nullsSql = nulls === undefined || nulls === defaultNulls ? '' : ` NULLS ${nulls}`;
    return `${target.sql}${descending ? ' DESC' : ''}${nullsSql}`;
  });
  return ` ORDER BY ${terms.join(', ')}`;
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
