/** Entry point of the `aflo-emu` binary (see aflo-emu.mjs). */
import { processIo } from './io.ts';
import { runCli } from './program.ts';

export async function main(args: readonly string[]): Promise<number> {
  return runCli(args, processIo());
}
