/**
 * Every scenario in fixtures/scenarios/ is replayed, one test per file, each in its own org and
 * fake Amberflo; a test fails with the scenario's report when a step or an expectation fails.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseScenario, renderScenario, runScenario } from '../cli/replay/index.ts';

const DIR = fileURLToPath(new URL('../fixtures/scenarios/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .sort();

describe('fixtures/scenarios', () => {
  it('holds scenario files', () => {
    expect(FILES.length).toBeGreaterThan(0);
  });

  for (const file of FILES) {
    it(`replays ${file} with every step and expectation passing`, async () => {
      const parsed = parseScenario(
        `fixtures/scenarios/${file}`,
        readFileSync(`${DIR}${file}`, 'utf8'),
      );
      if (!parsed.ok) throw new Error(parsed.problems.join('\n'));

      const result = await runScenario(parsed.scenario);

      expect(result.ok, `\n${renderScenario(result).join('\n')}`).toBe(true);
    });
  }
});
