/**
 * The org's schema: every sObject type by name (case-insensitive) and by Id key prefix, and the
 * child relationships between them.
 */
import { ChildRelationshipIndex, type ChildRelationship } from './child-relationships.ts';
import { SObjectType } from './sobject-type.ts';
import { objectSchema, type ObjectDefinitionInput } from './schema.ts';

export class SchemaRegistry {
  private readonly byLowerName = new Map<string, SObjectType>();
  private readonly byPrefix = new Map<string, SObjectType>();
  private readonly children = new ChildRelationshipIndex();
  private nextCustomPrefix = 0;

  /** Validates a definition and adds its type; custom objects without a prefix get `a00`, `a01`, … */
  define(input: ObjectDefinitionInput): SObjectType {
    const definition = objectSchema.parse(input);
    if (this.byLowerName.has(definition.name.toLowerCase())) {
      throw new Error(`sObject type ${definition.name} is defined twice`);
    }

    const keyPrefix = definition.keyPrefix ?? this.assignCustomPrefix();
    if (this.byPrefix.has(keyPrefix)) {
      throw new Error(`key prefix ${keyPrefix} of ${definition.name} is already used`);
    }

    const type = new SObjectType(definition, keyPrefix);
    this.children.add(type);
    this.byLowerName.set(type.name.toLowerCase(), type);
    this.byPrefix.set(keyPrefix, type);
    return type;
  }

  /** The type with this API name in any case, or undefined. */
  find(name: string): SObjectType | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  /** The type whose records carry this Id key prefix, or undefined. */
  findByPrefix(prefix: string): SObjectType | undefined {
    return this.byPrefix.get(prefix);
  }

  /** Every lookup pointing at `parent`, with the child relationship name subqueries use. */
  childRelationships(parent: SObjectType): readonly ChildRelationship[] {
    return this.children.of(parent);
  }

  /** The child relationship of `parent` named `name`, in any case, or undefined. */
  findChildRelationship(parent: SObjectType, name: string): ChildRelationship | undefined {
    return this.children.find(parent, name);
  }

  /** Every type, in definition order. */
  all(): SObjectType[] {
    return [...this.byLowerName.values()];
  }

  private assignCustomPrefix(): string {
    const digits = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    for (;;) {
      const n = this.nextCustomPrefix++;
      const prefix = `a${digits[Math.floor(n / 62)] ?? 'z'}${digits[n % 62]}`;
      if (!this.byPrefix.has(prefix)) return prefix;
    }
  }
}
