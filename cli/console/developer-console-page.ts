/**
 * The Developer Console's Execute Anonymous window: `GET /developer-console` shows the editor,
 * `POST /developer-console` runs the script as anonymous Apex (one transaction, as
 * `executeAnonymous` runs it) and goes to `?run=N`, the run's result and debug log, which can be
 * reloaded. The session keeps its last 20 runs, like the Logs tab; jobs a script queues run in
 * the background, on the Apex Jobs page.
 */
import { Router } from 'express';
import type { ConsoleDeps } from './console-deps.ts';
import {
  consoleSessionOf,
  formField,
  MAX_RUNS,
  type ConsoleSession,
  type DebugRun,
} from './console-session.ts';
import { dateTimeText } from './format.ts';
import { textArea } from './forms.ts';
import { html, type SafeHtml } from './html.ts';
import { JOBS_PATH } from './jobs/apex-jobs-page.ts';
import { csrfField, pageHeader, sendPage } from './layout.ts';

export const DEVELOPER_CONSOLE_PATH = '/developer-console';
const EXAMPLE = "System.debug('Hello from aflo-emu');";

export function developerConsoleRoutes(deps: ConsoleDeps): Router {
  const router = Router();

  router.get(DEVELOPER_CONSOLE_PATH, (req, res) => {
    const session = consoleSessionOf(res);
    const wanted = Number(req.query.run);
    const run = session.runs.find((candidate) => candidate.id === wanted);
    const missing = req.query.run !== undefined && run === undefined;
    sendPage(res, {
      title: 'Developer Console',
      active: 'developer-console',
      session,
      body: consoleBody(session, run, missing),
    });
  });

  router.post(DEVELOPER_CONSOLE_PATH, async (req, res) => {
    const session = consoleSessionOf(res);
    const source = formField(req, 'source');
    const result = await deps.org.runAnonymous(source);
    const run: DebugRun = { id: session.nextRunId++, source, ranAt: deps.org.clock.now(), result };
    session.runs = [run, ...session.runs].slice(0, MAX_RUNS);
    res.redirect(303, `${DEVELOPER_CONSOLE_PATH}?run=${run.id}`);
  });
  return router;
}

function consoleBody(
  session: ConsoleSession,
  run: DebugRun | undefined,
  missing: boolean,
): SafeHtml {
  return html`${pageHeader({ kicker: 'Developer Console', title: 'Execute Anonymous Apex' })}
    <form
      method="post"
      action="${DEVELOPER_CONSOLE_PATH}"
      class="slds-card slds-p-around_medium slds-m-bottom_medium"
    >
      ${csrfField(session)}
      ${textArea({
        name: 'source',
        label: 'Enter Apex Code',
        value: run?.source ?? EXAMPLE,
        rows: 8,
        monospace: true,
        help: 'Runs as one transaction, as executeAnonymous does; see docs/fidelity.md for what anonymous Apex can run.',
      })}
      <button class="slds-button slds-button_brand" type="submit">Execute</button>
    </form>
    ${
      missing &&
      html`<div
        class="slds-notify slds-notify_alert slds-theme_info slds-m-bottom_medium"
        role="status"
      >
        <h2>That run is no longer kept: this session keeps its last ${MAX_RUNS} runs.</h2>
      </div>`
    }
    ${run !== undefined && runResult(run)} ${recentRuns(session, run)}`;
}

function runResult(run: DebugRun): SafeHtml {
  const { result } = run;
  const outcome = !result.compiled
    ? html`<p class="slds-text-color_error" data-outcome="compile-error">
        Compile error at line ${result.line}, column ${result.column}:
        ${result.compileProblem ?? ''}
      </p>`
    : result.success
      ? html`<p class="slds-text-color_success" data-outcome="success">Success</p>`
      : html`<p class="slds-text-color_error" data-outcome="exception">
            ${result.exceptionMessage ?? 'Failed'}
          </p>
          ${result.exceptionStackTrace !== null && html`<pre class="console-json">${result.exceptionStackTrace}</pre>`}`;
  const log = [
    `Execute Anonymous (run ${run.id}, ${dateTimeText(run.ranAt)} UTC)`,
    ...run.source.split('\n').map((line) => `Execute Anonymous: ${line}`),
    ...result.debugLog,
  ];
  return html`<section
    class="slds-card slds-p-around_medium slds-m-bottom_medium"
    aria-labelledby="log-heading"
  >
    <h2 class="slds-text-heading_small slds-m-bottom_small" id="log-heading">
      Debug log of run ${run.id}
    </h2>
    ${outcome}
    <pre class="console-json console-log" data-field="debug-log">${log.join('\n')}</pre>
    <p class="slds-m-top_small">
      Jobs the script queued run in the background: see <a href="${JOBS_PATH}">Apex Jobs</a>.
    </p>
  </section>`;
}

function recentRuns(session: ConsoleSession, shown: DebugRun | undefined): SafeHtml {
  if (session.runs.length === 0) return html``;
  return html`<section class="slds-card slds-p-around_medium" aria-labelledby="runs-heading">
    <h2 class="slds-text-heading_small slds-m-bottom_small" id="runs-heading">Logs</h2>
    <ul class="slds-has-dividers_bottom-space">
      ${session.runs.map(
        (run) =>
          html`<li class="slds-item">
            <a
              href="${DEVELOPER_CONSOLE_PATH}?run=${run.id}"
              ${run === shown && html`aria-current="page"`}
              >Run ${run.id}</a
            >
            · ${dateTimeText(run.ranAt)} UTC · ${statusOf(run)} ·
            <code>${firstLine(run.source)}</code>
          </li>`,
      )}
    </ul>
  </section>`;
}

function statusOf(run: DebugRun): string {
  if (!run.result.compiled) return 'Compile error';
  return run.result.success ? 'Success' : (run.result.exceptionType ?? 'Failed');
}

function firstLine(source: string): string {
  const line = source.split('\n')[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
