import { describe, expect, it } from 'vitest';
import { run, runFailure } from './test-host.ts';

async function printed(source: string): Promise<string[]> {
  return (await run(source)).debugLines;
}

describe('platform methods', () => {
  describe('List', () => {
    it('adds, inserts, reads, replaces and removes elements', async () => {
      const lines = await printed(`
        List<String> l = new List<String>{'b'};
        l.add('c'); l.add(0, 'a'); l.addAll(new List<String>{'d', 'e'});
        l.set(4, 'E');
        String removed = l.remove(1);
        System.debug(l); System.debug(l.size() + ' ' + l.get(0) + ' ' + l[1] + ' ' + removed);
        System.debug(l.contains('c') + ' ' + l.contains('C') + ' ' + l.indexOf('d') + ' ' + l.isEmpty());
      `);

      expect(lines).toEqual(['(a, c, d, E)', '4 a c b', 'true false 2 false']);
    });

    it('throws System.ListException when an index is out of bounds', async () => {
      const error = await runFailure('List<Integer> l = new List<Integer>{1};\nl.get(-1);');

      expect(error.describe()).toBe('System.ListException: List index out of bounds: -1');
    });

    it('writes through an index when an element is assigned', async () => {
      expect(
        await printed(
          'List<Integer> l = new List<Integer>{1, 2}; l[1] = 5; l[0]++; System.debug(l);',
        ),
      ).toEqual(['(2, 5)']);
    });

    it('sorts primitives ascending and builds arrays with String[] syntax', async () => {
      expect(
        await printed(
          "String[] names = new String[]{'b', 'c', 'a'}; names.sort(); System.debug(names);",
        ),
      ).toEqual(['(a, b, c)']);
    });
  });

  describe('Set and Map', () => {
    it('keeps Set elements once, case-sensitively', async () => {
      const lines = await printed(`
        Set<String> s = new Set<String>{'a', 'A'};
        Boolean added = s.add('a');
        System.debug(s + ' ' + added + ' ' + s.contains('A') + ' ' + s.size());
      `);

      expect(lines).toEqual(['{a, A} false true 2']);
    });

    it('puts, gets and lists keys and values', async () => {
      const lines = await printed(`
        Map<String, Integer> m = new Map<String, Integer>();
        m.put('a', 1); Integer old = m.put('a', 2); m.put('b', 3);
        System.debug(m); System.debug(old + ' ' + m.get('a') + ' ' + m.get('zz'));
        System.debug(m.keySet() + ' ' + m.values() + ' ' + m.containsKey('b') + ' ' + m.remove('b'));
      `);

      expect(lines).toEqual(['{a=2, b=3}', '1 2 null', '{a, b} (2, 3) true 3']);
    });

    it('throws System.NullPointerException when a method is called on a null collection', async () => {
      const error = await runFailure("Map<String, String> m;\nm.put('a', 'b');");

      expect(error.describe()).toBe(
        'System.NullPointerException: Attempt to de-reference a null object',
      );
      expect(error.apexStackTrace).toBe('AnonymousBlock: line 2, column 1');
    });
  });

  describe('String', () => {
    it.each([
      ["'Hello'.length()", '5'],
      ["'Hello'.toUpperCase()", 'HELLO'],
      ["'  x '.trim()", 'x'],
      ["'Hello'.substring(1, 3)", 'el'],
      ["'Hello'.contains('ell')", 'true'],
      ["'Hello'.startsWith('He')", 'true'],
      ["'a,b,,'.split(',')", '(a, b)'],
      ["'a-b-c'.replace('-', '+')", 'a+b+c'],
      ["'Hello'.equalsIgnoreCase('HELLO')", 'true'],
      ['String.valueOf(42)', '42'],
      ["String.isBlank('  ')", 'true'],
      ["String.join(new List<Integer>{1, 2}, '-')", '1-2'],
      ["Integer.valueOf('12') + 1", '13'],
      ["Decimal.valueOf('1.25')", '1.25'],
    ])('evaluates %s to %s', async (expression, result) => {
      expect(await printed(`System.debug(${expression});`)).toEqual([result]);
    });

    it('throws System.TypeException when Integer.valueOf gets text that is not a number', async () => {
      const error = await runFailure("Integer.valueOf('12a');");

      expect(error.describe()).toBe('System.TypeException: Invalid integer: 12a');
    });

    it('throws System.StringException when substring goes past the end', async () => {
      const error = await runFailure("'abc'.substring(1, 9);");

      expect(error.describe()).toBe('System.StringException: Ending position out of bounds: 9');
    });
  });

  describe('Date and Datetime', () => {
    it('takes today and now from the host clock and does calendar arithmetic', async () => {
      const lines = await printed(`
        Date d = Date.today();
        System.debug(d);
        System.debug(String.valueOf(d.addDays(1)) + ' ' + Date.newInstance(2026, 1, 31).addMonths(1));
        System.debug(System.now());
        System.debug(Datetime.newInstanceGmt(2026, 3, 1, 6, 30, 0).addHours(2).getTime());
      `);

      expect(lines).toEqual([
        '2026-01-31 00:00:00',
        '2026-02-01 2026-02-28',
        '2026-01-31 12:00:00',
        String(Date.UTC(2026, 2, 1, 8, 30, 0)),
      ]);
    });
  });
});
