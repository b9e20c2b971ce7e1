/**
 * Writes a fixture set for the fake Amberflo API. With no arguments it regenerates the committed
 * set in fixtures/amberflo/data, byte for byte.
 *
 *   node --import tsx scripts/generate-fixtures.ts [--customers N] [--promotions N]
 *     [--product-items N] [--seed S] [--out DIR]
 *
 * Exit status: 0 on success, 2 for bad arguments (one line on stderr), 1 if writing fails.
 */

import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_FIXTURES_DIR,
  DEFAULT_GENERATE_OPTIONS,
  generateFixtures,
  writeFixtures,
  type GenerateOptions,
} from '../fixtures/amberflo/index.ts';

const USAGE =
  'usage: generate-fixtures [--customers N] [--promotions N] [--product-items N] [--seed S] [--out DIR]';

interface Command {
  options: Required<GenerateOptions>;
  out: string;
}

/** Reads the command line; throws an Error with a one-line message for anything wrong. */
function parseCommand(argv: string[]): Command | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      customers: { type: 'string' },
      promotions: { type: 'string' },
      'product-items': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';

  const count = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      throw new Error(`--${name} must be a non-negative integer, got '${text}'`);
    }
    return Number(text);
  };

  const options = {
    customers: count('customers', values.customers, DEFAULT_GENERATE_OPTIONS.customers),
    promotions: count('promotions', values.promotions, DEFAULT_GENERATE_OPTIONS.promotions),
    productItems: count(
      'product-items',
      values['product-items'],
      DEFAULT_GENERATE_OPTIONS.productItems,
    ),
    seed: count('seed', values.seed, DEFAULT_GENERATE_OPTIONS.seed),
  };
  if (options.customers > 0 && options.promotions === 0) {
    throw new Error('--promotions must be at least 1: every customer gets one applied promotion');
  }
  if (values.out === '') throw new Error('--out must name a directory');

  return { options, out: resolve(values.out ?? DEFAULT_FIXTURES_DIR) };
}

function main(argv: string[]): number {
  let command: Command | 'help';
  try {
    command = parseCommand(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`generate-fixtures: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 2;
  }
  if (command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const data = generateFixtures(command.options);
  writeFixtures(command.out, data);

  const { customers, promotions, customerPromotions, productItems } = data;
  process.stdout.write(
    `Wrote ${customers.length} customers, ${promotions.length} promotions, ${customerPromotions.length} customer promotions and ${productItems.length} product items to ${command.out}\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
