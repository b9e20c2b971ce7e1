/** `aflo-emu jobs [--status S] [--json]`: AsyncApexJob rows, as Setup › Apex Jobs lists them. */
import { Option, type Command } from 'commander';
import type { CliIo } from '../io.ts';
import { parseLimit, printListing } from '../output/listing.ts';
import { globalOptions, withSession } from '../shared-options.ts';

const FIELDS =
  'Id, CreatedDate, ApexClass.Name, JobType, Status, NumberOfErrors, CompletedDate, ExtendedStatus';

export function registerJobs(program: Command, io: CliIo): void {
  program
    .command('jobs')
    .description('list AsyncApexJob rows, oldest first')
    .addOption(
      new Option('--status <status>', 'only this status').choices([
        'Queued',
        'Processing',
        'Completed',
        'Failed',
        'Aborted',
      ]),
    )
    .option('--limit <n>', 'at most this many jobs (default 2000)')
    .option('--json', 'print the REST query body')
    .action(
      async (options: { status?: string; json?: boolean; limit?: string }, command: Command) => {
        await withSession(
          globalOptions(command),
          async ({ org }) => {
            const filter = options.status === undefined ? '' : ' WHERE Status = :status';
            const binds: Record<string, string> =
              options.status === undefined ? {} : { status: options.status };
            const limit = parseLimit(options.limit);
            const soql = `SELECT ${FIELDS} FROM AsyncApexJob${filter} ORDER BY CreatedDate, Id LIMIT ${limit}`;
            const result = org.query(soql, { binds });
            printListing(io, result, options);
          },
          { withAmberflo: false, mustExist: true },
        );
      },
    );
}
