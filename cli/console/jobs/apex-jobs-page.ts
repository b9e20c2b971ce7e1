/**
 * Apex Jobs, as Setup › Apex Jobs lists them: `GET /lightning/setup/AsyncApexJobs/home` shows the
 * `AsyncApexJob` rows, newest first, 50 a page, with a status filter (and `?job=<Id>` for one
 * job); a Queued job has an Abort button (`POST …/{id}/abort`), which calls
 * `System.abortJob` in a transaction of its own.
 */
import { Router } from 'express';
import { System, type FieldValue, type QueryRecord } from '../../../emulator/apex-api.ts';
import { ApexException } from '../../../emulator/errors.ts';
import { toId18 } from '../../../emulator/ids.ts';
import { runRead } from '../../../emulator/rest/data-dml.ts';
import type { Org } from '../../../emulator/org.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { consoleSessionOf, setFlash, type ConsoleSession } from '../console-session.ts';
import { countOf, dateTime } from '../format.ts';
import { selectInput } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, pageHeader, sendPage } from '../layout.ts';
import { pagerNav } from '../pager.ts';

export const JOBS_PATH = '/lightning/setup/AsyncApexJobs/home';
const STATUSES = ['Holding', 'Queued', 'Preparing', 'Processing', 'Completed', 'Failed', 'Aborted'];
const PAGE_SIZE = 50;
const FIELDS =
  'Id, CreatedDate, JobType, Status, ExtendedStatus, NumberOfErrors, ApexClass.Name, ApexClass.NamespacePrefix, MethodName, CompletedDate';

interface JobFilters {
  status: string;
  job: string;
  after?: { createdDate: Date; id: string };
}

/** The Apex Jobs page, filtered. */
export function jobsUrl(filters: { status?: string; job?: string; after?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== '') params.set(key, value);
  const query = params.toString();
  return query === '' ? JOBS_PATH : `${JOBS_PATH}?${query}`;
}

export function apexJobsRoutes(deps: ConsoleDeps): Router {
  const router = Router();

  router.get(JOBS_PATH, async (req, res) => {
    const filters = parseJobFilters(req.query);
    const { rows, hasNext } = await runRead(deps.org, () => jobPage(deps.org, filters));
    sendPage(res, {
      title: 'Apex Jobs',
      active: 'apex-jobs',
      session: consoleSessionOf(res),
      body: jobsBody(filters, rows, hasNext, consoleSessionOf(res)),
    });
  });

  router.post('/lightning/setup/AsyncApexJobs/:id/abort', async (req, res) => {
    const id = String(req.params.id);
    try {
      await deps.org.run({ kind: 'api', allowsCallouts: false }, () => System.abortJob(id));
      setFlash(res, { kind: 'success', message: `Job ${id} was aborted.` });
    } catch (error) {
      if (!(error instanceof ApexException)) throw error;
      setFlash(res, { kind: 'error', message: error.describe() });
    }
    res.redirect(303, jobsUrl({ status: String(req.query.status ?? '') }));
  });
  return router;
}

function parseJobFilters(query: Record<string, unknown>): JobFilters {
  const text = (name: string): string => (typeof query[name] === 'string' ? query[name] : '');
  const status = STATUSES.includes(text('status')) ? text('status') : '';
  const job = toId18(text('job')) ?? '';
  const after = decodeAfter(text('after'));
  return { status, job, ...(after === undefined ? {} : { after }) };
}

function jobPage(org: Org, filters: JobFilters): { rows: QueryRecord[]; hasNext: boolean } {
  const where: string[] = [];
  const binds: Record<string, FieldValue> = {};
  if (filters.status !== '') {
    where.push('Status = :status');
    binds.status = filters.status;
  }
  if (filters.job !== '') {
    where.push('Id = :job');
    binds.job = filters.job;
  }
  if (filters.after !== undefined) {
    where.push('(CreatedDate < :createdDate OR (CreatedDate = :createdDate AND Id < :id))');
    binds.createdDate = filters.after.createdDate;
    binds.id = filters.after.id;
  }
  const clause = where.length === 0 ? '' : ` WHERE ${where.join(' AND ')}`;
  const rows = org.query(
    `SELECT ${FIELDS} FROM AsyncApexJob${clause} ORDER BY CreatedDate DESC, Id DESC LIMIT ${PAGE_SIZE + 1}`,
    { binds },
  ).records;
  return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

function jobsBody(
  filters: JobFilters,
  rows: QueryRecord[],
  hasNext: boolean,
  session: ConsoleSession,
): SafeHtml {
  const last = rows[rows.length - 1];
  const next =
    hasNext && last !== undefined
      ? jobsUrl({ status: filters.status, job: filters.job, after: encodeAfter(last) })
      : undefined;
  return html`${pageHeader({
      kicker: 'Setup',
      title: 'Apex Jobs',
      meta: `${countOf(rows.length, 'job', hasNext)} • Newest first`,
    })}
    <form
      method="get"
      action="${JOBS_PATH}"
      class="console-filters slds-m-bottom_small"
      aria-label="Filters"
    >
      ${selectInput({
        name: 'status',
        label: 'Status',
        value: filters.status,
        noneLabel: 'All statuses',
        options: STATUSES.map((status) => ({ value: status, label: status })),
      })}
      <div class="console-filter-actions">
        <button class="slds-button slds-button_brand" type="submit">Apply</button>
        ${filters.job !== '' && html`<a class="slds-button slds-button_neutral" href="${JOBS_PATH}">All jobs</a>`}
      </div>
    </form>
    <div class="console-table-scroll">
      <table class="slds-table slds-table_cell-buffer slds-table_bordered" aria-label="Apex Jobs">
        <thead>
          <tr>
            ${[
              'Action',
              'Submitted Date',
              'Job Type',
              'Status',
              'Status Detail',
              'Failures',
              'Apex Class',
              'Completion Date',
              'Apex Job ID',
            ].map(
              (label) => html`<th scope="col"><span class="slds-truncate">${label}</span></th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${rows.map((row) => jobRow(row, filters, session))}
        </tbody>
      </table>
      ${rows.length === 0 && html`<p class="slds-p-around_medium console-empty">No Apex jobs.</p>`}
    </div>
    ${pagerNav({ first: filters.after === undefined ? undefined : jobsUrl({ status: filters.status }), next })}`;
}

function jobRow(row: QueryRecord, filters: JobFilters, session: ConsoleSession): SafeHtml {
  const id = String(row.Id);
  const apexClass = row.ApexClass as QueryRecord | null;
  const className = [apexClass?.NamespacePrefix, apexClass?.Name]
    .filter((part) => typeof part === 'string')
    .join('.');
  const abort =
    row.Status === 'Queued'
      ? html`<form
          method="post"
          action="/lightning/setup/AsyncApexJobs/${id}/abort?status=${filters.status}"
        >
          ${csrfField(session)}
          <button
            class="slds-button slds-button_neutral slds-button_small"
            type="submit"
            aria-label="Abort job ${id}"
          >
            Abort
          </button>
        </form>`
      : html``;
  return html`<tr data-id="${id}">
    <td>${abort}</td>
    <td>${dateTime(row.CreatedDate)}</td>
    <td>${text(row.JobType)}</td>
    <td data-status="${text(row.Status)}">${text(row.Status)}</td>
    <td class="console-wrap">${text(row.ExtendedStatus)}</td>
    <td class="console-number">${text(row.NumberOfErrors)}</td>
    <td>${className}</td>
    <td>${dateTime(row.CompletedDate)}</td>
    <th scope="row">${id}</th>
  </tr>`;
}

function encodeAfter(row: QueryRecord): string {
  const created = row.CreatedDate instanceof Date ? row.CreatedDate.toISOString() : '';
  return Buffer.from(JSON.stringify([created, String(row.Id)])).toString('base64url');
}

function decodeAfter(encoded: string): { createdDate: Date; id: string } | undefined {
  if (encoded === '') return undefined;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || typeof decoded[0] !== 'string' || typeof decoded[1] !== 'string')
      return undefined;
    const ms = Date.parse(decoded[0]);
    const id = toId18(decoded[1]);
    return Number.isNaN(ms) || id === undefined ? undefined : { createdDate: new Date(ms), id };
  } catch {
    return undefined;
  }
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
