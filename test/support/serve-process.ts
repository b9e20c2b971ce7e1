/**
 * `aflo-emu serve` as a child process for smoke tests: started on a free port (`--port 0`),
 * with its printed lines read as they come, so a test waits on a line instead of sleeping. It is
 * killed when the test finishes if the test has not stopped it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

const BIN = fileURLToPath(new URL('../../cli/aflo-emu.mjs', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  /** Every line printed so far, by stream. */
  readonly lines: { stdout: string[]; stderr: string[] };
  /** The first line (printed already or later) on the stream that matches. */
  line(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<string>;
  /** The value after `Label: ` in the ready lines (`Instance URL`, `Password`, …). */
  value(label: string): Promise<string>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export function startServe(args: string[], env: Record<string, string> = {}): ServeProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const waiters: Array<{
    stream: 'stdout' | 'stderr';
    pattern: RegExp;
    resolve(line: string): void;
  }> = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    let partial = '';
    child[stream]?.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) {
        lines[stream].push(text);
        for (const waiter of waiters.filter((w) => w.stream === stream && w.pattern.test(text))) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(text);
        }
      }
    });
  }
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  const line = (stream: 'stdout' | 'stderr', pattern: RegExp): Promise<string> => {
    const seen = lines[stream].find((text) => pattern.test(text));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ stream, pattern, resolve }));
  };
  return {
    child,
    lines,
    line,
    value: async (label) =>
      (await line('stdout', new RegExp(`^${label}: `))).slice(label.length + 2),
    exited,
  };
}
