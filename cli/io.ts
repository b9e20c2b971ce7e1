/** Where the CLI writes: injected so tests can run the program in process and read its output. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Whether stderr is a terminal (progress bars only draw there). */
  interactiveErr: boolean;
  exitCode: number;
}

export function processIo(): CliIo {
  // A reader that stops early (`| head`) closes the pipe: that ends the output, not in a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    interactiveErr: process.stderr.isTTY === true,
    exitCode: 0,
  };
}
