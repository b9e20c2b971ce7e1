/**
 * `aflo-emu events [list]`: the async event log, filtered by the picklist values of status,
 * object type and direction. `list` is the default subcommand so that others can follow.
 */
import { Option, type Command } from 'commander';
import { retryEvents } from '../../aflo/events/manual-retry.ts';
import { CliError } from '../errors.ts';
import { drainAndReport } from './drain.ts';
import type { CliIo } from '../io.ts';
import { parseLimit, printListing } from '../output/listing.ts';
import { globalOptions, withSession } from '../shared-options.ts';

const FIELDS =
  'Id, Name, AFLO__Timestamp__c, AFLO__ObjectType__c, AFLO__Direction__c, AFLO__Action__c, AFLO__Status__c, AFLO__Attempts__c, AFLO__ExternalId__c, AFLO__RecordId__c, AFLO__Error__c';

interface ListOptions {
  status?: string;
  type?: string;
  direction?: string;
  json?: boolean;
  limit?: string;
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
    .option('--limit <n>', 'at most this many events (default 2000, the REST batch maximum)')
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
          printListing(io, result, options);
        },
        { withAmberflo: false, mustExist: true },
      );
    });
  registerRetry(events, io);
}

interface RetryOptions {
  failed?: boolean;
  drain: boolean;
  wait?: boolean;
}

function registerRetry(events: Command, io: CliIo): void {
  events
    .command('retry')
    .description(
      'try Failed async events again (by Id or AE- number, or every one with --failed), then drain',
    )
    .argument('[ids...]', 'event Ids or names, e.g. AE-0000042')
    .option('--failed', 'every Failed event')
    .option('--no-drain', 'only make them due; leave the running to a later drain')
    .option('--wait', 'also wait for jobs queued for later (retries) on the real clock')
    .action(async (ids: string[], options: RetryOptions, command: Command) => {
      if (ids.length > 0 === (options.failed === true)) {
        throw new CliError('give the events to retry, or --failed for all of them (not both)', 2);
      }
      io.exitCode = await withSession(
        globalOptions(command),
        async ({ org }, global) => {
          const count = await org.run({ kind: 'anonymous', allowsCallouts: false }, () =>
            retryEvents(options.failed === true ? undefined : ids),
          );
          if (global.quiet !== true) io.out(`${count} async event(s) will be tried again`);
          return options.drain ? drainAndReport(org, global, io, options.wait === true) : 0;
        },
        { mustExist: true },
      );
    });
}
