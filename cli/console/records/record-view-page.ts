/**
 * An AFLO record's page, `GET /lightning/r/{sObject}/{id}/view`: its fields, Edit and Delete,
 * and the record's latest async events with a link to all of them in the Async Events tab.
 * Deleting asks first (`GET …/delete`, a page of its own so it can be bookmarked like the rest),
 * then `POST …/delete` moves the record to the recycle bin in one `api` transaction, whose
 * trigger writes the outbound Deleted event.
 */
import { Router, type Request } from 'express';
import type { QueryRecord } from '../../../emulator/apex-api.ts';
import type { SObjectType } from '../../../emulator/metadata/sobject-type.ts';
import { runRead, writeOne } from '../../../emulator/rest/data-dml.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { consoleSessionOf, setFlash, type ConsoleSession } from '../console-session.ts';
import { fieldValue } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField, pageHeader, sendPage } from '../layout.ts';
import { listUrl, parseFilters } from '../events/event-filters.ts';
import { eventRow } from '../events/event-rows.ts';
import { labelOf, recordPaths, RECORD_OBJECTS, type RecordObject } from './record-objects.ts';
import { parentName, recordEvents, requireRecord, shownFields } from './record-queries.ts';

const RELATED_EVENTS = 10;

export function recordViewRoutes(deps: ConsoleDeps): Router {
  const router = Router();
  for (const object of RECORD_OBJECTS) {
    const base = `/lightning/r/${object.sObject}/:id`;

    router.get(`${base}/view`, async (req, res) => {
      const type = deps.org.requireType(object.sObject);
      const { record, events } = await runRead(deps.org, () => {
        const found = requireRecord(deps.org, type, object, idOf(req));
        return { record: found, events: recordEvents(deps.org, String(found.Id), RELATED_EVENTS) };
      });
      sendPage(res, {
        title: `${String(record.Name)} | ${type.label}`,
        active: object.nav,
        session: consoleSessionOf(res),
        body: viewBody(type, object, record, events),
      });
    });

    router.get(`${base}/delete`, async (req, res) => {
      const type = deps.org.requireType(object.sObject);
      const record = await runRead(deps.org, () =>
        requireRecord(deps.org, type, object, idOf(req)),
      );
      sendPage(res, {
        title: `Delete ${String(record.Name)}`,
        active: object.nav,
        session: consoleSessionOf(res),
        body: confirmBody(type, object, record, consoleSessionOf(res)),
      });
    });

    router.post(`${base}/delete`, async (req, res) => {
      const type = deps.org.requireType(object.sObject);
      const record = await runRead(deps.org, () =>
        requireRecord(deps.org, type, object, idOf(req)),
      );
      const id = String(record.Id);
      const outcome = await writeOne(deps.org, (tx) => deps.org.dml.delete(tx, type.name, [id]));
      if (!outcome.ok) {
        setFlash(res, {
          kind: 'error',
          message: outcome.errors.map((error) => error.message).join(' '),
        });
        res.redirect(303, recordPaths.view(object.sObject, id));
        return;
      }
      setFlash(res, {
        kind: 'success',
        message: `${type.label} "${String(record.Name)}" was deleted.`,
      });
      res.redirect(303, recordPaths.list(object.sObject));
    });
  }
  return router;
}

function viewBody(
  type: SObjectType,
  object: RecordObject,
  record: QueryRecord,
  events: QueryRecord[],
): SafeHtml {
  const id = String(record.Id);
  const facts = shownFields(type).map((field) => {
    const value = record[field.name];
    const shown =
      field.type === 'lookup' && typeof value === 'string' && field.referenceTo !== undefined
        ? html`<a href="${recordPaths.view(field.referenceTo, value)}"
            >${parentName(record, field) ?? value}</a
          >`
        : fieldValue(field, value);
    return html`<dt class="slds-dl_horizontal__label">${labelOf(field)}</dt>
      <dd class="slds-dl_horizontal__detail" data-field="${field.name}">${shown}</dd>`;
  });
  const allEvents = listUrl({ ...parseFilters({}), record: id });
  return html`${pageHeader({
      kicker: type.label,
      title: String(record.Name),
      actions: html`<div class="slds-button-group" role="group">
        <a class="slds-button slds-button_neutral" href="${recordPaths.edit(object.sObject, id)}"
          >Edit</a
        >
        <a class="slds-button slds-button_neutral" href="${recordPaths.remove(object.sObject, id)}"
          >Delete</a
        >
      </div>`,
    })}
    <div class="slds-grid slds-wrap slds-gutters_small">
      <section
        class="slds-col slds-size_1-of-1 slds-large-size_1-of-2 slds-m-bottom_medium"
        aria-labelledby="details-heading"
      >
        <div class="slds-card slds-p-around_medium">
          <h2 class="slds-text-heading_small slds-m-bottom_small" id="details-heading">Details</h2>
          <dl class="slds-dl_horizontal console-facts">${facts}</dl>
        </div>
      </section>
      <section class="slds-col slds-size_1-of-1" aria-labelledby="events-heading">
        <div class="slds-card slds-p-around_medium">
          <h2 class="slds-text-heading_small slds-m-bottom_small" id="events-heading">
            Amberflo Async Events
          </h2>
          <div class="console-table-scroll">
            <table
              class="slds-table slds-table_cell-buffer slds-table_bordered"
              aria-labelledby="events-heading"
            >
              <thead>
                <tr>
                  ${[
                    'Name',
                    'Timestamp',
                    'Object Type',
                    'Direction',
                    'Action',
                    'Status',
                    'Attempts',
                    'Record',
                  ].map((label) => html`<th scope="col">${label}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${events.map(eventRow)}
              </tbody>
            </table>
          </div>
          ${events.length === 0 && html`<p class="console-empty slds-m-top_small">No async events for this record.</p>`}
          <p class="slds-m-top_small">
            <a href="${allEvents}">View all in Amberflo Async Events</a>
          </p>
        </div>
      </section>
    </div>`;
}

function confirmBody(
  type: SObjectType,
  object: RecordObject,
  record: QueryRecord,
  session: ConsoleSession,
): SafeHtml {
  const id = String(record.Id);
  return html`${pageHeader({ kicker: type.label, title: `Delete ${String(record.Name)}` })}
    <div class="slds-card slds-p-around_medium">
      <p class="slds-m-bottom_medium">
        Are you sure you want to delete this ${type.label.toLowerCase()}? It goes to the recycle
        bin, and the package exports the deletion to Amberflo.
      </p>
      <form method="post" action="${recordPaths.remove(object.sObject, id)}">
        ${csrfField(session)}
        <a class="slds-button slds-button_neutral" href="${recordPaths.view(object.sObject, id)}"
          >Cancel</a
        >
        <button class="slds-button slds-button_destructive" type="submit">Delete</button>
      </form>
    </div>`;
}

/** The record Id in a record page's path. */
function idOf(req: Request): string {
  return String(req.params.id);
}
