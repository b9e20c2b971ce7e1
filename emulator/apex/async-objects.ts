/**
 * The objects a script builds to enqueue a job with options: `new AsyncOptions()` with its three
 * properties, and `new QueueableDuplicateSignature.Builder().addString('x').build()`. They are
 * the emulator's own classes (emulator/async/async-options.ts), handed to `System.enqueueJob`
 * as package code hands them.
 */

import {
  AsyncOptions,
  QueueableDuplicateSignature,
  QueueableDuplicateSignatureBuilder,
} from '../async/async-options.ts';
import { nullPointer } from './exceptions.ts';
import type { ApexValue } from './host.ts';
import type { InstanceCall, StaticCall, Target } from './ir.ts';
import { byName, firstOf, overload, type InstanceMethod } from './method-types.ts';
import {
  ID,
  INTEGER,
  platform,
  STRING,
  type PlatformTypeName,
  type StaticType,
} from './static-types.ts';

const SIGNATURE = platform('QueueableDuplicateSignature');
const BUILDER = platform('QueueableDuplicateSignature.Builder');

/** The properties of `AsyncOptions`, canonical names and types. */
const ASYNC_OPTIONS_PROPERTIES: ReadonlyArray<[string, StaticType]> = [
  ['DuplicateSignature', SIGNATURE],
  ['MaximumQueueableStackDepth', INTEGER],
  ['MinimumQueueableDelayInMinutes', INTEGER],
];

/** A property of an object type (`options.MinimumQueueableDelayInMinutes`), if it has one. */
export function propertyOf(
  type: StaticType,
  name: string,
): { readonly name: string; readonly type: StaticType } | undefined {
  if (type.kind !== 'platform' || type.name !== 'AsyncOptions') return undefined;
  const found = ASYNC_OPTIONS_PROPERTIES.find(
    ([property]) => property.toLowerCase() === name.toLowerCase(),
  );
  return found === undefined ? undefined : { name: found[0], type: found[1] };
}

/** `new AsyncOptions()` and `new QueueableDuplicateSignature.Builder()`: no arguments. */
export const CONSTRUCTORS: ReadonlyMap<string, { type: PlatformTypeName; create: StaticCall }> =
  new Map([
    ['asyncoptions', { type: 'AsyncOptions', create: () => new AsyncOptions() }],
    ['system.asyncoptions', { type: 'AsyncOptions', create: () => new AsyncOptions() }],
    [
      'queueableduplicatesignature.builder',
      {
        type: 'QueueableDuplicateSignature.Builder',
        create: () => new QueueableDuplicateSignatureBuilder(),
      },
    ],
    [
      'system.queueableduplicatesignature.builder',
      {
        type: 'QueueableDuplicateSignature.Builder',
        create: () => new QueueableDuplicateSignatureBuilder(),
      },
    ],
  ]);

const builder = (t: Target): QueueableDuplicateSignatureBuilder =>
  t as QueueableDuplicateSignatureBuilder;

function required<T extends ApexValue>(value: T | undefined): Exclude<T, null> {
  if (value === null || value === undefined) throw nullPointer();
  return value as Exclude<T, null>;
}

function method(
  name: string,
  overloads: ReadonlyArray<ReturnType<typeof overload<InstanceCall>>>,
): InstanceMethod {
  return { name, bind: (_target, argTypes) => firstOf(overloads, argTypes) };
}

const BUILDER_METHODS = byName<InstanceMethod>([
  method('addString', [
    overload([STRING], BUILDER, (t, [s]) => builder(t).addString(String(required(s)))),
  ]),
  method('addId', [overload([ID], BUILDER, (t, [id]) => builder(t).addId(String(required(id))))]),
  method('addInteger', [
    overload([INTEGER], BUILDER, (t, [n]) => builder(t).addInteger(Number(required(n)))),
  ]),
  method('build', [
    overload([], SIGNATURE, (t): QueueableDuplicateSignature => builder(t).build()),
  ]),
  method('getSize', [overload([], INTEGER, (t) => builder(t).getSize())]),
  method('getRemainingSize', [overload([], INTEGER, (t) => builder(t).getRemainingSize())]),
  method('getMaxSize', [overload([], INTEGER, (t) => builder(t).getMaxSize())]),
]);

/** The methods of the signature builder; AsyncOptions and signatures have none. */
export function asyncObjectMethods(
  type: StaticType,
): ReadonlyMap<string, InstanceMethod> | undefined {
  return type.kind === 'platform' && type.name === 'QueueableDuplicateSignature.Builder'
    ? BUILDER_METHODS
    : undefined;
}

/** Whether a value is an `AsyncOptions` (the third `System.enqueueJob` overload). */
export function isAsyncOptions(value: unknown): value is AsyncOptions {
  return value instanceof AsyncOptions;
}
