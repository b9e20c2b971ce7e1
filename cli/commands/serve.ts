/**
 * `aflo-emu serve [--port 8484] [--host 127.0.0.1] [--site-prefix /amberflo]`: the org's web
 * console at `/`, its REST API for jsforce and other Salesforce clients, the AFLO webhook on a
 * public site, and the job runner in background mode, until Ctrl-C or SIGTERM. Prints the
 * instance URL, the default user's credentials, the Amberflo in use, the webhook URL and the web
 * console's URL, one per line.
 */
import type { Command } from 'commander';
import { CliError } from '../errors.ts';
import type { CliIo } from '../io.ts';
import { startOrgServer, type RunningOrgServer, type ServeOptions } from '../org-server.ts';
import { globalOptions } from '../shared-options.ts';

interface ServeFlags {
  port: string;
  host: string;
  sitePrefix: string;
  webhooks?: boolean;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'serve the org: the web console, the REST API, the AFLO webhook and the job runner',
    )
    .option('--port <port>', 'the port to listen on (0 picks a free one)', '8484')
    .option('--host <address>', 'the address to listen on', '127.0.0.1')
    .option(
      '--site-prefix <path>',
      "the public site's path, where the webhook needs no session",
      '/amberflo',
    )
    .option(
      '--webhooks',
      "subscribe Amberflo to the org's webhook and turn the daily sync off (the package setting)",
    )
    .action(async (flags: ServeFlags, command: Command) => {
      const options = parseFlags(flags);
      const server = await startOrgServer(globalOptions(command), options);
      printReady(server, options, io);
      server.org.events.on('runner:lease-lost', ({ holder }) =>
        io.err(
          `${holder === undefined ? 'another process' : `process ${holder}`} has taken over this org's jobs; serve runs them again once it lets go`,
        ),
      );
      const signal = await nextSignal();
      io.err(`${signal}: stopping; the jobs that are running finish first (again to stop at once)`);
      await server.stop();
      io.exitCode = 0;
    });
}

function parseFlags(flags: ServeFlags): ServeOptions {
  const port = Number(flags.port);
  if (!/^\d+$/.test(flags.port.trim()) || port > 65_535) {
    throw new CliError(`--port must be a port number from 0 to 65535, got: ${flags.port}`, 2);
  }
  if (flags.host.trim() === '') throw new CliError('--host needs an address, e.g. 127.0.0.1', 2);
  const sitePrefix = flags.sitePrefix.replace(/\/+$/, '');
  if (!/^(\/[\w.~-]+)+$/.test(sitePrefix) || /^\/services(\/|$)/.test(sitePrefix)) {
    throw new CliError(
      `--site-prefix must be a path such as /amberflo (not under /services), got: ${flags.sitePrefix}`,
      2,
    );
  }
  return { port, host: flags.host.trim(), sitePrefix, webhooks: flags.webhooks === true };
}

function printReady(server: RunningOrgServer, options: ServeOptions, io: CliIo): void {
  io.out(`Instance URL: ${server.instanceUrl}`);
  io.out(`Username: ${server.username}`);
  io.out(
    `Password: ${server.password ?? `(changed; 'aflo-emu user password ${server.username}' sets a new one)`}`,
  );
  io.out(`Amberflo: ${server.amberfloUrl}${server.builtInFake ? ' (built-in fake)' : ''}`);
  io.out(`Webhook: ${server.webhookUrl}`);
  io.out(`Console: ${server.instanceUrl}/ (in a browser; log in as above)`);
  if (server.webhooks) io.out('Webhooks: Amberflo subscribed; daily sync off');
  if (server.org.clock.kind === 'virtual') {
    io.out(
      `Clock: virtual, standing still at ${server.org.clock.now().toISOString()} (stop serve to move it with aflo-emu clock)`,
    );
  }

  const elsewhere = server.runner.runningElsewhere;
  if (elsewhere !== undefined) {
    io.err(`process ${elsewhere.pid} is running this org's jobs; serve runs them once it lets go`);
  }
  if (server.password !== undefined && !LOOPBACK.test(options.host)) {
    io.err(
      `warning: listening on ${options.host} with the well-known default password; set another with 'aflo-emu user password ${server.username}'`,
    );
  }
}

/** The first SIGINT or SIGTERM; a second one ends the process at once (exit 130). */
function nextSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(130));
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
