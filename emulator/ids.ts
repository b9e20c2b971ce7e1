/**
 * Salesforce record Ids: 15 case-sensitive base-62 characters (a 3-character key prefix, then a
 * unique number), plus the 3-character case-safe suffix that makes the 18-character form the API
 * returns. The emulator numbers each sObject type's records from a counter kept in the store, so
 * Ids owe nothing to wall time or chance.
 */

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_PATTERN = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;

/** The case-safe suffix of a 15-character Id. */
export function idSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** The Id of the n-th record (n ≥ 1) of the type with this key prefix, in 18-character form. */
export function makeId(keyPrefix: string, n: number): string {
  let digits = '';
  let rest = n;
  while (rest > 0) {
    digits = BASE62[rest % 62] + digits;
    rest = Math.floor(rest / 62);
  }
  // The first character after the prefix marks the pod on a real org; ours is always '0'.
  const id15 = keyPrefix + '0' + digits.padStart(11, '0');
  return id15 + idSuffix(id15);
}

/** Whether a string is a 15-character Id, or an 18-character one (in any case) with a valid suffix. */
export function isId(value: string): boolean {
  return toId18(value) !== undefined;
}

/**
 * The canonical 18-character form of a 15- or 18-character Id, or undefined when it is not one.
 * An 18-character Id is case-insensitive: its suffix says which of the first 15 characters are
 * upper case, so `001d000000iqhsliaz` and `001D000000IqhSLIAZ` are the same record.
 */
export function toId18(value: string): string | undefined {
  if (!ID_PATTERN.test(value)) return undefined;
  const id15 = value.length === 15 ? value : restoreCase(value);
  return id15 === undefined ? undefined : id15 + idSuffix(id15);
}

/** The first 15 characters of an 18-character Id in the case its suffix gives them. */
function restoreCase(id18: string): string | undefined {
  let id15 = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(id18.charAt(15 + chunk).toUpperCase());
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const c = id18.charAt(chunk * 5 + i);
      const upper = (bits & (1 << i)) !== 0;
      // A suffix that marks a digit as upper case belongs to no Id.
      if (upper && c.toLowerCase() === c.toUpperCase()) return undefined;
      id15 += upper ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return id15;
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}
