/**
 * The `System` methods a script can call: debug, enqueueJob, schedule, abortJob, now, today and
 * the asserts. Jobs and schedules go through the host, which uses the Apex API package code
 * uses (apex-api.ts), so limits and rollback apply the same way.
 */

import type { AsyncOptions } from '../async/async-options.ts';
import { ApexException } from '../errors.ts';
import { isAsyncOptions } from './async-objects.ts';
import { nullPointer } from './exceptions.ts';
import type { ApexValue } from './host.ts';
import type { Runtime, StaticCall } from './ir.ts';
import { formatTyped } from './format.ts';
import { firstOf, overload, type StaticMethod } from './method-types.ts';
import { dateOf } from './primitive-methods.ts';
import {
  BOOLEAN,
  ID,
  INTEGER,
  OBJECT,
  platform,
  primitive,
  STRING,
  VOID_TYPE,
  type StaticType,
} from './static-types.ts';
import { apexEquals } from './values.ts';

/** `System.debug(x)` and `System.debug(LoggingLevel.INFO, x)`: one USER_DEBUG line. */
const debug: StaticMethod = {
  apexName: 'System.debug',
  bind: (argTypes) => {
    const [first, second] = argTypes;
    if (argTypes.length === 1 && first !== undefined && first.kind !== 'void') {
      return { call: debugCall(first, false), returns: VOID_TYPE };
    }
    if (argTypes.length === 2 && first?.kind === 'platform' && first.name === 'LoggingLevel') {
      if (second !== undefined && second.kind !== 'void') {
        return { call: debugCall(second, true), returns: VOID_TYPE };
      }
    }
    return undefined;
  },
};

function debugCall(messageType: StaticType, leveled: boolean): StaticCall {
  return (args, runtime) => {
    const level = leveled ? String(args[0] ?? 'DEBUG') : 'DEBUG';
    const message = args[leveled ? 1 : 0] ?? null;
    runtime.host.debug(level, formatTyped(message, messageType, runtime.classOf, true));
    return null;
  };
}

/** A Queueable or Schedulable instance: a class instance, or something only known at run time. */
function isInstanceType(type: StaticType | undefined): boolean {
  if (type === undefined) return false;
  if (type.kind === 'primitive') return type.name === 'Object';
  return type.kind === 'class' || type.kind === 'unknown' || type.kind === 'null';
}

function requireInstance(value: ApexValue | undefined, apexType: string): object {
  if (value === null || value === undefined) {
    throw new ApexException('System.NullPointerException', 'Argument cannot be null.');
  }
  if (typeof value !== 'object') {
    const message = `Invalid conversion from runtime type ${typeof value} to ${apexType}`;
    throw new ApexException('System.TypeException', message);
  }
  return value;
}

const enqueueJob: StaticMethod = {
  apexName: 'System.enqueueJob',
  bind: (argTypes) => {
    if (!isInstanceType(argTypes[0])) return undefined;
    const enqueue = (
      options: number | AsyncOptions,
      args: readonly ApexValue[],
      runtime: Runtime,
    ) => runtime.host.enqueueJob(requireInstance(args[0], 'System.Queueable'), options);
    return firstOf(
      [
        overload<StaticCall>([OBJECT], ID, (args, runtime) => enqueue(0, args, runtime)),
        overload<StaticCall>([OBJECT, INTEGER], ID, (args, runtime) => {
          if (args[1] === null || args[1] === undefined) throw nullPointer();
          return enqueue(Number(args[1]), args, runtime);
        }),
        overload<StaticCall>([OBJECT, platform('AsyncOptions')], ID, (args, runtime) => {
          const options = args[1];
          if (!isAsyncOptions(options)) throw nullPointer();
          return enqueue(options, args, runtime);
        }),
      ],
      argTypes,
    );
  },
};

const schedule: StaticMethod = {
  apexName: 'System.schedule',
  bind: (argTypes) =>
    isInstanceType(argTypes[2])
      ? overload<StaticCall>([STRING, STRING, OBJECT], ID, (args, runtime) =>
          runtime.host.schedule(
            String(args[0] ?? ''),
            String(args[1] ?? ''),
            requireInstance(args[2], 'System.Schedulable'),
          ),
        )(argTypes)
      : undefined,
};

const abortJob: StaticMethod = {
  apexName: 'System.abortJob',
  bind: overload([STRING], VOID_TYPE, (args, runtime) => {
    runtime.host.abortJob(String(args[0] ?? ''));
    return null;
  }),
};

const now: StaticMethod = {
  apexName: 'System.now',
  bind: overload([], primitive('Datetime'), (_args, runtime) => runtime.host.now()),
};

const today: StaticMethod = {
  apexName: 'System.today',
  bind: overload([], primitive('Date'), (_args, runtime) => dateOf(runtime.host.now())),
};

function assertionFailed(message: string): ApexException {
  return new ApexException('System.AssertException', `Assertion Failed${message}`);
}

/** `: msg` after "Assertion Failed" when the script gave a message. */
function suffix(
  args: readonly ApexValue[],
  at: number,
  types: readonly StaticType[],
  runtime: Runtime,
) {
  const type = types[at];
  return args.length > at && type !== undefined
    ? `: ${formatTyped(args[at] ?? null, type, runtime.classOf)}`
    : '';
}

const assert: StaticMethod = {
  apexName: 'System.assert',
  bind: (argTypes) =>
    firstOf(
      [1, 2].map((arity) =>
        overload([BOOLEAN, OBJECT].slice(0, arity), VOID_TYPE, (args, runtime) => {
          if (args[0] !== true) throw assertionFailed(suffix(args, 1, argTypes, runtime));
          return null;
        }),
      ),
      argTypes,
    ),
};

function assertEquality(name: string, expectEqual: boolean): StaticMethod {
  return {
    apexName: `System.${name}`,
    bind: (argTypes) =>
      firstOf(
        [2, 3].map((arity) =>
          overload([OBJECT, OBJECT, OBJECT].slice(0, arity), VOID_TYPE, (args, runtime) => {
            const [expected = null, actual = null] = args;
            if (apexEquals(expected, actual, 'exact') === expectEqual) return null;
            const format = (i: number) =>
              formatTyped(args[i] ?? null, argTypes[i] ?? OBJECT, runtime.classOf);
            const detail = expectEqual
              ? `Expected: ${format(0)}, Actual: ${format(1)}`
              : `Same value: ${format(1)}`;
            throw assertionFailed(`${suffix(args, 2, argTypes, runtime)}: ${detail}`);
          }),
        ),
        argTypes,
      ),
  };
}

export const SYSTEM_METHODS: ReadonlyMap<string, StaticMethod> = new Map(
  [
    debug,
    enqueueJob,
    schedule,
    abortJob,
    now,
    today,
    assert,
    assertEquality('assertEquals', true),
    assertEquality('assertNotEquals', false),
  ].map((method) => [method.apexName.toLowerCase(), method]),
);
