/**
 * Partial matching of the fake's objects: an expected object matches when every key it gives
 * matches (nested objects likewise, arrays element by element and of the same length), and
 * keys it leaves out are anything.
 */

/** Where `actual` differs from `expected`, a line each: `customerName: expected "B", got "A"`. */
export function differences(actual: unknown, expected: unknown, path = ''): string[] {
  const here = path === '' ? 'the object' : path;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${here}: expected ${show(expected)}, got ${show(actual)}`];
    return expected.flatMap((item, i) => differences(actual[i], item, `${path}[${i}]`));
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${here}: expected an object, got ${show(actual)}`];
    return Object.entries(expected).flatMap(([key, value]) =>
      differences(actual[key], value, path === '' ? key : `${path}.${key}`),
    );
  }
  return Object.is(actual, expected)
    ? []
    : [`${here}: expected ${show(expected)}, got ${show(actual)}`];
}

/** Whether every key `expected` gives matches `actual`. */
export function matchesPartially(actual: unknown, expected: unknown): boolean {
  return differences(actual, expected).length === 0;
}

/** A value in one short line of JSON (`undefined` for a missing key). */
export function show(value: unknown, max = 80): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
