import { describe, expect, it } from 'vitest';
import { unescapeApexString } from '../../../emulator/apex/literals.ts';
import { run } from './test-host.ts';

describe('unescapeApexString', () => {
  it.each([
    ["it\\'s", "it's"],
    ['tab\\there', 'tab\there'],
    ['line\\nbreak', 'line\nbreak'],
    ['back\\\\slash', 'back\\slash'],
    ['quote\\"d', 'quote"d'],
    ['\\u00e9t\\u00E9', 'été'],
    ['\\b\\f\\r', '\b\f\r'],
  ])('turns %s into the characters it stands for', (body, expected) => {
    expect(unescapeApexString(body)).toBe(expected);
  });
});

describe('numeric literals', () => {
  it.each([
    ['0', '0'],
    ['-2147483648', '-2147483648'],
    ['9007199254740991L', '9007199254740991'],
    ['0.25', '0.25'],
    ['-1.5', '-1.5'],
    ['1.5d', '1.5'],
    ['.5', '0.5'],
  ])('prints %s as %s when debugged', async (literal, printed) => {
    const host = await run(`System.debug(${literal});`);

    expect(host.debugLines).toEqual([printed]);
  });
});
