/**
 * The org's edition, as far as async Apex cares: how deep a queueable stack may go when the job
 * sets no `MaximumQueueableStackDepth`. Production orgs have no limit; Developer Edition (and
 * Trial) orgs stop at 5, i.e. 4 chained jobs after the first.
 *
 * The edition is a property of the org, so it lives in the database (`emu_setting`): an org
 * opened with an edition keeps it, and later opens without one (another CLI command, `serve`)
 * agree with it. `maxQueueableStackDepth` overrides the edition's figure and is kept likewise.
 */
import type { OrgSettings } from '../org-settings.ts';

export const EDITIONS = ['production', 'developer'] as const;
export type Edition = (typeof EDITIONS)[number];

/** The stack depth of a Developer Edition org. */
export const DEVELOPER_MAX_STACK_DEPTH = 5;

export interface EditionOptions {
  /** Default: what the database remembers, else `production`. */
  edition?: Edition;
  /** The org's maximum queueable stack depth, overriding the edition's (a whole number ≥ 1). */
  maxQueueableStackDepth?: number;
}

export interface OrgEdition {
  edition: Edition;
  /** Undefined when stacks may grow without limit. */
  maxQueueableStackDepth: number | undefined;
}

const EDITION = 'edition';
const MAX_DEPTH = 'edition.maxQueueableStackDepth';

export function isEdition(value: string): value is Edition {
  return (EDITIONS as readonly string[]).includes(value);
}

/**
 * The org's edition: the options given, remembered in the settings (call inside a write
 * transaction when options are given), or what the settings remember. Giving an edition without
 * a depth forgets a depth remembered before.
 */
export function resolveEdition(settings: OrgSettings, options: EditionOptions): OrgEdition {
  const { edition, maxQueueableStackDepth: depth } = options;
  if (edition !== undefined && !isEdition(edition)) {
    throw new Error(`edition must be one of ${EDITIONS.join(', ')}; got: ${String(edition)}`);
  }
  if (depth !== undefined && (!Number.isInteger(depth) || depth < 1)) {
    throw new Error(`maxQueueableStackDepth must be a whole number of at least 1; got: ${depth}`);
  }

  if (edition !== undefined) settings.set(EDITION, edition);
  if (depth !== undefined) settings.set(MAX_DEPTH, String(depth));
  else if (edition !== undefined) settings.delete(MAX_DEPTH);

  const stored = settings.get(EDITION) ?? 'production';
  const resolved: Edition = isEdition(stored) ? stored : 'production';
  const storedDepth = Number(settings.get(MAX_DEPTH) ?? Number.NaN);
  return {
    edition: resolved,
    maxQueueableStackDepth: Number.isInteger(storedDepth)
      ? storedDepth
      : resolved === 'developer'
        ? DEVELOPER_MAX_STACK_DEPTH
        : undefined,
  };
}

/** Whether opening with these options writes to the settings. */
export function editionWrites(options: EditionOptions): boolean {
  return options.edition !== undefined || options.maxQueueableStackDepth !== undefined;
}
