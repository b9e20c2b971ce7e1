/**
 * Child relationships: for each sObject type, the lookups of any type that point at it, and the
 * name a child subquery uses for each (`SELECT Name, (SELECT Name FROM AFLO__CustomerPromotions__r)
 * FROM AFLO__Customer__c`), as the describe's `childRelationships` lists them.
 *
 * A lookup names its child relationship with `childRelationshipName`. One that does not gets a
 * name made from its object's name (`AFLO__CustomerPromotion__c` → `AFLO__CustomerPromotions__r`,
 * `Contact` → `Contacts`), so object files written before the key existed keep working; a system
 * lookup (the audit lookups to User, AsyncApexJob's) gets none, as on the platform. Names are
 * unique per parent type, in any case: a declared name used twice is a metadata error, and a
 * made-up name already taken is left off, so that lookup has no child relationship.
 */
import type { FieldDefinition } from './schema.ts';
import type { SObjectType } from './sobject-type.ts';

export interface ChildRelationship {
  /** The type whose lookup it is. */
  childType: SObjectType;
  /** The lookup field on the child type. */
  field: FieldDefinition;
  /** The name subqueries use, or null when the relationship has none. */
  relationshipName: string | null;
}

export class ChildRelationshipIndex {
  /** By the lower-case name of the parent type, in the order the children were defined. */
  private readonly byParent = new Map<string, ChildRelationship[]>();

  /**
   * Registers the lookups of a newly defined type; throws, registering none, when a declared name
   * is taken.
   */
  add(child: SObjectType): void {
    const added: Array<[ChildRelationship[], ChildRelationship]> = [];
    for (const field of child.fields) {
      if (field.type !== 'lookup' || field.referenceTo === undefined) continue;
      const siblings = this.relationshipsOf(field.referenceTo);
      const name = field.childRelationshipName ?? defaultName(child, field);
      const pending = added.filter(([list]) => list === siblings).map(([, entry]) => entry);
      const taken = name !== null && [...siblings, ...pending].some((o) => sameName(o, name));
      if (taken && field.childRelationshipName !== undefined) {
        throw new Error(
          `child relationship ${name} of ${field.referenceTo} is declared twice (again by ${child.name}.${field.name})`,
        );
      }
      added.push([siblings, { childType: child, field, relationshipName: taken ? null : name }]);
    }
    for (const [siblings, entry] of added) siblings.push(entry);
  }

  /** Every lookup pointing at `parent`, named or not. */
  of(parent: SObjectType): readonly ChildRelationship[] {
    return this.byParent.get(parent.name.toLowerCase()) ?? [];
  }

  /** The child relationship of `parent` with this name, in any case, or undefined. */
  find(parent: SObjectType, name: string): ChildRelationship | undefined {
    return this.of(parent).find((relationship) => sameName(relationship, name));
  }

  private relationshipsOf(parentName: string): ChildRelationship[] {
    const key = parentName.toLowerCase();
    let list = this.byParent.get(key);
    if (list === undefined) {
      list = [];
      this.byParent.set(key, list);
    }
    return list;
  }
}

function sameName(relationship: ChildRelationship, name: string): boolean {
  return relationship.relationshipName?.toLowerCase() === name.toLowerCase();
}

/** `AFLO__CustomerPromotion__c` → `AFLO__CustomerPromotions__r`; `Contact` → `Contacts`. */
function defaultName(child: SObjectType, field: FieldDefinition): string | null {
  if (field.system) return null;
  const custom = child.name.endsWith('__c');
  const base = custom ? child.name.slice(0, -'__c'.length) : child.name;
  return custom ? `${base}s__r` : `${base}s`;
}
