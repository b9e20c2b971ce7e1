import { describe, expect, it } from 'vitest';
import { run, runFailure } from './test-host.ts';

/** The debug lines a script prints. */
async function printed(source: string): Promise<string[]> {
  return (await run(source)).debugLines;
}

describe('operators', () => {
  describe('arithmetic', () => {
    it.each([
      ['1 + 2 * 3', '7'],
      ['(1 + 2) * 3', '9'],
      ['7 / 2', '3'],
      ['-7 / 2', '-3'],
      ['7.0 / 2', '3.5'],
      ['10 - 4 - 3', '3'],
      ['2147483647 + 1', '-2147483648'],
      ['65536 * 65536', '0'],
      ['2147483647L + 1', '2147483648'],
      ['-(3 + 4)', '-7'],
      ['1.5 + 1', '2.5'],
    ])('computes %s as Apex does', async (expression, result) => {
      expect(await printed(`System.debug(${expression});`)).toEqual([result]);
    });

    it('prints a Double with its decimal point when the type is Double', async () => {
      expect(await printed('Double d = 2; System.debug(d); System.debug(d / 4);')).toEqual([
        '2.0',
        '0.5',
      ]);
    });

    it('throws System.MathException when dividing by zero', async () => {
      const error = await runFailure('Integer zero = 0;\nInteger n = 5 / zero;');

      expect(error.describe()).toBe('System.MathException: Divide by 0');
      expect(error.apexStackTrace).toBe('AnonymousBlock: line 2, column 1');
    });

    it('throws System.NullPointerException when an operand is null', async () => {
      const error = await runFailure('Integer n;\nInteger m = n + 1;');

      expect(error.describe()).toBe(
        'System.NullPointerException: Attempt to de-reference a null object',
      );
    });
  });

  describe('string concatenation', () => {
    it('joins a string with numbers, booleans and null as Apex prints them', async () => {
      expect(
        await printed("Integer n; System.debug('a' + 1 + true + n + 2.5 + ('x' + 1 + 2));"),
      ).toEqual(['a1truenull2.5x12']);
    });

    it('adds the numbers first when they come before the string', async () => {
      expect(await printed("System.debug(1 + 2 + 'x');")).toEqual(['3x']);
    });

    it('appends with += when the target is a String', async () => {
      expect(await printed("String s = 'a'; s += 'b'; s += 1; System.debug(s);")).toEqual(['ab1']);
    });
  });

  describe('comparison and equality', () => {
    it.each([
      ["'abc' == 'ABC'", 'true'],
      ["'abc' != 'ABC'", 'false'],
      ["'a' <> 'b'", 'true'],
      ['1 == 1.0', 'true'],
      ['null == null', 'true'],
      ["'x' == null", 'false'],
      ['2 > 1', 'true'],
      ['2 >= 2', 'true'],
      ['1 < 1', 'false'],
      ["'a' < 'B'", 'true'],
      ['Date.newInstance(2026, 1, 2) > Date.newInstance(2025, 12, 31)', 'true'],
    ])('evaluates %s to %s', async (expression, result) => {
      expect(await printed(`System.debug(${expression});`)).toEqual([result]);
    });

    it('compares an unset Integer as false with < and >, without an exception', async () => {
      expect(await printed('Integer n; System.debug(n < 1); System.debug(n > 1);')).toEqual([
        'false',
        'false',
      ]);
    });

    it('compares lists by content when both sides are lists', async () => {
      expect(
        await printed(
          'List<Integer> a = new List<Integer>{1, 2}; List<Integer> b = new List<Integer>{1, 2}; System.debug(a == b);',
        ),
      ).toEqual(['true']);
    });
  });

  describe('logic', () => {
    it('short-circuits && and || so the right side does not run', async () => {
      const lines = await printed(`
        Integer calls = 0;
        Boolean a = false && (calls++ > 0);
        Boolean b = true || (calls++ > 0);
        System.debug(a + ' ' + b + ' ' + calls);
      `);

      expect(lines).toEqual(['false true 0']);
    });

    it('negates with ! and picks a branch with ?:', async () => {
      expect(await printed("Boolean t = true; System.debug(!t ? 'yes' : 'no');")).toEqual(['no']);
    });

    it('throws System.NullPointerException when a condition is null', async () => {
      const error = await runFailure('Boolean b;\nif (b) { }');

      expect(error.type).toBe('System.NullPointerException');
      expect(error.apexStackTrace).toBe('AnonymousBlock: line 2, column 1');
    });
  });

  describe('assignment', () => {
    it('increments and decrements with prefix and postfix forms', async () => {
      const lines = await printed(`
        Integer i = 5;
        Integer a = i++;
        Integer b = ++i;
        Integer c = i--;
        System.debug(a + ',' + b + ',' + c + ',' + i);
      `);

      expect(lines).toEqual(['5,7,7,6']);
    });

    it('applies compound operators when the value is numeric', async () => {
      expect(await printed('Decimal d = 10; d -= 2.5; d *= 2; d /= 5; System.debug(d);')).toEqual([
        '3',
      ]);
    });

    it('rejects a String that is not an Id when it is stored into an Id', async () => {
      const error = await runFailure("Id i = 'not-an-id';");

      expect(error.describe()).toBe('System.StringException: Invalid id: not-an-id');
    });

    it('stores the 18-character form when a 15-character Id is assigned', async () => {
      expect(await printed("Id i = 'a03000000000ABC'; System.debug(i);")).toEqual([
        'a03000000000ABCAA2',
      ]);
    });
  });
});
