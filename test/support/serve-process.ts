/**
 * `aflo-emu serve` as a child process for smoke tests: started on a free port (`--port 0`),
 * with its printed lines read as they come (cli-process.ts), so a test waits on a line instead
 * of sleeping. It is killed when the test finishes if the test has not stopped it.
 */
import { startCli, type CliProcess } from './cli-process.ts';

export interface ServeProcess extends Omit<CliProcess, 'exited'> {
  /** The value after `Label: ` in the ready lines (`Instance URL`, `Password`, …). */
  value(label: string): Promise<string>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

export function startServe(args: string[], env: Record<string, string> = {}): ServeProcess {
  const serve = startCli(args, env);
  return {
    ...serve,
    value: async (label) =>
      (await serve.line('stdout', new RegExp(`^${label}: `))).slice(label.length + 2),
    exited: serve.exited.then(({ code }) => code),
  };
}
