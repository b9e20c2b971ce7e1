/**
 * Scheduled Jobs, as Setup › Scheduled Jobs lists them: `GET /lightning/setup/ScheduledJobs/home`
 * shows the `CronTrigger` rows (job name, state, next and previous fire times, cron expression),
 * soonest first. `POST …/{id}/delete` deletes one with `System.abortJob(cronTriggerId)`, so
 * deleting "Amberflo Daily Sync" turns the package's daily sync setting off, as on the platform.
 * `POST …/{id}/run` fires one now, outside its schedule (the platform has no such button; see
 * docs/fidelity.md): its AsyncApexJob is written and its Schedulable runs in the request.
 */
import { Router } from 'express';
import { System, type QueryRecord } from '../../../emulator/apex-api.ts';
import { runJob } from '../../../emulator/async/job-execution.ts';
import { ApexException } from '../../../emulator/errors.ts';
import { runRead } from '../../../emulator/rest/data-dml.ts';
import type { Org } from '../../../emulator/org.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { consoleSessionOf, setFlash, type ConsoleSession } from '../console-session.ts';
import { countOf, dateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, pageHeader, sendPage } from '../layout.ts';
import { JOBS_PATH } from './apex-jobs-page.ts';

export const SCHEDULED_JOBS_PATH = '/lightning/setup/ScheduledJobs/home';
const FIELDS =
  'Id, CronJobDetail.Name, State, NextFireTime, PreviousFireTime, StartTime, TimesTriggered, CronExpression, TimeZoneSidKey';

export function scheduledJobsRoutes(deps: ConsoleDeps): Router {
  const router = Router();

  router.get(SCHEDULED_JOBS_PATH, async (_req, res) => {
    const rows = await runRead(deps.org, () => scheduledJobs(deps.org));
    sendPage(res, {
      title: 'Scheduled Jobs',
      active: 'scheduled-jobs',
      session: consoleSessionOf(res),
      body: jobsBody(rows, consoleSessionOf(res)),
    });
  });

  router.post('/lightning/setup/ScheduledJobs/:id/delete', async (req, res) => {
    const id = String(req.params.id);
    try {
      await deps.org.run({ kind: 'api', allowsCallouts: false }, () => System.abortJob(id));
      setFlash(res, { kind: 'success', message: `Scheduled job ${id} was deleted.` });
    } catch (error) {
      if (!(error instanceof ApexException)) throw error;
      setFlash(res, { kind: 'error', message: error.describe() });
    }
    res.redirect(303, SCHEDULED_JOBS_PATH);
  });

  router.post('/lightning/setup/ScheduledJobs/:id/run', async (req, res) => {
    const id = String(req.params.id);
    const elsewhere = deps.org.runner.leaseHolder();
    if (elsewhere !== undefined && elsewhere !== process.pid) {
      setFlash(res, {
        kind: 'error',
        message: `Process ${elsewhere} runs this org's jobs: run it there.`,
      });
      res.redirect(303, SCHEDULED_JOBS_PATH);
      return;
    }
    const taken = await deps.org.run({ kind: 'system', allowsCallouts: false }, (tx) =>
      deps.org.scheduler.fireNow(tx, id),
    );
    if (taken === undefined) {
      setFlash(res, {
        kind: 'error',
        message: `No scheduled job ${id} to run (deleted, or its class is not installed).`,
      });
    } else {
      const completed = await runJob(deps.org, taken);
      setFlash(res, {
        kind: completed ? 'success' : 'error',
        message: completed
          ? `Ran it as Apex job ${taken.id}; jobs it queued run in the background.`
          : `Apex job ${taken.id} failed: see Apex Jobs.`,
      });
    }
    res.redirect(303, SCHEDULED_JOBS_PATH);
  });
  return router;
}

/** The scheduled jobs, soonest first; none when the org has no Scheduled Apex. */
function scheduledJobs(org: Org): QueryRecord[] {
  if (org.schema.find('CronTrigger') === undefined) return [];
  return org.query(
    `SELECT ${FIELDS} FROM CronTrigger ORDER BY NextFireTime NULLS LAST, Id LIMIT 200`,
  ).records;
}

function jobsBody(rows: QueryRecord[], session: ConsoleSession): SafeHtml {
  return html`${pageHeader({ kicker: 'Setup', title: 'Scheduled Jobs', meta: `${countOf(rows.length, 'job')} • Soonest first` })}
    <div class="console-table-scroll">
      <table
        class="slds-table slds-table_cell-buffer slds-table_bordered"
        aria-label="Scheduled Jobs"
      >
        <thead>
          <tr>
            ${[
              'Action',
              'Job Name',
              'State',
              'Next Scheduled Run',
              'Previous Run',
              'Started',
              'Times Run',
              'Cron Expression',
              'Time Zone',
            ].map(
              (label) => html`<th scope="col"><span class="slds-truncate">${label}</span></th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => jobRow(row, session))}
        </tbody>
      </table>
      ${
        rows.length === 0 &&
        html`<p class="slds-p-around_medium console-empty">
          No scheduled jobs. Turn the daily sync on in Amberflo Settings, or run
          <code>aflo-emu schedule add</code>.
        </p>`
      }
    </div>
    <p class="slds-m-top_small">
      Each run is an Apex job of type ScheduledApex: see <a href="${JOBS_PATH}">Apex Jobs</a>.
    </p>`;
}

function jobRow(row: QueryRecord, session: ConsoleSession): SafeHtml {
  const id = String(row.Id);
  const detail = row.CronJobDetail as QueryRecord | null;
  const name = typeof detail?.Name === 'string' ? detail.Name : id;
  return html`<tr data-id="${id}">
    <td>
      <div class="console-row-actions">
        <form method="post" action="/lightning/setup/ScheduledJobs/${id}/run">
          ${csrfField(session)}
          <button
            class="slds-button slds-button_neutral slds-button_small"
            type="submit"
            aria-label="Run ${name} now"
          >
            Run now
          </button>
        </form>
        <form method="post" action="/lightning/setup/ScheduledJobs/${id}/delete">
          ${csrfField(session)}
          <button
            class="slds-button slds-button_text-destructive slds-button_small"
            type="submit"
            aria-label="Delete ${name}"
          >
            Delete
          </button>
        </form>
      </div>
    </td>
    <th scope="row">${name}</th>
    <td>${text(row.State)}</td>
    <td>${dateTime(row.NextFireTime)}</td>
    <td>${dateTime(row.PreviousFireTime)}</td>
    <td>${dateTime(row.StartTime)}</td>
    <td class="console-number">${text(row.TimesTriggered)}</td>
    <td><code>${text(row.CronExpression)}</code></td>
    <td>${text(row.TimeZoneSidKey)}</td>
  </tr>`;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
