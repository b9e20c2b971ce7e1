/** `aflo-emu query "<SOQL>" [--json]`: a SOQL query against the org, as a table or the REST body. */
import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { renderQueryJson, renderQueryTable } from '../output/records-table.ts';
import { globalOptions, withSession } from '../shared-options.ts';

export function registerQuery(program: Command, io: CliIo): void {
  program
    .command('query')
    .description('run a SOQL query')
    .argument('<soql>', 'the query, e.g. "SELECT Id, Name FROM AFLO__Customer__c LIMIT 5"')
    .option('--json', 'print the body the REST API query resource would return')
    .action(async (soql: string, options: { json?: boolean }, command: Command) => {
      await withSession(
        globalOptions(command),
        async ({ org }) => {
          const result = org.query(soql);
          io.out(options.json === true ? renderQueryJson(result) : renderQueryTable(result));
        },
        { withAmberflo: false, mustExist: true },
      );
    });
}
