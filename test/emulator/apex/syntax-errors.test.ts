import { describe, expect, it } from 'vitest';
import { pickSyntaxError, type RawSyntaxError } from '../../../emulator/apex/syntax-errors.ts';
import { problemOf, TestHost } from './test-host.ts';

describe('syntax errors', () => {
  it('reports Missing semicolon at EOF when the last statement has none', () => {
    expect(problemOf("System.debug('x')")).toBe("1:18 Missing ';' at '<EOF>'");
  });

  it('reports Missing semicolon at the next token when a line ends without one', () => {
    const source = "System.debug('a');\nInteger y = 2\nSystem.debug(y);";

    expect(problemOf(source)).toBe("3:1 Missing ';' at 'System'");
  });

  it('reports Unexpected token when a closing parenthesis is extra', () => {
    expect(problemOf("System.debug('x'));")).toBe("1:18 Unexpected token ')'.");
  });

  it('reports Unexpected token when an expression is missing', () => {
    expect(problemOf('Integer x = ;')).toBe("1:13 Unexpected token ';'.");
  });

  it('reports Unexpected token when a name starts with a digit', () => {
    expect(problemOf('Integer 5x = 1;')).toBe("1:9 Unexpected token '5'.");
  });

  it('reports the position on line 3 when the error is on line 3', () => {
    const source = "System.debug('one');\nSystem.debug('two');\n    new Demo.Greeter()..hello();";

    expect(problemOf(source)).toBe("3:24 Unexpected token '.'.");
  });

  it('reports the illegal escape when a string literal has one', () => {
    expect(problemOf("String s = 'bad \\q';")).toBe(
      "1:12 Illegal character sequence '\\q' in string literal.",
    );
  });

  it('reports an unterminated string when the closing quote is missing', () => {
    expect(problemOf("String s = 'open;")).toBe("1:12 Unterminated string literal: 'open;");
  });

  it('reports the character when the lexer cannot read it', () => {
    expect(problemOf("System.debug('x');\n#")).toBe("2:1 Unexpected character '#'.");
  });

  it('runs no statement when a later statement has a syntax error', () => {
    const host = new TestHost();

    problemOf("new Demo.Greeter().hello('x');\nSystem.debug(;", host);

    expect(host.created).toEqual([]);
  });
});

describe('pickSyntaxError', () => {
  const error = (line: number, column: number, message: string): RawSyntaxError => ({
    line,
    column,
    message,
    offendingText: undefined,
  });

  it('picks the earliest error when the lexer reported after the parser', () => {
    const picked = pickSyntaxError([error(2, 0, 'late'), error(1, 4, 'early')]);

    expect(picked?.message).toBe('early');
  });

  it('prefers the missing-token error when two errors share a position', () => {
    const picked = pickSyntaxError([
      error(3, 0, "no viable alternative at input 'x'"),
      error(3, 0, "missing ';' at 'System'"),
    ]);

    expect(picked?.message).toBe("missing ';' at 'System'");
  });

  it('picks nothing when there is no error', () => {
    expect(pickSyntaxError([])).toBeUndefined();
  });
});
