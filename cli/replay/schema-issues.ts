/**
 * Zod issues as the lines a scenario author reads: the field's path in the file, then what is
 * wrong with it, e.g. `steps[2].count: Too small: expected number to be >=1`.
 */
import type { z } from 'zod';
import { formatPath } from '../../fixtures/amberflo/validation.ts';

/** One line per problem, each led by its path under `base`; an unknown key is its own line. */
export function describeZodIssues(error: z.ZodError, base: readonly PropertyKey[]): string[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(
        (key) => `${formatPath([...base, ...issue.path, key])}: is not a key here`,
      );
    }
    return [`${formatPath([...base, ...issue.path])}: ${issue.message}`];
  });
}
