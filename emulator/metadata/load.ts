/**
 * Reads object definition files (`*.object.json`, the emulator's JSON form of SFDX object
 * metadata; see docs/metadata.md) and validates them with zod, so a bad file fails at load with
 * the file and field named.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { objectSchema, type ObjectDefinition } from './schema.ts';
import { projectPath } from '../project-path.ts';

/** The standard objects every org has: AsyncApexJob, ApexClass, User. */
export const STANDARD_OBJECTS_DIR = projectPath(
  import.meta.url,
  './standard',
  'emulator/metadata/standard',
);

export class MetadataError extends Error {
  override readonly name = 'MetadataError';
}

/** Every `*.object.json` in a folder, sorted by file name. */
export function loadObjectDefinitions(dir: string): ObjectDefinition[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.object.json'))
    .sort();
  return files.map((file) => loadObjectFile(join(dir, file)));
}

export function loadObjectFile(path: string): ObjectDefinition {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MetadataError(
      `${path}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const parsed = objectSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new MetadataError(
      `${path}: ${where === '' ? '' : `${where}: `}${issue?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}
