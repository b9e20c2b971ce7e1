/**
 * One async event: `GET /lightning/r/AFLO__AsyncEvent__c/{id}/view` shows its fields, its
 * payload, the last Amberflo request and response as pretty-printed JSON, its attempts and
 * error, and links to the record it changed and to the Apex job that last ran it. A Failed event
 * has a Retry button (`POST …/retry`), which makes it due now and starts its type's chain, as
 * `aflo-emu events retry` does (aflo/events/manual-retry.ts).
 */
import { Router, type Request } from 'express';
import { retryEvents, RetryRefused } from '../../../aflo/events/manual-retry.ts';
import type { QueryRecord } from '../../../emulator/apex-api.ts';
import { toId18 } from '../../../emulator/ids.ts';
import { runRead } from '../../../emulator/rest/data-dml.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { consoleSessionOf, setFlash } from '../console-session.ts';
import { NotFoundPage } from '../console-errors.ts';
import { dateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, pageHeader, sendPage } from '../layout.ts';
import { ASYNC_EVENT, EVENT_LIST_PATH } from './event-filters.ts';
import { eventUrl, recordLink, statusBadge } from './event-rows.ts';
import { jobsUrl } from '../jobs/apex-jobs-page.ts';

const DETAIL_FIELDS =
  'Id, Name, AFLO__ObjectType__c, AFLO__Direction__c, AFLO__Action__c, AFLO__Status__c, AFLO__Attempts__c, AFLO__Timestamp__c, AFLO__NextAttemptAt__c, AFLO__Payload__c, AFLO__Request__c, AFLO__Response__c, AFLO__RecordId__c, AFLO__ExternalId__c, AFLO__Error__c, AFLO__JobId__c, AFLO__WebhookEventId__c, CreatedDate, LastModifiedDate';

export function eventDetailRoutes(deps: ConsoleDeps): Router {
  const router = Router();
  const base = `/lightning/r/${ASYNC_EVENT}/:id`;

  router.get(`${base}/view`, async (req, res) => {
    const event = await runRead(deps.org, () => findEvent(deps, req));
    sendPage(res, {
      title: `${String(event.Name)} | Amberflo Async Event`,
      active: 'events',
      session: consoleSessionOf(res),
      body: detailBody(event, consoleSessionOf(res)),
    });
  });

  router.post(`${base}/retry`, async (req, res) => {
    const event = await runRead(deps.org, () => findEvent(deps, req));
    const id = String(event.Id);
    try {
      await deps.org.run({ kind: 'api', allowsCallouts: false }, () => retryEvents([id]));
      setFlash(res, { kind: 'success', message: `${String(event.Name)} will be tried again.` });
    } catch (error) {
      if (!(error instanceof RetryRefused)) throw error;
      setFlash(res, { kind: 'error', message: error.message });
    }
    res.redirect(303, eventUrl(id));
  });
  return router;
}

function findEvent(deps: ConsoleDeps, req: Request): QueryRecord {
  const id = toId18(String(req.params.id));
  const type = deps.org.requireType(ASYNC_EVENT);
  const [event] =
    id === undefined || !id.startsWith(type.keyPrefix)
      ? []
      : deps.org.query(`SELECT ${DETAIL_FIELDS} FROM ${ASYNC_EVENT} WHERE Id = :id`, {
          binds: { id },
        }).records;
  if (event === undefined) {
    throw new NotFoundPage(`No async event ${String(req.params.id)}: it may have been deleted.`, {
      href: EVENT_LIST_PATH,
      label: 'Back to Amberflo Async Events',
    });
  }
  return event;
}

function detailBody(event: QueryRecord, session: Parameters<typeof csrfField>[0]): SafeHtml {
  const failed = event.AFLO__Status__c === 'Failed';
  const actions = failed
    ? html`<form method="post" action="/lightning/r/${ASYNC_EVENT}/${String(event.Id)}/retry">
        ${csrfField(session)}
        <button class="slds-button slds-button_brand" type="submit">Retry</button>
      </form>`
    : undefined;
  const jobId = typeof event.AFLO__JobId__c === 'string' ? event.AFLO__JobId__c : '';
  const facts: Array<[string, SafeHtml | string]> = [
    ['Status', statusBadge(String(event.AFLO__Status__c))],
    ['Object Type', text(event.AFLO__ObjectType__c)],
    ['Direction', text(event.AFLO__Direction__c)],
    ['Action', text(event.AFLO__Action__c)],
    ['Attempts', text(event.AFLO__Attempts__c)],
    ['Timestamp', dateTime(event.AFLO__Timestamp__c)],
    ['Next Attempt', dateTime(event.AFLO__NextAttemptAt__c)],
    ['Record', recordLink(event)],
    ['Amberflo Id', text(event.AFLO__ExternalId__c)],
    ['Last Apex Job', jobId === '' ? '' : html`<a href="${jobsUrl({ job: jobId })}">${jobId}</a>`],
    ['Webhook Event Id', text(event.AFLO__WebhookEventId__c)],
    ['Last Modified', dateTime(event.LastModifiedDate)],
  ];
  return html`${pageHeader({
      kicker: 'Amberflo Async Event',
      title: String(event.Name),
      actions,
    })}
    <div class="slds-grid slds-wrap slds-gutters_small">
      <section class="slds-col slds-size_1-of-1 slds-large-size_1-of-3 slds-m-bottom_medium">
        <div class="slds-card slds-p-around_medium">
          <h2 class="slds-text-heading_small slds-m-bottom_small">Details</h2>
          <dl class="slds-dl_horizontal console-facts">
            ${facts.map(
              ([label, value]) =>
                html`<dt class="slds-dl_horizontal__label">${label}</dt>
                  <dd class="slds-dl_horizontal__detail">${value}</dd>`,
            )}
          </dl>
        </div>
      </section>
      <div class="slds-col slds-size_1-of-1 slds-large-size_2-of-3">
        ${
          typeof event.AFLO__Error__c === 'string' &&
          html`<section
            class="slds-card slds-p-around_medium slds-m-bottom_medium"
            aria-labelledby="error-heading"
          >
            <h2 class="slds-text-heading_small slds-text-color_error" id="error-heading">Error</h2>
            <pre class="console-json" data-field="error">${event.AFLO__Error__c}</pre>
          </section>`
        }
        ${jsonSection('Payload', 'payload', event.AFLO__Payload__c)}
        ${jsonSection('Amberflo Request', 'request', event.AFLO__Request__c)}
        ${jsonSection('Amberflo Response', 'response', event.AFLO__Response__c)}
      </div>
    </div>`;
}

function jsonSection(title: string, key: string, value: unknown): SafeHtml {
  const id = `${key}-heading`;
  return html`<section
    class="slds-card slds-p-around_medium slds-m-bottom_medium"
    aria-labelledby="${id}"
  >
    <h2 class="slds-text-heading_small slds-m-bottom_x-small" id="${id}">${title}</h2>
    ${
      typeof value === 'string' && value !== ''
        ? html`<pre class="console-json" data-field="${key}">${prettyJson(value)}</pre>`
        : html`<p class="console-empty">None.</p>`
    }
  </section>`;
}

/** JSON text indented two spaces; text that is not JSON (a cut payload) as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
