/**
 * `aflo-emu events [list]`: the async event log, filtered by the picklist values of status,
 * object type and direction. `list` is the default subcommand so that others can follow.
 */
import { Option, type Command } from 'commander';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { renderQueryJson, renderQueryTable } from '../output/records-table.ts';
import { globalOptions, withSession } from '../shared-options.ts';

const FIELDS =
  'Id, Name, AFLO__Timestamp__c, AFLO__ObjectType__c, AFLO__Direction__c, AFLO__Action__c, AFLO__Status__c, AFLO__Attempts__c, AFLO__ExternalId__c, AFLO__RecordId__c, AFLO__Error__c';

interface ListOptions {
  status?: string;
  type?: string;
  direction?: string;
  json?: boolean;
  limit: string;
}

export function registerEvents(program: Command, io: CliIo): void {
  const events = program
    .command('events')
    .description('the Amberflo async event log')
    .addHelpText(
      'after',
      '\nFilters (--status, --type, --direction, --limit, --json): aflo-emu events list --help',
    );
  events
    .command('list', { isDefault: true })
    .description('list async events, oldest first')
    .addOption(
      new Option('--status <status>', 'only this status').choices([
        'Pending',
        'Failed',
        'Processed',
      ]),
    )
    .addOption(
      new Option('--type <type>', 'only this object type').choices([
        'Customer',
        'Promotion',
        'CustomerPromotion',
        'ProductItem',
      ]),
    )
    .addOption(
      new Option('--direction <direction>', 'only this direction').choices(['Inbound', 'Outbound']),
    )
    .option('--limit <n>', 'at most this many events (the REST maximum is 2000 per batch)', '2000')
    .option('--json', 'print the REST query body')
    .action(async (options: ListOptions, command: Command) => {
      await withSession(
        globalOptions(command),
        async ({ org }) => {
          const filters = [
            ['AFLO__Status__c', options.status],
            ['AFLO__ObjectType__c', options.type],
            ['AFLO__Direction__c', options.direction],
          ].filter((filter): filter is [string, string] => filter[1] !== undefined);
          const where = filters.map(([field], i) => `${field} = :v${i}`);
          const binds = Object.fromEntries(filters.map(([, value], i) => [`v${i}`, value]));
          const limit = parseLimit(options.limit);
          const filter = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
          const result = org.query(
            `SELECT ${FIELDS} FROM AFLO__AsyncEvent__c${filter} ORDER BY AFLO__Timestamp__c, Name LIMIT ${limit}`,
            { binds },
          );
          io.out(options.json === true ? renderQueryJson(result) : renderQueryTable(result));
          if (result.totalSize === limit)
            io.err(`showing the first ${limit}; pass --limit for more`);
        },
        { withAmberflo: false, mustExist: true },
      );
    });
}

export function parseLimit(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > 50_000) {
    throw new CliError(`--limit must be a whole number from 1 to 50000, got: ${value}`, 2);
  }
  return n;
}
