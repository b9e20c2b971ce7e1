import { describe, expect, it } from 'vitest';
import { compileAnonymous } from '../../../emulator/apex/index.ts';
import { problemOf, TestHost, UNSUPPORTED } from './test-host.ts';

describe('compileAnonymous', () => {
  it('compiles to an empty program when the script is empty', () => {
    const result = compileAnonymous('', new TestHost());

    expect(result).toEqual({ compiled: true, program: { body: [], slotCount: 0 } });
  });

  it('creates, calls and logs nothing when a later line fails to compile', () => {
    const host = new TestHost();

    const result = compileAnonymous("new Demo.Greeter().hello('x');\nDemo.Nope n;", host);

    expect(result.compiled).toBe(false);
    expect(host.created).toEqual([]);
    expect(host.events).toEqual([]);
  });

  it('asks the host once per class when a script names a class several times', () => {
    const host = new TestHost();

    compileAnonymous(
      'Demo.Greeter a = new Demo.Greeter(); demo.greeter b = new DEMO.GREETER();',
      host,
    );

    expect(host.resolved).toEqual(['Demo.Greeter']);
  });

  describe('classes and methods', () => {
    it('reports Invalid type when new names an unknown class', () => {
      expect(problemOf('new Demo.Klass().run();')).toBe('1:5 Invalid type: Demo.Klass');
    });

    it('reports Invalid type when a declaration names an unknown class', () => {
      expect(problemOf('System.debug(1);\n\n  Demo.Klass k;')).toBe('3:3 Invalid type: Demo.Klass');
    });

    it('reports the missing method when the class has no such method', () => {
      expect(problemOf("new Demo.Greeter().bye('x');")).toBe(
        '1:1 Method does not exist or incorrect signature: void bye(String) from the type Demo.Greeter',
      );
    });

    it('reports the signature with Apex type names when the arity is wrong', () => {
      const source = 'Demo.Greeter g = new Demo.Greeter();\ng.hello(1, 2.5, true, null, g, 3L);';

      expect(problemOf(source)).toBe(
        '2:1 Method does not exist or incorrect signature: ' +
          'void hello(Integer, Decimal, Boolean, NULL, Demo.Greeter, Long) from the type Demo.Greeter',
      );
    });

    it('reports the missing method when System has no such method', () => {
      expect(problemOf('System.shout();')).toBe(
        '1:1 Method does not exist or incorrect signature: void shout() from the type System',
      );
    });

    it('reports the signature when System.debug gets two arguments', () => {
      expect(problemOf("System.debug('a', 'b');")).toBe(
        '1:1 Method does not exist or incorrect signature: void debug(String, String) from the type System',
      );
    });

    it('reports the signature when System.enqueueJob gets a String', () => {
      expect(problemOf("System.enqueueJob('job');")).toBe(
        '1:1 Method does not exist or incorrect signature: void enqueueJob(String) from the type System',
      );
    });

    it('reports the missing method when the target is typed Object', () => {
      expect(problemOf('Object o = new Demo.Greeter();\no.hello(null);')).toBe(
        '2:1 Method does not exist or incorrect signature: void hello(NULL) from the type Object',
      );
    });
  });

  describe('variables', () => {
    it('reports Variable does not exist when a call targets an undeclared name', () => {
      expect(problemOf('greeter.hello(null);')).toBe('1:1 Variable does not exist: greeter');
    });

    it('reports Variable does not exist when an argument is undeclared', () => {
      expect(problemOf('\n   System.debug(missing);')).toBe(
        '2:17 Variable does not exist: missing',
      );
    });

    it('reports Variable does not exist when assigning to an undeclared name', () => {
      expect(problemOf("s = 'x';")).toBe('1:1 Variable does not exist: s');
    });

    it('reports Variable does not exist when a local is used after its block', () => {
      expect(problemOf("{ String s = 'x'; }\nSystem.debug(s);")).toBe(
        '2:14 Variable does not exist: s',
      );
    });

    it('reports Duplicate variable when a name is declared twice in any case', () => {
      expect(problemOf('Integer count;\nString COUNT;')).toBe('2:8 Duplicate variable: COUNT');
    });

    it('reports Duplicate variable when a nested block redeclares an outer local', () => {
      expect(problemOf('Integer n = 1;\n{\n  Integer n = 2;\n}')).toBe(
        '3:11 Duplicate variable: n',
      );
    });

    it('reports Illegal assignment when the value has another type', () => {
      expect(problemOf("Integer n = 'five';")).toBe(
        '1:13 Illegal assignment from String to Integer',
      );
    });

    it('reports Illegal assignment when a class instance goes into a String', () => {
      expect(problemOf('String s;\ns = new Demo.Greeter();')).toBe(
        '2:5 Illegal assignment from Demo.Greeter to String',
      );
    });

    it('reports Illegal assignment when the value is a void call', () => {
      expect(problemOf("String s = System.debug('x');")).toBe(
        '1:12 Illegal assignment from void to String',
      );
    });

    it('accepts the assignment when Apex widens the value', () => {
      const result = compileAnonymous(
        "Decimal d = 1; Long l = 2; Object o = 'x'; ID i = 'a'; Demo.Greeter g = null; Datetime t = Date.today();",
        new TestHost(),
      );

      expect(result.compiled).toBe(true);
    });
  });

  describe('literals', () => {
    it('reports Illegal integer when an Integer literal overflows', () => {
      expect(problemOf('Integer n = 2147483648;')).toBe('1:13 Illegal integer');
    });

    it('accepts the smallest Integer when it is written negative', () => {
      expect(compileAnonymous('Integer n = -2147483648;', new TestHost()).compiled).toBe(true);
    });

    it('reports the line break when a string literal spans lines', () => {
      expect(problemOf("String s = 'one\ntwo';")).toBe(
        '1:12 Line breaks are not allowed in string literals',
      );
    });
  });

  it('reports Expression cannot be a statement when a statement is a bare value', () => {
    expect(problemOf("System.debug(1);\n'text';")).toBe('2:1 Expression cannot be a statement.');
  });

  describe('operators and statements', () => {
    it.each([
      ["Integer n = 'a' + 1;", '1:13 Illegal assignment from String to Integer'],
      ['Integer n = true + 1;', '1:13 Arithmetic expressions must use numeric arguments'],
      [
        "Boolean b = 1 < 'a';",
        '1:13 Comparison arguments must be compatible types: Integer, String',
      ],
      [
        "Boolean b = 1 == 'a';",
        '1:13 Comparison arguments must be compatible types: Integer, String',
      ],
      ['Boolean b = true && 1;', '1:13 AND operator can only be applied to Boolean expressions'],
      ['Boolean b = !1;', '1:13 Negation operator can only be applied to Boolean expressions'],
      ['if (1) {}', '1:5 Condition expressions must be of type Boolean: Integer'],
      [
        "Object o = true ? 1 : 'a';",
        '1:12 Incompatible types in ternary operator: Integer, String',
      ],
      ["String s = 'x'; s++;", '1:17 Arithmetic expressions must use numeric arguments'],
      ['Integer i = 1; i += 1.5;', '1:21 Illegal assignment from Decimal to Integer'],
      ['Integer n; n + 1 = 2;', '1:12 Expression cannot be assigned'],
      ['break;', '1:1 break statement must be in a loop'],
      ['return 1;', '1:8 Void method must not return a value'],
      ['for (String s : 5) {}', '1:17 Loop must iterate over collection type: Integer'],
      [
        'List<Integer> l = new List<Integer>(); for (String s : l) {}',
        '1:45 Loop variable must be of type Integer',
      ],
      ["String s = 'x'; String c = s[0];", '1:28 Expression must be a list type: String'],
      [
        'List<String> l = new List<String>(); l.add(1);',
        '1:38 Method does not exist or incorrect signature: void add(Integer) from the type List<String>',
      ],
      [
        'List<String> l = new List<String>(); String n = l.size();',
        '1:49 Illegal assignment from Integer to String',
      ],
      [
        'Map<String, Integer> m = new Map<String, Integer>{ 1 => 2 };',
        '1:52 Illegal assignment from Integer to String',
      ],
      ['try { } catch (FooException e) { }', '1:16 Invalid type: FooException'],
      ['insert 5;', '1:8 DML requires SObject or SObject list type: Integer'],
      ['insert new Demo.Greeter();', '1:8 DML requires SObject or SObject list type: Demo.Greeter'],
      [
        'List<String> l = new List<String>(); String n = l.Name;',
        '1:49 Initial term of field expression must be a concrete SObject: List<String>',
      ],
      ["System.debug(LoggingLevel.LOUD, 'x');", '1:14 Variable does not exist: LOUD'],
    ])('reports %s with the platform message', (source, problem) => {
      expect(problemOf(source)).toBe(problem);
    });
  });

  describe('unsupported constructs', () => {
    it.each([
      ['switch on 1 { when else {} }', '1:1', 'switch statement'],
      ['throw new Demo.Greeter();', '1:1', 'throw statement'],
      ['public class Inner {}', '1:8', 'class declaration'],
      ['static Integer n;', '1:1', "modifier 'static'"],
      ['class Inner {}', '1:1', 'class declaration'],
      ['void helper() {}', '1:1', 'method declaration'],
      ['final Integer n = 1;', '1:1', "modifier 'final'"],
      ['Integer n = 5 & 3;', '1:13', "operator '&'"],
      ['Integer n = 1; n |= 2;', '1:16', "operator '|='"],
      ["Boolean b = 'a' === 'a';", '1:13', "operator '==='"],
      ['Object o = null ?? 1;', '1:12', "operator '??'"],
      ['Object o = (Integer) 5;', '1:12', 'cast'],
      ["Boolean b = 'a' instanceof String;", '1:13', 'instanceof'],
      ['Demo.Greeter g; g?.hello(null);', '1:17', "safe navigation operator '?.'"],
      ["Object o = [FIND 'x' RETURNING Account];", '1:12', 'inline SOSL search'],
      ['Time t;', '1:1', 'type Time'],
      ['Limits.getCpuTime();', '1:1', 'Limits.getCpuTime'],
      ['System.isBatch();', '1:1', 'System.isBatch'],
      ['Database.executeBatch(null);', '1:1', 'Database.executeBatch'],
      ["String s = 'x'; s.abbreviate(2);", '1:17', 'String method abbreviate()'],
      ['Integer n = 5; n.format();', '1:16', 'Integer method format()'],
      ["Demo.Greeter.hello('x');", '1:1', 'static method call Demo.Greeter.hello'],
      ['Demo.Greeter g; System.debug(g.calls);', '1:30', 'field access g.calls'],
      ['new Demo.Greeter(1);', '1:5', 'constructor with arguments new Demo.Greeter(…)'],
      ['new AsyncOptions(1);', '1:5', 'constructor with arguments new AsyncOptions(…)'],
      ['helper();', '1:1', 'call to a method declared in the script'],
      ['System.runAs(null) { }', '1:1', 'System.runAs block'],
    ])('reports %s as unsupported at its position', (source, position, construct) => {
      expect(problemOf(source)).toBe(
        `${position} ${UNSUPPORTED} ${construct} (see docs/fidelity.md)`,
      );
    });

    it('reports the unsupported construct on its own line when the script spans lines', () => {
      const source = "System.debug('a');\nSystem.debug('b');\n  switch on 1 { when else {} }";

      expect(problemOf(source)).toBe(`3:3 ${UNSUPPORTED} switch statement (see docs/fidelity.md)`);
    });
  });
});

describe('nesting', () => {
  it('refuses brackets nested deeper than 200 levels at the bracket that goes too deep', () => {
    const deep = `System.debug(${'('.repeat(250)}1${')'.repeat(250)});`;

    const result = compileAnonymous(deep, new TestHost());

    expect(result).toMatchObject({ compiled: false, line: 1, column: 13 + 200 });
    expect(result.compiled === false && result.problem).toContain('nested deeper than 200 levels');
  });

  it('refuses an operator chain or statement nest too deep to walk as a compile problem', () => {
    const chain = `System.debug(${Array<string>(5_000).fill('1').join(' + ')});`;
    const statements = `Integer x = 1; ${'if (x == 1) '.repeat(5_000)}x = 2;`;

    for (const source of [chain, statements]) {
      const result = compileAnonymous(source, new TestHost());

      expect(result).toMatchObject({ compiled: false, line: 1, column: 1 });
      expect(result.compiled === false && result.problem).toContain('nest this deep');
    }
  });

  it('does not count brackets inside strings and comments', () => {
    const source = `// ${'('.repeat(300)}\nSystem.debug('${'{'.repeat(300)}'); /* ${'['.repeat(300)} */`;

    expect(compileAnonymous(source, new TestHost())).toMatchObject({
      compiled: true,
    });
  });
});
