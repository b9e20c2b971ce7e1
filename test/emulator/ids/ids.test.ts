import { describe, expect, it } from 'vitest';

import { idSuffix, isId, keyPrefixOf, makeId, toId18 } from '../../../emulator/ids.ts';
import { runApex, openTestOrg } from '../../support/test-org.ts';
import { demoPackage, WIDGET, widget } from '../../support/demo-package.ts';
import { Database, System, type Queueable } from '../../../emulator/apex-api.ts';

class NoOp implements Queueable {
  execute(): void {}
}

describe('idSuffix and toId18', () => {
  it.each([
    ['001D000000IqhSL', '001D000000IqhSLIAZ'],
    ['a0D30000001n7Pi', 'a0D30000001n7PiEAI'],
    ['0019000000B98de', '0019000000B98deAAB'],
  ])('makes %s into %s when given the 15-character form', (id15, id18) => {
    expect(idSuffix(id15)).toBe(id18.slice(15));
    expect(toId18(id15)).toBe(id18);
  });

  it('keeps an 18-character Id as it is when its suffix matches', () => {
    expect(toId18('001D000000IqhSLIAZ')).toBe('001D000000IqhSLIAZ');
  });

  it('restores the case of an 18-character Id when it is written in another case', () => {
    expect(toId18('001d000000iqhsliaz')).toBe('001D000000IqhSLIAZ');
    expect(toId18('001D000000IQHSLIAZ')).toBe('001D000000IqhSLIAZ');
  });

  it('returns undefined when the value is not an Id', () => {
    for (const value of [
      '',
      '001D000000IqhS',
      '001D000000IqhSLIA',
      '001D000000IqhSL!',
      '001D000000IqhSLIAZX',
    ]) {
      expect(toId18(value)).toBeUndefined();
      expect(isId(value)).toBe(false);
    }
  });

  it('rejects an 18-character Id when its suffix marks a digit as upper case', () => {
    // Z = 25 = bits 0, 3, 4 of the first chunk, but position 3 of `00000` is a digit.
    expect(isId('000000000000000ZAA')).toBe(false);
  });
});

describe('makeId', () => {
  it('numbers records after the key prefix in base 62 when given n', () => {
    expect(makeId('707', 1)).toBe('707000000000001AAA');
    expect(makeId('001', 62).slice(0, 15)).toBe('001000000000010');
    expect(makeId('a00', 61).slice(0, 15)).toBe('a0000000000000z');
  });

  it('makes valid, distinct 18-character Ids when numbers differ', () => {
    const ids = [1, 2, 61, 62, 3843, 1_000_000].map((n) => makeId('a05', n));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toHaveLength(18);
      expect(isId(id)).toBe(true);
      expect(keyPrefixOf(id)).toBe('a05');
    }
  });
});

describe('Ids in an org', () => {
  it('gives each sObject type its key prefix when records are created', async () => {
    const { org } = await openTestOrg({
      packages: [
        demoPackage({ classes: [{ name: 'Demo.NoOp', type: NoOp, implements: ['Queueable'] }] }),
      ],
    });

    const { widgetId, jobId } = await runApex(org, () => ({
      widgetId: Database.insert([widget()])[0]?.id,
      jobId: System.enqueueJob(new NoOp()),
    }));

    const widgetPrefix = org.requireType(WIDGET).keyPrefix;
    expect(widgetPrefix).toMatch(/^a0[0-9A-Za-z]$/);
    expect(widgetId?.startsWith(widgetPrefix)).toBe(true);
    expect(jobId.startsWith('707')).toBe(true);
    const [apexClass] = org.query('SELECT Id FROM ApexClass').records;
    expect(String(apexClass?.Id).startsWith('01p')).toBe(true);
    const [user] = org.query('SELECT Id FROM User').records;
    expect(String(user?.Id).startsWith('005')).toBe(true);
    for (const id of [widgetId, jobId, apexClass?.Id, user?.Id])
      expect(isId(String(id))).toBe(true);
  });
});
