/** Where the CLI writes: injected so tests can run the program in process and read its output. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Whether stderr is a terminal (progress bars only draw there). */
  interactiveErr: boolean;
  exitCode: number;
}

export function processIo(): CliIo {
  // A reader that stops early (`| head`) or a full disk ends the output, not the run: the
  // command finishes its transaction and its jobs, and only stops writing to stdout.
  let stdoutOpen = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (stdoutOpen && error.code !== 'EPIPE')
      process.stderr.write(`aflo-emu: cannot write the output: ${error.message}\n`);
    stdoutOpen = false;
  });
  return {
    out: (line) => {
      if (stdoutOpen) process.stdout.write(`${line}\n`);
    },
    err: (line) => process.stderr.write(`${line}\n`),
    interactiveErr: process.stderr.isTTY === true,
    exitCode: 0,
  };
}
