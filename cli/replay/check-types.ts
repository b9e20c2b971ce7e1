/**
 * The sObject types a scenario inserts must exist in the org a replay makes (the standard
 * objects and the AFLO package's), so a misspelt type is a problem of the file, found before
 * anything runs, rather than a failed step.
 */
import { AFLO_OBJECTS_DIR } from '../../aflo/package.ts';
import { loadObjectDefinitions, STANDARD_OBJECTS_DIR } from '../../emulator/metadata/load.ts';
import { formatPath } from '../../fixtures/amberflo/validation.ts';
import type { InvalidStep } from './check-names.ts';
import type { Step } from './schema.ts';

let known: Map<string, string> | undefined;

/** The org's sObject type names by lower-case name (loaded once). */
function knownTypes(): Map<string, string> {
  known ??= new Map(
    [
      ...loadObjectDefinitions(STANDARD_OBJECTS_DIR),
      ...loadObjectDefinitions(AFLO_OBJECTS_DIR),
    ].map((definition) => [definition.name.toLowerCase(), definition.name]),
  );
  return known;
}

/** A problem for each insert step naming a type the org does not have. */
export function checkInsertTypes(steps: readonly (Step | InvalidStep)[]): string[] {
  const problems: string[] = [];
  steps.forEach((step, index) => {
    if (step.kind !== 'insert' || knownTypes().has(step.insert.toLowerCase())) return;
    const afloTypes = [...knownTypes().values()].filter((name) => name.startsWith('AFLO__'));
    problems.push(
      `${formatPath(['steps', index, 'insert'])}: no sObject type ${step.insert} in the org; the package's are ${afloTypes.join(', ')}`,
    );
  });
  return problems;
}
