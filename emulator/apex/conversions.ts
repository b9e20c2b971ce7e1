/**
 * Conversions Apex makes when a value is stored: a String becomes an Id only if it is one (in
 * its 18-character form), as `Id i = 'x';` fails on the platform with `Invalid id: x`.
 */

import { ApexException } from '../errors.ts';
import { toId18 } from '../ids.ts';
import type { UnaryOperator } from './ir.ts';

/** A String stored into an Id: `System.StringException: Invalid id: x` unless it is one. */
export const toIdValue: UnaryOperator = (value) => {
  if (value === null) return null;
  const id = toId18(String(value));
  if (id === undefined) {
    throw new ApexException('System.StringException', `Invalid id: ${String(value)}`);
  }
  return id;
};
