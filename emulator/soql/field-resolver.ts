/**
 * Field paths of a query (`Name`, `a.Name`, `AFLO__Customer__r.Name`) resolved against metadata,
 * case-insensitively, to canonical fields and qualified SQL columns.
 *
 * A parent path (one level) joins the parent's table once per relationship, whichever clauses
 * use it: `LEFT JOIN "Account" AS "t1" ON "t1"."Id" = "t0"."AccountId"`, so that a record whose
 * lookup is empty, or points at a missing or deleted parent, still appears with null parent
 * fields, as "a missing parent counts as null" on a real org.
 */
import type { FieldDefinition } from '../metadata/schema.ts';
import type { SchemaRegistry } from '../metadata/schema-registry.ts';
import type { SObjectType } from '../metadata/sobject-type.ts';
import { quoteIdent } from '../storage/ddl.ts';
import type { Clause, QueryText } from './query-text.ts';

export interface JoinedParent {
  /** SQL alias of the parent table: `t1`, `t2`, … */
  alias: string;
  /** The lookup field on the queried type. */
  lookup: FieldDefinition;
  /** Canonical relationship name, the key of the nested record. */
  relationshipName: string;
  type: SObjectType;
}

export interface ResolvedField {
  field: FieldDefinition;
  /** The qualified column: `"t0"."Name"`. */
  sql: string;
  /** The parent it is read from, or undefined for a field of the queried type. */
  parent: JoinedParent | undefined;
  /** Canonical path, for de-duplication: `Name`, `AFLO__Customer__r.Name`. */
  path: string;
  /** Where the path is in the query text, for errors about it (found on demand). */
  locate: () => number | undefined;
}

const NO_SUCH_COLUMN_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const NO_SUCH_RELATIONSHIP_HINT =
  "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.";

export class FieldResolver {
  private readonly parents = new Map<string, JoinedParent>();
  /** How many times each (clause, path) was resolved: the next one is that occurrence in the text. */
  private readonly seen = new Map<string, number>();

  /** The SQL alias of the queried type's table: `t0`, or `<prefix>0`. */
  readonly rootAlias: string;

  /**
   * `aliasPrefix` names the tables (`t0`, `t1`, …); a query nested in another's statement (a
   * semi-join) takes its own, so that the two never share an alias.
   */
  constructor(
    readonly type: SObjectType,
    private readonly schema: SchemaRegistry,
    private readonly objectAlias: string | undefined,
    private readonly text: QueryText,
    private readonly aliasPrefix = 't',
  ) {
    this.rootAlias = `${aliasPrefix}0`;
  }

  /** Parent tables joined so far, in order of first use. */
  get joins(): JoinedParent[] {
    return [...this.parents.values()];
  }

  /** Resolves a path as written in `clause`; throws INVALID_FIELD for unknown names. */
  resolve(rawPath: string, clause: Clause): ResolvedField {
    const locate = this.locator(rawPath, clause);
    const parts = rawPath.split('.');
    if (parts.length > 1 && parts[0]?.toLowerCase() === this.objectAlias?.toLowerCase())
      parts.shift();

    const [first = '', second] = parts;
    if (parts.length > 2) {
      throw this.text.unsupported('A relationship path of more than one level', locate());
    }
    if (second === undefined) {
      const field = this.fieldOf(this.type, first, locate);
      const sql = column(this.rootAlias, field);
      return { field, sql, parent: undefined, path: field.name, locate };
    }

    const parent = this.join(first, locate);
    const field = this.fieldOf(parent.type, second, locate);
    const path = `${parent.relationshipName}.${field.name}`;
    return { field, sql: column(parent.alias, field), parent, path, locate };
  }

  /** The parent's Id column, present whenever the parent record is. */
  parentIdSql(parent: JoinedParent): string {
    return `${quoteIdent(parent.alias)}.${quoteIdent('Id')}`;
  }

  private fieldOf(
    type: SObjectType,
    name: string,
    locate: () => number | undefined,
  ): FieldDefinition {
    const field = type.getField(name);
    if (field !== undefined) return field;
    const text = `No such column '${name}' on entity '${type.name}'. ${NO_SUCH_COLUMN_HINT}`;
    throw this.text.error('INVALID_FIELD', text, locate(), [name]);
  }

  private join(relationship: string, locate: () => number | undefined): JoinedParent {
    const lookup = this.type.getRelationship(relationship);
    const relationshipName = lookup?.relationshipName;
    const type =
      lookup?.referenceTo === undefined ? undefined : this.schema.find(lookup.referenceTo);
    if (lookup === undefined || relationshipName === undefined || type === undefined) {
      const text = `Didn't understand relationship '${relationship}' in field path. ${NO_SUCH_RELATIONSHIP_HINT}`;
      throw this.text.error('INVALID_FIELD', text, locate(), [relationship]);
    }

    const key = lookup.name.toLowerCase();
    const existing = this.parents.get(key);
    if (existing !== undefined) return existing;
    const alias = `${this.aliasPrefix}${this.parents.size + 1}`;
    const parent = { alias, lookup, relationshipName, type };
    this.parents.set(key, parent);
    return parent;
  }

  private locator(rawPath: string, clause: Clause): () => number | undefined {
    const key = `${clause}:${rawPath.toLowerCase()}`;
    const nth = this.seen.get(key) ?? 0;
    this.seen.set(key, nth + 1);
    return () => this.text.find(rawPath, clause, nth);
  }
}

function column(alias: string, field: FieldDefinition): string {
  return `${quoteIdent(alias)}.${quoteIdent(field.name)}`;
}
