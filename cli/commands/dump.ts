/**
 * `aflo-emu dump [--json]`: every record of the org, deleted ones included, and the emulator's
 * own tables, in a fixed order, so that two orgs can be compared with `diff`. The dump itself is
 * built by emulator/dump/; this is the shell around it.
 */
import type { Command } from 'commander';
import { renderDumpJson, renderDumpText } from '../../emulator/dump/dump-format.ts';
import { dumpOrg } from '../../emulator/dump/org-dump.ts';
import type { CliIo } from '../io.ts';
import { globalOptions, withSession } from '../shared-options.ts';

const HELP = `
Text: one line per field, "<type> <Id> <field> <value as JSON>", sObject types by name, records
by Id, fields by name (records in the recycle bin too, with IsDeleted true); then the emulator's
tables as "<table> <key> <column> <value>" (queued jobs, Id and auto-number sequences, settings).
Secret fields (the webhook token, an API key) print as "********"; password hashes are left out.
--json: one document, {"records": [{type, id, deleted, fields}], "tables": {name: [{key, columns}]}}.

Example: aflo-emu dump > before.txt; aflo-emu apex -f change.apex; aflo-emu dump | diff before.txt -`;

/** Adds `dump` to the program. */
export function registerDump(program: Command, io: CliIo): void {
  program
    .command('dump')
    .description('print every record of the org, sorted, for diff')
    .option('--json', 'print one JSON document instead of one line per field')
    .addHelpText('after', HELP)
    .action(async (options: { json?: boolean }, command: Command) => {
      await withSession(
        globalOptions(command),
        async ({ org }) => {
          const dump = await dumpOrg(org);
          if (options.json === true) io.out(renderDumpJson(dump));
          else for (const line of renderDumpText(dump)) io.out(line);
        },
        { withAmberflo: false, mustExist: true },
      );
    });
}
