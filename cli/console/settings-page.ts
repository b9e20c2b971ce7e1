/**
 * Amberflo Settings, the package's settings tab: `GET /lightning/n/AFLO__Settings` shows the
 * `AFLO__Settings__c` record (the API key masked, the webhook token behind a Show toggle), the
 * daily sync's scheduled job and what this server overrides for the run (the built-in fake's URL
 * and key). `POST` saves the record in one `api` transaction: the package's settings trigger
 * schedules or deletes the daily sync to match `AFLO__DailySync__c`, the same setting that
 * deleting the scheduled job turns off. `POST …/sync` runs the sync now, as `npm run sync` does.
 */
import { Router, type Response } from 'express';
import type { QueryRecord, SObjectRecord } from '../../emulator/apex-api.ts';
import { runRead, writeOne } from '../../emulator/rest/data-dml.ts';
import type { Org } from '../../emulator/org.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { consoleSessionOf, formField, setFlash, type ConsoleSession } from './console-session.ts';
import { dateTime } from './format.ts';
import { checkboxInput, errorSummary, textInput } from './forms.ts';
import { html, type SafeHtml } from './html.ts';
import { JOBS_PATH } from './jobs/apex-jobs-page.ts';
import { csrfField, pageHeader, sendPage } from './layout.ts';
import { SCHEDULED_JOBS_PATH } from './jobs/scheduled-jobs-page.ts';

export const SETTINGS_PATH = '/lightning/n/AFLO__Settings';
const SETTINGS = 'AFLO__Settings__c';
const DAILY_SYNC_JOB = 'Amberflo Daily Sync';
const SYNC_SCRIPT = '(new AFLO.DownloadScheduler()).execute(null);';
const FIELDS =
  'Id, AFLO__ApiKey__c, AFLO__BaseUrl__c, AFLO__WebhookToken__c, AFLO__DailySync__c, AFLO__MaxAttempts__c, LastModifiedDate';

/** What the form shows, and the errors of a save that failed. */
interface SettingsForm {
  baseUrl: string;
  maxAttempts: string;
  dailySync: boolean;
  fieldErrors: Map<string, string[]>;
  generalErrors: string[];
}

interface SettingsView {
  record: QueryRecord | undefined;
  dailySyncJob: QueryRecord | undefined;
}

export function settingsRoutes(deps: ConsoleDeps): Router {
  const router = Router();

  router.get(SETTINGS_PATH, async (_req, res) => {
    const view = await runRead(deps.org, () => loadView(deps.org));
    sendSettings(res, deps, view, formOf(view.record));
  });

  router.post(SETTINGS_PATH, async (req, res) => {
    const view = await runRead(deps.org, () => loadView(deps.org));
    const form: SettingsForm = {
      baseUrl: formField(req, 'AFLO__BaseUrl__c'),
      maxAttempts: formField(req, 'AFLO__MaxAttempts__c'),
      dailySync: formField(req, 'AFLO__DailySync__c') === 'true',
      fieldErrors: new Map(),
      generalErrors: [],
    };
    const record: SObjectRecord = {
      attributes: { type: SETTINGS },
      AFLO__BaseUrl__c: form.baseUrl.trim() === '' ? null : form.baseUrl.trim(),
      AFLO__MaxAttempts__c: form.maxAttempts.trim() === '' ? null : form.maxAttempts.trim(),
      AFLO__DailySync__c: form.dailySync,
    };
    const newKey = formField(req, 'AFLO__ApiKey__c');
    if (formField(req, 'clearApiKey') === 'true') record.AFLO__ApiKey__c = null;
    else if (newKey !== '') record.AFLO__ApiKey__c = newKey;

    const stored = view.record;
    const outcome = await writeOne(deps.org, (tx) =>
      stored === undefined
        ? deps.org.dml.insert(tx, [{ ...record, Name: 'Default' }])
        : deps.org.dml.update(tx, [{ ...record, Id: String(stored.Id) }]),
    );
    if (!outcome.ok) {
      for (const error of outcome.errors) {
        const field = error.fields?.find((name) => FORM_FIELDS.includes(name));
        if (field === undefined) form.generalErrors.push(error.message);
        else form.fieldErrors.set(field, [...(form.fieldErrors.get(field) ?? []), error.message]);
      }
      sendSettings(res, deps, view, form, 400);
      return;
    }
    setFlash(res, { kind: 'success', message: 'Amberflo settings were saved.' });
    res.redirect(303, SETTINGS_PATH);
  });

  router.post(`${SETTINGS_PATH}/sync`, async (_req, res) => {
    const result = await deps.org.runAnonymous(SYNC_SCRIPT);
    setFlash(
      res,
      result.success
        ? {
            kind: 'success',
            message: 'The sync started: its download jobs run in the background (Apex Jobs).',
          }
        : {
            kind: 'error',
            message: `The sync did not start: ${result.exceptionMessage ?? result.compileProblem ?? ''}`,
          },
    );
    res.redirect(303, SETTINGS_PATH);
  });
  return router;
}

const FORM_FIELDS = [
  'AFLO__ApiKey__c',
  'AFLO__BaseUrl__c',
  'AFLO__MaxAttempts__c',
  'AFLO__DailySync__c',
];

function loadView(org: Org): SettingsView {
  const [record] = org.query(
    `SELECT ${FIELDS} FROM ${SETTINGS} ORDER BY CreatedDate LIMIT 1`,
  ).records;
  return { record, dailySyncJob: dailySyncJob(org) };
}

/** The daily sync's CronTrigger, or undefined when it is not scheduled (or the org has no schedule). */
function dailySyncJob(org: Org): QueryRecord | undefined {
  if (org.schema.find('CronTrigger') === undefined) return undefined;
  const [job] = org.query(
    'SELECT Id, NextFireTime, State FROM CronTrigger WHERE CronJobDetail.Name = :name',
    { binds: { name: DAILY_SYNC_JOB } },
  ).records;
  return job;
}

function formOf(record: QueryRecord | undefined): SettingsForm {
  return {
    baseUrl: typeof record?.AFLO__BaseUrl__c === 'string' ? record.AFLO__BaseUrl__c : '',
    maxAttempts:
      record?.AFLO__MaxAttempts__c === null || record?.AFLO__MaxAttempts__c === undefined
        ? ''
        : String(record.AFLO__MaxAttempts__c),
    dailySync: record?.AFLO__DailySync__c !== false,
    fieldErrors: new Map(),
    generalErrors: [],
  };
}

function sendSettings(
  res: Response,
  deps: ConsoleDeps,
  view: SettingsView,
  form: SettingsForm,
  status = 200,
): void {
  const session = consoleSessionOf(res);
  sendPage(res, {
    title: 'Amberflo Settings',
    active: 'settings',
    session,
    status,
    body: html`${pageHeader({
      kicker: 'Amberflo',
      title: 'Amberflo Settings',
      actions: html`<form method="post" action="${SETTINGS_PATH}/sync">
        ${csrfField(session)}
        <button class="slds-button slds-button_brand" type="submit">Run sync now</button>
      </form>`,
    })}
    ${overrides(deps)} ${settingsForm(view, form, session)} ${schedule(view)}`,
  });
}

/** What the server sets for this run instead of the stored record (cli/session.ts). */
function overrides(deps: ConsoleDeps): SafeHtml {
  const url = deps.org.overrides.get('AFLO.baseUrl');
  if (url === undefined) return html``;
  const which = deps.amberflo.builtInFake
    ? 'the built-in fake Amberflo'
    : 'the Amberflo given with --amberflo';
  return html`<div
    class="slds-scoped-notification slds-scoped-notification_light slds-m-bottom_medium"
    role="status"
  >
    <p>
      For this run, the server points the package at ${which}, <code>${url}</code>, with its API
      key: the stored Base URL and API key below are kept but not used until it runs without that.
    </p>
  </div>`;
}

function settingsForm(view: SettingsView, form: SettingsForm, session: ConsoleSession): SafeHtml {
  const key = view.record?.AFLO__ApiKey__c;
  const token = view.record?.AFLO__WebhookToken__c;
  const errors = (name: string): string[] => form.fieldErrors.get(name) ?? [];
  const labels = [...form.fieldErrors.keys()].map((name) => LABELS[name] ?? name);
  return html`${errorSummary(form.generalErrors, labels)}
    <form
      method="post"
      action="${SETTINGS_PATH}"
      novalidate
      class="slds-card slds-p-around_medium slds-m-bottom_medium"
    >
      ${csrfField(session)}
      <h2 class="slds-text-heading_small slds-m-bottom_small">Connection</h2>
      ${textInput({
        name: 'AFLO__ApiKey__c',
        label: LABELS.AFLO__ApiKey__c ?? '',
        type: 'password',
        value: '',
        autocomplete: 'new-password',
        help:
          typeof key === 'string' && key !== ''
            ? `Stored: ${mask(key)}. Leave empty to keep it.`
            : 'None stored.',
        errors: errors('AFLO__ApiKey__c'),
      })}
      ${typeof key === 'string' && key !== '' && checkboxInput({ name: 'clearApiKey', label: 'Remove the stored API key', checked: false })}
      ${textInput({ name: 'AFLO__BaseUrl__c', label: LABELS.AFLO__BaseUrl__c ?? '', value: form.baseUrl, errors: errors('AFLO__BaseUrl__c') })}
      <div class="slds-form-element slds-m-bottom_small">
        <span class="slds-form-element__label">Webhook Token</span>
        <div class="slds-form-element__control">
          ${
            typeof token === 'string' && token !== ''
              ? html`<details class="console-secret">
                  <summary>Show the token (${mask(token)})</summary>
                  <code data-field="webhook-token">${token}</code>
                </details>`
              : html`<span class="console-empty">None: the webhook refuses every delivery.</span>`
          }
        </div>
        <div class="slds-form-element__help console-help">
          Amberflo sends it in the <code>Token</code> header of each webhook delivery.
        </div>
      </div>
      <h2 class="slds-text-heading_small slds-m-vertical_small">Sync</h2>
      ${checkboxInput({ name: 'AFLO__DailySync__c', label: LABELS.AFLO__DailySync__c ?? '', checked: form.dailySync, errors: errors('AFLO__DailySync__c'), help: 'On: AFLO.DownloadScheduler runs every day at 06:00 (Scheduled Jobs). Off: the scheduled job is deleted.' })}
      ${textInput({ name: 'AFLO__MaxAttempts__c', label: LABELS.AFLO__MaxAttempts__c ?? '', value: form.maxAttempts, inputMode: 'numeric', errors: errors('AFLO__MaxAttempts__c'), help: 'How many times a failed async event is tried before it stays Failed.' })}
      <button class="slds-button slds-button_brand slds-m-top_small" type="submit">Save</button>
    </form>`;
}

const LABELS: Record<string, string> = {
  AFLO__ApiKey__c: 'API Key',
  AFLO__BaseUrl__c: 'Base URL',
  AFLO__DailySync__c: 'Daily Sync',
  AFLO__MaxAttempts__c: 'Max Attempts',
};

function schedule(view: SettingsView): SafeHtml {
  const job = view.dailySyncJob;
  return html`<section class="slds-card slds-p-around_medium" aria-labelledby="schedule-heading">
    <h2 class="slds-text-heading_small slds-m-bottom_small" id="schedule-heading">
      Daily sync schedule
    </h2>
    ${
      job === undefined
        ? html`<p data-field="daily-sync-job">Not scheduled.</p>`
        : html`<p data-field="daily-sync-job">
            "${DAILY_SYNC_JOB}" is ${String(job.State ?? '').toLowerCase()}; next run
            ${dateTime(job.NextFireTime)} UTC.
          </p>`
    }
    <p class="slds-m-top_small">
      <a href="${SCHEDULED_JOBS_PATH}">Scheduled Jobs</a> · <a href="${JOBS_PATH}">Apex Jobs</a>
    </p>
  </section>`;
}

/** `••••3f9a`: enough to tell two keys apart, not enough to use one. */
function mask(secret: string): string {
  return `••••${secret.length > 8 ? secret.slice(-4) : ''}`;
}
