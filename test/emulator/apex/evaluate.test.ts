import { describe, expect, it } from 'vitest';
import { isId } from '../../../emulator/ids.ts';
import { Greeter, run, runFailure, SlowJob, TestHost } from './test-host.ts';

describe('runAnonymous', () => {
  describe('calls', () => {
    it('calls an instance method when the new expression is parenthesised', async () => {
      const host = await run("(new Demo.Greeter()).hello('Ada');");

      expect(host.instancesOf(Greeter)[0]?.calls).toEqual(['Ada']);
    });

    it('calls an instance method when it follows new directly', async () => {
      const host = await run("new Demo.Greeter().hello('Grace');");

      expect(host.instancesOf(Greeter)[0]?.calls).toEqual(['Grace']);
    });

    it('calls a method on a local when the local holds an instance', async () => {
      const host = await run(
        'Demo.Greeter g = new Demo.Greeter();\ng.hello(null);\ng.hello(null);',
      );

      expect(host.instancesOf(Greeter)).toHaveLength(1);
      expect(host.instancesOf(Greeter)[0]?.calls).toEqual([null, null]);
    });

    it('resolves classes and methods when the script spells them in another case', async () => {
      const host = await run("DEMO.greeter g = NEW demo.GREETER(); G.HeLLo('x');");

      expect(host.instancesOf(Greeter)[0]?.calls).toEqual(['x']);
    });

    it('awaits an async method when the next statement depends on it', async () => {
      const host = await run("new Demo.SlowJob().run('a');\nSystem.debug('after');");

      expect(host.events).toEqual(['run:start:a', 'run:end:a', 'DEBUG:after']);
    });

    it('runs statements in order when they span several lines', async () => {
      const host = await run(`
        // a greeting, then a note
        Demo.Greeter g = new Demo.Greeter();
        g.hello('one'); /* inline */ System.debug('two');
        g.hello('three');
      `);

      expect(host.events).toEqual(['hello:one', 'DEBUG:two', 'hello:three']);
    });

    it('does nothing when the script is empty', async () => {
      const host = await run('  // only a comment\n');

      expect(host.events).toEqual([]);
    });
  });

  describe('System.enqueueJob', () => {
    it('hands the instance to the host when the result is discarded', async () => {
      const host = await run('System.enqueueJob(new Demo.SlowJob());');

      expect(host.enqueued).toHaveLength(1);
      expect(host.enqueued[0]).toBeInstanceOf(SlowJob);
    });

    it('stores the job Id when assigned to an ID local', async () => {
      const host = await run(
        'ID jobId = System.enqueueJob(new Demo.SlowJob());\nSystem.debug(jobId);',
      );

      expect(host.debugLines).toHaveLength(1);
      expect(isId(host.debugLines[0] ?? '')).toBe(true);
    });

    it('throws the host exception when the host refuses the job', async () => {
      const host = new TestHost();
      host.queueableLimit = 1;

      const error = await runFailure(
        'System.enqueueJob(new Demo.SlowJob());\n  System.enqueueJob(new Demo.SlowJob());',
        host,
      );

      expect(error.type).toBe('System.LimitException');
      expect(error.message).toBe('Too many queueable jobs added to the queue: 2');
      expect(error.apexStackTrace).toBe('AnonymousBlock: line 2, column 3');
    });
  });

  describe('System.debug', () => {
    it.each([
      ["'text'", 'text'],
      ["'it\\'s'", "it's"],
      ["'a\\nb'", 'a\nb'],
      ['42', '42'],
      ['-7', '-7'],
      ['2.5', '2.5'],
      ['10L', '10'],
      ['true', 'true'],
      ['FALSE', 'false'],
      ['null', 'null'],
    ])('prints %s as Apex does when given a literal', async (literal, printed) => {
      const host = await run(`System.debug(${literal});`);

      expect(host.debugLines).toEqual([printed]);
    });

    it('prints locals when they are declared with a type', async () => {
      const host = await run(`
        String s = 'x';
        Integer n = 5;
        Object o;
        System.debug(s); System.debug(n); System.debug(o);
      `);

      expect(host.debugLines).toEqual(['x', '5', 'null']);
    });

    it('prints the new value when a local is assigned again', async () => {
      const host = await run("String s = 'before'; s = 'after'; System.debug(s);");

      expect(host.debugLines).toEqual(['after']);
    });

    it('prints an instance with its Apex class name when the script created it', async () => {
      const host = await run("Demo.Greeter g = new Demo.Greeter(); g.hello('z'); System.debug(g);");

      expect(host.debugLines).toEqual(['Demo.Greeter:[events=(hello:z), calls=(z)]']);
    });

    it('prints the returned value when debug is given a method call', async () => {
      const host = await run("System.debug(new Demo.Greeter().hello('Lin'));");

      expect(host.debugLines).toEqual(['Hello, Lin']);
    });

    it('sees each block its own local when two blocks declare the same name', async () => {
      const host = await run(
        "{ String a = 'one'; System.debug(a); } { Integer a = 2; System.debug(a); }",
      );

      expect(host.debugLines).toEqual(['one', '2']);
    });
  });

  describe('exceptions', () => {
    it('throws the method exception with the statement position when a method throws one', async () => {
      const error = await runFailure(
        "System.debug('start');\nDemo.Failing f = new Demo.Failing();\n    f.explode();",
      );

      expect(error.type).toBe('System.CalloutException');
      expect(error.message).toBe('Read timed out');
      expect(error.apexStackTrace).toBe('AnonymousBlock: line 3, column 5');
    });

    it('wraps the error as System.UnexpectedException when a method throws a non-Apex error', async () => {
      const error = await runFailure('new Demo.Failing().crash();');

      expect(error.type).toBe('System.UnexpectedException');
      expect(error.message).toBe('cannot read properties of undefined');
      expect(error.apexStackTrace).toBe('AnonymousBlock: line 1, column 1');
    });

    it('keeps the callee frames first when the exception already has a trace', async () => {
      const error = await runFailure('\n\nnew Demo.Failing().explodeDeep();');

      expect(error.apexStackTrace).toBe(
        'Class.Demo.Failing.explodeDeep: line 12, column 1\nAnonymousBlock: line 3, column 1',
      );
    });

    it('adds one frame for the innermost statement when the failure is inside a block', async () => {
      const error = await runFailure('{\n  {\n    new Demo.Failing().explode();\n  }\n}');

      expect(error.apexStackTrace).toBe('AnonymousBlock: line 3, column 5');
    });

    it('throws System.NullPointerException when the local is null', async () => {
      const error = await runFailure('Demo.Greeter g;\ng.hello(null);');

      expect(error.type).toBe('System.NullPointerException');
      expect(error.message).toBe('Attempt to de-reference a null object');
      expect(error.apexStackTrace).toBe('AnonymousBlock: line 2, column 1');
    });

    it('runs no later statement when a statement throws', async () => {
      const host = new TestHost();

      await runFailure("new Demo.Failing().explode();\nSystem.debug('never');", host);

      expect(host.debugLines).toEqual([]);
    });
  });
});
