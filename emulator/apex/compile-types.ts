/**
 * Declared types (`String s`, `AFLO.DownloadScheduler d`): a primitive, a class the host knows,
 * a platform type not supported yet, or an invalid type.
 */

import type { TypeRefContext } from '@apexdevtools/apex-parser';
import type { CompileContext } from './compile-context.ts';
import { problemAt, unsupported } from './compile-problem.ts';
import { primitive, primitiveNamed, type StaticType } from './static-types.ts';
import { isPlatformName } from './platform-names.ts';

export function resolveTypeRef(ctx: TypeRefContext, cx: CompileContext): StaticType {
  const name = plainTypeName(ctx);
  if (name === undefined) throw unsupported(ctx, `type ${ctx.getText()}`);

  const primitiveName = primitiveNamed(name);
  if (primitiveName !== undefined) return primitive(primitiveName);

  const ref = cx.classes.resolve(name);
  if (ref !== undefined) return { kind: 'class', ref };

  if (isPlatformName(name)) throw unsupported(ctx, `type ${name}`);
  throw problemAt(ctx, `Invalid type: ${name}`);
}

/** `NS.Class` for a plain (dotted) type name; undefined for generics and arrays. */
function plainTypeName(ctx: TypeRefContext): string | undefined {
  const subscripts = ctx.arraySubscripts();
  if (subscripts !== null && subscripts.LBRACK_list().length > 0) return undefined;

  const parts: string[] = [];
  for (const part of ctx.typeName_list()) {
    if (part.typeArguments() !== null || part.id() === null) return undefined;
    parts.push(part.id().getText());
  }
  return parts.join('.');
}
