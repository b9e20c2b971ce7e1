/**
 * Names that belong to the platform. When a script uses one the emulator doesn't model
 * (`Limits.getCpuTime()`, `System.isBatch()`), the compiler says "cannot run this construct yet"
 * instead of "Variable does not exist" or "Invalid type".
 */

/** `System` methods that exist on the platform but not here yet: a call is unsupported, not unknown. */
const KNOWN_SYSTEM_METHODS = new Set([
  'attachfinalizer',
  'currenttimemillis',
  'equals',
  'hashcode',
  'isbatch',
  'isfuture',
  'isqueueable',
  'isscheduled',
  'purgeoldasyncjobs',
  'requestversion',
  'runas',
  'schedulebatch',
]);

/**
 * Platform classes: a member of one the emulator doesn't model (`Limits.getCpuTime`,
 * `HttpRequest`) is an unsupported construct, not an invalid type.
 */
const PLATFORM_CLASSES = new Set([
  'asyncoptions',
  'blob',
  'boolean',
  'callable',
  'crypto',
  'date',
  'datetime',
  'decimal',
  'double',
  'encodingutil',
  'exception',
  'finalizer',
  'http',
  'httprequest',
  'httpresponse',
  'id',
  'integer',
  'json',
  'label',
  'limits',
  'list',
  'logginglevel',
  'long',
  'map',
  'math',
  'matcher',
  'object',
  'pattern',
  'queueable',
  'schedulable',
  'set',
  'sobject',
  'string',
  'test',
  'time',
  'trigger',
  'type',
  'url',
  'userinfo',
]);

/** Platform namespaces: every name under them is the platform's (`Database.SaveResult`). */
const PLATFORM_NAMESPACES = new Set([
  'approval',
  'apexpages',
  'auth',
  'cache',
  'database',
  'eventbus',
  'messaging',
  'schema',
  'search',
  'system',
]);

/** Whether `System.<method>` is a real platform method that isn't implemented yet. */
export function isKnownSystemMethod(method: string): boolean {
  return KNOWN_SYSTEM_METHODS.has(method.toLowerCase());
}

/**
 * Whether a type or class name is the platform's: a platform class (`Limits`, `Date`) or
 * anything in a platform namespace (`Database`, `Database.SaveResult`). `Test.Foo` is not.
 */
export function isPlatformName(name: string): boolean {
  const parts = name.toLowerCase().split('.');
  const head = parts[0] ?? '';
  if (PLATFORM_NAMESPACES.has(head)) return true;
  return parts.length === 1 && PLATFORM_CLASSES.has(head);
}
