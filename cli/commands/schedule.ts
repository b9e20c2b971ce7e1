/**
 * `aflo-emu schedule list|add|delete`: the org's scheduled Apex jobs, as Setup › Scheduled Jobs
 * shows them. `add` runs `System.schedule(name, cron, new Class())`; `delete` runs
 * `System.abortJob` with the CronTrigger Id, so deleting "Amberflo Daily Sync" turns the
 * package's daily sync setting off, as on the platform.
 */
import type { Command } from 'commander';
import { ApexException, System } from '../../emulator/apex-api.ts';
import type { Org } from '../../emulator/org.ts';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { parseLimit, printListing } from '../output/listing.ts';
import { globalOptions, withSession } from '../shared-options.ts';

const FIELDS =
  'Id, CronJobDetail.Name, State, NextFireTime, PreviousFireTime, TimesTriggered, CronExpression, TimeZoneSidKey';
const DEFAULT_CLASS = 'AFLO.DownloadScheduler';

export function registerSchedule(program: Command, io: CliIo): void {
  const schedule = program
    .command('schedule')
    .description('list, add or delete scheduled Apex jobs (CronTrigger)');

  schedule
    .command('list', { isDefault: true })
    .description('scheduled jobs, soonest first')
    .option('--limit <n>', 'at most this many jobs (default 2000)')
    .option('--json', 'print the REST query body')
    .action(async (options: { json?: boolean; limit?: string }, command: Command) => {
      await withSession(
        globalOptions(command),
        async ({ org }) => {
          const soql = `SELECT ${FIELDS} FROM CronTrigger ORDER BY NextFireTime NULLS LAST, Id LIMIT ${parseLimit(options.limit)}`;
          printListing(io, org.query(soql), options);
        },
        { withAmberflo: false, mustExist: true },
      );
    });

  schedule
    .command('add <name> <cron>')
    .description(`schedule a Schedulable class (default ${DEFAULT_CLASS}) with a Salesforce cron`)
    .option('--class <name>', 'the Schedulable Apex class', DEFAULT_CLASS)
    .action(async (name: string, cron: string, options: { class: string }, command: Command) => {
      await withSession(
        globalOptions(command),
        async ({ org }) => {
          const id = await asApex(() => scheduleJob(org, name, cron, options.class));
          const [job] = org.query('SELECT NextFireTime FROM CronTrigger WHERE Id = :id', {
            binds: { id },
          }).records;
          const next = job?.NextFireTime;
          io.out(
            `scheduled ${name} (${id}); next fire time ${next instanceof Date ? next.toISOString() : 'none'}`,
          );
        },
        { withAmberflo: false },
      );
    });

  schedule
    .command('delete <name-or-id>')
    .description('delete a scheduled job by its name or CronTrigger Id')
    .action(async (nameOrId: string, _options: unknown, command: Command) => {
      await withSession(
        globalOptions(command),
        async ({ org }) => {
          const id = findJob(org, nameOrId);
          await asApex(() =>
            org.run({ kind: 'anonymous', allowsCallouts: false }, () => System.abortJob(id)),
          );
          io.out(`deleted scheduled job ${nameOrId} (${id})`);
        },
        { withAmberflo: false, mustExist: true },
      );
    });
}

function scheduleJob(org: Org, name: string, cron: string, className: string): Promise<string> {
  const registered = org.classes.find(className);
  if (registered === undefined || !registered.implements.includes('Schedulable')) {
    const schedulable = org.classes
      .all()
      .filter((c) => c.implements.includes('Schedulable'))
      .map((c) => c.name);
    throw new CliError(
      `${className} is not a Schedulable class of this org; one of: ${schedulable.join(', ')}`,
      2,
    );
  }
  return org.run({ kind: 'anonymous', allowsCallouts: false }, () =>
    System.schedule(name, cron, new registered.type()),
  );
}

function findJob(org: Org, nameOrId: string): string {
  const byId = /^08e[0-9A-Za-z]{12}([0-9A-Za-z]{3})?$/.test(nameOrId);
  const soql = byId
    ? 'SELECT Id FROM CronTrigger WHERE Id = :value'
    : 'SELECT Id FROM CronTrigger WHERE CronJobDetail.Name = :value';
  const [job] = org.query(soql, { binds: { value: nameOrId } }).records;
  if (job === undefined) {
    throw new CliError(`no scheduled job ${nameOrId}; see aflo-emu schedule list`);
  }
  return String(job.Id);
}

/** An Apex exception (a bad cron, a taken name) is the command's one-line error. */
async function asApex<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ApexException) throw new CliError(error.describe(), 2);
    throw error;
  }
}
