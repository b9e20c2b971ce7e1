#!/usr/bin/env node
// The aflo-emu command. The CLI is TypeScript; this launcher bundles it with esbuild into
// dist/aflo-emu.mjs whenever a source file is newer than the bundle (about 50 ms), then runs the
// bundle with plain Node. What you edit is what runs, without a build step or a TypeScript
// loader's start-up cost on every command.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'dist', 'aflo-emu.mjs');
const SOURCES = ['cli', 'emulator', 'aflo', 'fixtures/amberflo'];

function newestSource() {
  let newest = statSync(join(root, 'package.json')).mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'data' || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of SOURCES) walk(join(root, dir));
  return newest;
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return -1;
  }
}

async function rebuild() {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(root, 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
    define: { AFLO_EMU_BUNDLED: 'true' },
  });
  mkdirSync(dirname(bundle), { recursive: true });
  // Written aside and renamed, so a command starting meanwhile never reads half a bundle.
  const temporary = `${bundle}.${process.pid}.tmp`;
  writeFileSync(temporary, result.outputFiles[0].contents);
  renameSync(temporary, bundle);
}

try {
  if (bundleTime() < newestSource()) await rebuild();
} catch (error) {
  process.stderr.write(
    `aflo-emu: cannot build the CLI: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
  );
  process.exit(1);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
