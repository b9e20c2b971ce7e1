import { describe, expect, it } from 'vitest';
import { run, runFailure, TestHost } from './test-host.ts';

async function printed(source: string): Promise<string[]> {
  return (await run(source)).debugLines;
}

describe('control flow', () => {
  it('takes the branch the condition picks, else-if chains included', async () => {
    const lines = await printed(`
      for (Integer n = 0; n < 3; n++) {
        if (n == 0) System.debug('zero');
        else if (n == 1) { System.debug('one'); }
        else System.debug('many');
      }
    `);

    expect(lines).toEqual(['zero', 'one', 'many']);
  });

  it('runs a while loop until its condition is false, and a do-while at least once', async () => {
    const lines = await printed(`
      Integer i = 0;
      while (i < 3) { i++; }
      do { System.debug('once ' + i); } while (false);
    `);

    expect(lines).toEqual(['once 3']);
  });

  it('skips with continue and stops with break when a loop meets them', async () => {
    const lines = await printed(`
      for (Integer i = 0; i < 10; i++) {
        if (Math.mod(i, 2) == 1) continue;
        if (i > 4) break;
        System.debug(i);
      }
    `);

    expect(lines).toEqual(['0', '2', '4']);
  });

  it('breaks out of the inner loop only when loops are nested', async () => {
    const lines = await printed(`
      for (Integer i = 0; i < 2; i++) {
        for (Integer j = 0; j < 5; j++) {
          if (j == 1) break;
          System.debug(i + ':' + j);
        }
      }
    `);

    expect(lines).toEqual(['0:0', '1:0']);
  });

  it('iterates a list, a set and the keys of a map in order', async () => {
    const lines = await printed(`
      for (String s : new List<String>{'a', 'b'}) System.debug(s);
      for (Integer n : new Set<Integer>{3, 4}) System.debug(n);
      Map<String, Integer> m = new Map<String, Integer>{'k1' => 1, 'k2' => 2};
      for (String k : m.keySet()) System.debug(k + '=' + m.get(k));
    `);

    expect(lines).toEqual(['a', 'b', '3', '4', 'k1=1', 'k2=2']);
  });

  it('declares a fresh variable on each pass when a loop body declares one', async () => {
    const lines = await printed(`
      for (Integer i = 0; i < 2; i++) { Integer seen; System.debug(seen); seen = i; }
    `);

    expect(lines).toEqual(['null', 'null']);
  });

  it('ends the script at return when a top-level return runs', async () => {
    expect(await printed("System.debug('a'); if (true) return; System.debug('b');")).toEqual(['a']);
  });

  it('fails with the CPU time limit instead of hanging when a loop never ends', async () => {
    const error = await runFailure('Integer i = 0;\nwhile (true) { i++; }');

    expect(error.describe()).toBe('System.LimitException: Apex CPU time limit exceeded');
  });

  describe('try/catch/finally', () => {
    it('catches the exception by its type and continues after the try', async () => {
      const lines = await printed(`
        try {
          List<Integer> l = new List<Integer>();
          Integer x = l[2];
          System.debug('not here');
        } catch (MathException e) {
          System.debug('wrong clause');
        } catch (ListException e) {
          System.debug(e.getTypeName() + ': ' + e.getMessage() + ' @' + e.getLineNumber());
        } finally {
          System.debug('finally');
        }
        System.debug('after');
      `);

      expect(lines).toEqual([
        'System.ListException: List index out of bounds: 2 @4',
        'finally',
        'after',
      ]);
    });

    it('catches any exception with catch (Exception e)', async () => {
      const lines = await printed(
        'try { Integer n; n++; } catch (Exception e) { System.debug(e.getMessage()); }',
      );

      expect(lines).toEqual(['Attempt to de-reference a null object']);
    });

    it('runs finally and rethrows when no clause matches', async () => {
      const host = new TestHost();

      const error = await runFailure(
        "try {\n  Integer n = 1 / 0;\n} catch (ListException e) {\n} finally { System.debug('cleanup'); }",
        host,
      );

      expect(error.type).toBe('System.MathException');
      expect(error.apexStackTrace).toBe('AnonymousBlock: line 2, column 3');
      expect(host.debugLines).toEqual(['cleanup']);
    });

    it('catches an exception a host method throws', async () => {
      const lines = await printed(
        'try { new Demo.Failing().explode(); } catch (CalloutException e) { System.debug(e); }',
      );

      expect(lines).toEqual(['System.CalloutException: Read timed out']);
    });

    it('never catches System.LimitException, as on the platform', async () => {
      const host = new TestHost();
      host.queueableLimit = 0;

      const error = await runFailure(
        'try { System.enqueueJob(new Demo.SlowJob()); } catch (Exception e) { System.debug(e); }',
        host,
      );

      expect(error.type).toBe('System.LimitException');
      expect(host.debugLines).toEqual([]);
    });

    it('throws a failed assertion with its message when System.assertEquals fails', async () => {
      const error = await runFailure("System.assertEquals(1, 2, 'counts differ');");

      expect(error.describe()).toBe(
        'System.AssertException: Assertion Failed: counts differ: Expected: 1, Actual: 2',
      );
    });
  });
});
