import { describe, expect, it } from 'vitest';
import { formatApexValue } from '../../../emulator/apex/format.ts';
import type { ApexClassRef } from '../../../emulator/apex/index.ts';

class Invoice {
  amount = 12;
  customer: string | null = null;
  lines = ['a', 'b'];
}

const INVOICE_REF: ApexClassRef = {
  apexName: 'Demo.Invoice',
  methods: new Map(),
  construct: () => new Invoice(),
};

describe('formatApexValue', () => {
  it.each([
    [null, 'null'],
    [undefined, 'null'],
    ['text', 'text'],
    [3, '3'],
    [true, 'true'],
    [[1, null, 'x'], '(1, null, x)'],
    [new Map<string, number>([['a', 1]]), '{a=1}'],
    [new Set(['s']), '{s}'],
  ])('prints %o the way Apex prints it', (value, printed) => {
    expect(formatApexValue(value, new WeakMap())).toBe(printed);
  });

  it('prints the Apex class name and fields when the instance is known', () => {
    const invoice = new Invoice();
    const classOf = new WeakMap<object, ApexClassRef>([[invoice, INVOICE_REF]]);

    expect(formatApexValue(invoice, classOf)).toBe(
      'Demo.Invoice:[amount=12, customer=null, lines=(a, b)]',
    );
  });

  it('prints the TypeScript class name when the instance is unknown', () => {
    expect(formatApexValue(new Invoice(), new WeakMap())).toBe(
      'Invoice:[amount=12, customer=null, lines=(a, b)]',
    );
  });

  it('uses the object own toString when it defines one', () => {
    const money = { toString: () => 'USD 5.00' };

    expect(formatApexValue(money, new WeakMap())).toBe('USD 5.00');
  });

  it('stops at a cycle when an object contains itself', () => {
    const node: { name: string; self?: object } = { name: 'n' };
    node.self = node;

    expect(formatApexValue(node, new WeakMap())).toBe('Object:[name=n, self=(already output)]');
  });
});
