/**
 * Where the project's data folders are (object definitions, fixtures), whether the code runs
 * from its TypeScript sources or from the CLI's bundle (`dist/aflo-emu.mjs`, see
 * cli/aflo-emu.mjs), where every module shares the bundle's `import.meta.url`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set to true by the CLI's bundler. */
declare const AFLO_EMU_BUNDLED: boolean | undefined;

const BUNDLE_ROOT =
  typeof AFLO_EMU_BUNDLED === 'undefined'
    ? undefined
    : join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The absolute path of `relative` (from the calling module, whose `import.meta.url` is
 * `moduleUrl`), or, in the bundle, of `fromRoot` under the project root.
 */
export function projectPath(moduleUrl: string, relative: string, fromRoot: string): string {
  return BUNDLE_ROOT === undefined
    ? fileURLToPath(new URL(relative, moduleUrl))
    : join(BUNDLE_ROOT, fromRoot);
}
