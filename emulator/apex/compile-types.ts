/**
 * Declared types (`String s`, `List<AFLO__Customer__c> cs`, `Map<Id, X> m`, `String[] names`,
 * `AFLO.DownloadScheduler d`): a primitive, a collection, an sObject type of the org, a class the
 * host knows, a platform class the emulator models, a platform type not supported yet, or an
 * invalid type.
 */

import type {
  ApexParserRuleContext,
  TypeNameContext,
  TypeRefContext,
} from '@apexdevtools/apex-parser';
import type { CompileContext } from './compile-context.ts';
import { problemAt, unsupported } from './compile-problem.ts';
import { exceptionTypeNamed } from './exceptions.ts';
import { isPlatformName } from './platform-names.ts';
import {
  listOf,
  mapOf,
  platform,
  platformNamed,
  primitive,
  primitiveNamed,
  setOf,
  SOBJECT_TYPE,
  type StaticType,
} from './static-types.ts';

export function resolveTypeRef(ctx: TypeRefContext, cx: CompileContext): StaticType {
  const parts = ctx.typeName_list();
  const [first] = parts;
  let type =
    parts.length === 1 && first !== undefined && isCollection(first)
      ? collectionType(first, cx)
      : namedType(dottedName(parts, ctx), ctx, cx);

  const dimensions = ctx.arraySubscripts()?.LBRACK_list().length ?? 0;
  // `String[]` is Apex's other spelling of `List<String>`.
  for (let i = 0; i < dimensions; i++) type = listOf(type);
  return type;
}

/** The type a plain name denotes, in Apex's order: primitive, class, sObject, platform class. */
export function namedType(name: string, at: ApexParserRuleContext, cx: CompileContext): StaticType {
  const primitiveName = primitiveNamed(name);
  if (primitiveName !== undefined) return primitive(primitiveName);

  const ref = cx.classes.resolve(name);
  if (ref !== undefined) return { kind: 'class', ref };

  const sObject = cx.sObjects.resolve(name);
  if (sObject !== undefined) return { kind: 'sobject', ref: sObject };
  if (/^(schema\.)?sobject$/i.test(name)) return SOBJECT_TYPE;

  const platformName = platformNamed(name);
  if (platformName !== undefined) return platform(platformName);
  const exception = exceptionTypeNamed(name);
  if (exception !== undefined) return { kind: 'exception', name: exception };

  if (isPlatformName(name)) throw unsupported(at, `type ${name}`);
  throw problemAt(at, `Invalid type: ${name}`);
}

function isCollection(part: TypeNameContext): boolean {
  return part.LIST() !== null || part.SET() !== null || part.MAP() !== null;
}

/** `List<T>`, `Set<T>`, `Map<K, V>` with their type arguments resolved. */
function collectionType(part: TypeNameContext, cx: CompileContext): StaticType {
  const args = part.typeArguments()?.typeList().typeRef_list() ?? [];
  const types = args.map((arg) => resolveTypeRef(arg, cx));
  const [first, second] = types;

  if (part.MAP() !== null) {
    if (types.length !== 2 || first === undefined || second === undefined) {
      throw unsupported(part, `type ${part.getText()}`);
    }
    return mapOf(first, second);
  }
  if (types.length !== 1 || first === undefined) throw unsupported(part, `type ${part.getText()}`);
  return part.LIST() !== null ? listOf(first) : setOf(first);
}

/** `NS.Class` for a dotted type name; generic arguments on its parts are unsupported. */
function dottedName(parts: readonly TypeNameContext[], ctx: TypeRefContext): string {
  return parts
    .map((part) => {
      if (part.typeArguments() !== null || part.id() === null) {
        throw unsupported(ctx, `type ${ctx.getText()}`);
      }
      return part.id().getText();
    })
    .join('.');
}
