/**
 * Apex classes written in TypeScript, registered under their Apex names (`AFLO.DownloadScheduler`)
 * with the interfaces they implement. Each registered class also gets an `ApexClass` record, so
 * AsyncApexJob rows can point at it and `SELECT ApexClass.Name FROM AsyncApexJob` works.
 */
export type ApexInterface = 'Queueable' | 'Schedulable' | 'Finalizer' | 'Database.AllowsCallouts';

/** A constructor Apex code can instantiate with `new NS.Class()`. */
export type ApexConstructor = new () => object;

export interface ApexClassDefinition {
  /** Full Apex name, namespace included: `AFLO.DownloadScheduler`. */
  name: string;
  type: ApexConstructor;
  implements: readonly ApexInterface[];
}

export interface RegisteredClass extends ApexClassDefinition {
  namespace: string | null;
  /** The name without the namespace, as `ApexClass.Name` holds it. */
  simpleName: string;
  /** Instance methods by lower-case name: canonical name and parameter count. */
  methods: ReadonlyMap<string, { name: string; arity: number }>;
}

export class ApexClassRegistry {
  private readonly byLowerName = new Map<string, RegisteredClass>();
  private readonly byType = new Map<ApexConstructor, RegisteredClass>();

  register(definition: ApexClassDefinition): RegisteredClass {
    const dot = definition.name.lastIndexOf('.');
    const registered: RegisteredClass = {
      ...definition,
      namespace: dot < 0 ? null : definition.name.slice(0, dot),
      simpleName: dot < 0 ? definition.name : definition.name.slice(dot + 1),
      methods: instanceMethods(definition.type),
    };
    if (this.byLowerName.has(definition.name.toLowerCase())) {
      throw new Error(`Apex class ${definition.name} is registered twice`);
    }
    this.byLowerName.set(definition.name.toLowerCase(), registered);
    this.byType.set(definition.type, registered);
    return registered;
  }

  /** By Apex name in any case; a name without namespace matches a class of no namespace only. */
  find(name: string): RegisteredClass | undefined {
    return this.byLowerName.get(name.toLowerCase());
  }

  /** The registration of an instance's class, or undefined for an object of no Apex class. */
  classOf(instance: object): RegisteredClass | undefined {
    let proto: unknown = Object.getPrototypeOf(instance);
    while (proto !== null && proto !== Object.prototype) {
      const found = this.byType.get((proto as { constructor: ApexConstructor }).constructor);
      if (found !== undefined) return found;
      proto = Object.getPrototypeOf(proto);
    }
    return undefined;
  }

  all(): RegisteredClass[] {
    return [...this.byLowerName.values()];
  }
}

function instanceMethods(type: ApexConstructor): Map<string, { name: string; arity: number }> {
  const methods = new Map<string, { name: string; arity: number }>();
  let proto: unknown = type.prototype;
  while (proto !== null && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      const value: unknown = descriptor?.value;
      if (name === 'constructor' || typeof value !== 'function') continue;
      if (!methods.has(name.toLowerCase()))
        methods.set(name.toLowerCase(), { name, arity: value.length });
    }
    proto = Object.getPrototypeOf(proto);
  }
  return methods;
}
