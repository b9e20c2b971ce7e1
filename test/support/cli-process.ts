/**
 * The aflo-emu binary as a child process whose printed lines are read as they come, so a test
 * waits on a line (or on the n-th line that matches) instead of sleeping. It is killed when the
 * test finishes if it is still running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

const BIN = fileURLToPath(new URL('../../cli/aflo-emu.mjs', import.meta.url));

export type Stream = 'stdout' | 'stderr';

export interface CliProcess {
  child: ChildProcess;
  /** Every line printed so far, by stream. */
  readonly lines: { stdout: string[]; stderr: string[] };
  /** The first line (printed already or later) on the stream that matches. */
  line(stream: Stream, pattern: RegExp): Promise<string>;
  /**
   * The n-th line (1-based, counting those printed already) on the stream that matches; rejects,
   * with what the process printed on stderr, when it ends before printing that many.
   */
  nthLine(stream: Stream, pattern: RegExp, n: number): Promise<string>;
  /** Resolves once the process has ended: its exit code, or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Waiter {
  stream: Stream;
  pattern: RegExp;
  /** Matching lines still to come before this waiter resolves. */
  left: number;
  resolve(line: string): void;
  reject(error: Error): void;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const waiters: Waiter[] = [];
  let ended = false;

  for (const stream of ['stdout', 'stderr'] as const) {
    let partial = '';
    child[stream]?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) {
        lines[stream].push(text);
        for (const waiter of waiters.filter((w) => w.stream === stream && w.pattern.test(text))) {
          waiter.left--;
          if (waiter.left > 0) continue;
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(text);
        }
      }
    });
  }

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      ended = true;
      for (const waiter of waiters.splice(0)) {
        const how = signal === null ? `with exit code ${code}` : `on ${signal}`;
        waiter.reject(
          new Error(
            `aflo-emu ${args.join(' ')} ended ${how} before printing ${waiter.left} more line(s) matching ${waiter.pattern}; stderr:\n${lines.stderr.slice(-20).join('\n')}`,
          ),
        );
      }
      resolve({ code, signal });
    }),
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  const nthLine = (stream: Stream, pattern: RegExp, n: number): Promise<string> => {
    const seen = lines[stream].filter((text) => pattern.test(text));
    const printed = seen[n - 1];
    if (printed !== undefined) return Promise.resolve(printed);
    if (ended) {
      return Promise.reject(new Error(`aflo-emu ${args.join(' ')} has ended already`));
    }
    return new Promise((resolve, reject) =>
      waiters.push({ stream, pattern, left: n - seen.length, resolve, reject }),
    );
  };
  return {
    child,
    lines,
    line: (stream, pattern) => nthLine(stream, pattern, 1),
    nthLine,
    exited,
  };
}
