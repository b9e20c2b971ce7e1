/**
 * The platform's static methods a script can call, keyed `class.method` in lower case. A later
 * issue adds `Database.*` and `Limits.*` here: one entry per method, nothing else to change in the
 * compiler or evaluator.
 */

import { ApexException } from '../errors.ts';
import { formatApexValue } from './format.ts';
import type { SystemMethod } from './ir.ts';
import { primitive, VOID_TYPE, type StaticType } from './static-types.ts';

const debug: SystemMethod = {
  apexName: 'System.debug',
  accepts: (argTypes) => argTypes.length === 1 && argTypes[0]?.kind !== 'void',
  returns: VOID_TYPE,
  call: ([message], runtime) => {
    runtime.host.debug('DEBUG', formatApexValue(message, runtime.classOf));
    return null;
  },
};

const enqueueJob: SystemMethod = {
  apexName: 'System.enqueueJob',
  accepts: (argTypes) => argTypes.length === 1 && isObjectLike(argTypes[0]),
  returns: primitive('Id'),
  call: ([instance], runtime) => {
    if (instance === null || instance === undefined) {
      throw new ApexException('System.NullPointerException', 'Argument cannot be null.');
    }
    if (typeof instance !== 'object') {
      const message = `Invalid conversion from runtime type ${typeof instance} to System.Queueable`;
      throw new ApexException('System.TypeException', message);
    }
    return runtime.host.enqueueJob(instance);
  },
};

function isObjectLike(type: StaticType | undefined): boolean {
  if (type === undefined) return false;
  if (type.kind === 'primitive') return type.name === 'Object';
  return type.kind !== 'void';
}

export const SYSTEM_METHODS: ReadonlyMap<string, SystemMethod> = new Map([
  ['system.debug', debug],
  ['system.enqueuejob', enqueueJob],
]);
