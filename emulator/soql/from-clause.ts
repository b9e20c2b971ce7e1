/**
 * FROM with its parent joins, and the condition that leaves deleted records out.
 *
 * A parent is joined with LEFT JOIN, so that a record whose lookup is empty or points at a
 * missing parent still appears, with null parent fields; a deleted parent counts as missing
 * unless the query asks for deleted records too.
 */
import { quoteIdent } from '../storage/ddl.ts';
import type { FieldResolver } from './field-resolver.ts';

/** `"alias"."IsDeleted" IS NOT 1`: the record is not in the recycle bin. */
export function notDeletedSql(alias: string): string {
  return `${quoteIdent(alias)}.${quoteIdent('IsDeleted')} IS NOT 1`;
}

/** `"Type" AS "t0" LEFT JOIN "Parent" AS "t1" ON …`, one join per parent the resolver used. */
export function fromSql(resolver: FieldResolver, includeDeleted: boolean): string {
  const root = quoteIdent(resolver.rootAlias);
  let from = `${quoteIdent(resolver.type.tableName)} AS ${root}`;
  for (const join of resolver.joins) {
    const alias = quoteIdent(join.alias);
    const on = `${alias}.${quoteIdent('Id')} = ${root}.${quoteIdent(join.lookup.name)}`;
    const live = includeDeleted ? '' : ` AND ${notDeletedSql(join.alias)}`;
    from += ` LEFT JOIN ${quoteIdent(join.type.tableName)} AS ${alias} ON ${on}${live}`;
  }
  return from;
}
