/**
 * An AFLO object's tab: `GET /lightning/o/{sObject}/list[?dir=desc][&after=…|&before=…]`, its
 * records by Name, 50 a page, with a New button. Each Name links to the record page.
 */
import { Router } from 'express';
import { runRead } from '../../../emulator/rest/data-dml.ts';
import type { SObjectType } from '../../../emulator/metadata/sobject-type.ts';
import type { QueryRecord } from '../../../emulator/apex-api.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { consoleSessionOf } from '../console-session.ts';
import { countOf, fieldValue } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageHeader, sendPage, utilityIcon } from '../layout.ts';
import { pagerNav } from '../pager.ts';
import {
  fieldOf,
  labelOf,
  recordPaths,
  RECORD_OBJECTS,
  type RecordObject,
} from './record-objects.ts';
import {
  encodeRecordCursor,
  parentName,
  parseRecordCursor,
  recordPage,
  type RecordPage,
} from './record-queries.ts';

export function recordListRoutes(deps: ConsoleDeps): Router {
  const router = Router();
  for (const object of RECORD_OBJECTS) {
    router.get(recordPaths.list(object.sObject), async (req, res) => {
      const query = (name: string): string =>
        typeof req.query[name] === 'string' ? req.query[name] : '';
      const dir = query('dir') === 'desc' ? 'desc' : 'asc';
      const cursor = parseRecordCursor(query('after'), query('before'));
      const page = await runRead(deps.org, () => recordPage(deps.org, object, dir, cursor));
      const type = deps.org.requireType(object.sObject);
      sendPage(res, {
        title: type.labelPlural,
        active: object.nav,
        session: consoleSessionOf(res),
        body: listBody(type, object, dir, cursor !== undefined, page),
      });
    });
  }
  return router;
}

function listBody(
  type: SObjectType,
  object: RecordObject,
  dir: 'asc' | 'desc',
  paged: boolean,
  page: RecordPage,
): SafeHtml {
  const list = recordPaths.list(object.sObject);
  const columns = object.columns.map((name) => fieldOf(type, name));
  const sortHref = dir === 'asc' ? `${list}?dir=desc` : list;
  return html`${pageHeader({
      kicker: type.labelPlural,
      title: `All ${type.labelPlural}`,
      meta: `${countOf(page.rows.length, 'item', page.hasNext)} • Sorted by ${labelOf(fieldOf(type, 'Name'))}`,
      actions: html`<a
        class="slds-button slds-button_neutral"
        href="${recordPaths.create(object.sObject)}"
        >New</a
      >`,
    })}
    <div class="console-table-scroll">
      <table
        class="slds-table slds-table_cell-buffer slds-table_bordered"
        aria-label="${type.labelPlural}"
      >
        <thead>
          <tr class="slds-line-height_reset">
            <th
              scope="col"
              class="slds-is-sortable slds-is-sorted${dir === 'asc' ? ' slds-is-sorted_asc' : ''}"
              aria-sort="${dir === 'asc' ? 'ascending' : 'descending'}"
            >
              <a class="slds-th__action slds-text-link_reset" href="${sortHref}">
                <span class="slds-assistive-text">Sort by: </span>
                <span class="slds-truncate">${labelOf(fieldOf(type, 'Name'))}</span>
                ${utilityIcon('arrowdown', 'slds-icon-text-default slds-is-sortable__icon')}
              </a>
            </th>
            ${columns.map((field) => html`<th scope="col"><span class="slds-truncate">${labelOf(field)}</span></th>`)}
          </tr>
        </thead>
        <tbody>
          ${page.rows.map((row) => listRow(type, object, row))}
        </tbody>
      </table>
      ${
        page.rows.length === 0 &&
        html`<p class="slds-p-around_medium console-empty">
          No ${type.labelPlural.toLowerCase()} yet.
        </p>`
      }
    </div>
    ${pager(list, dir, paged, page)}`;
}

function listRow(type: SObjectType, object: RecordObject, row: QueryRecord): SafeHtml {
  const cells = object.columns.map((name) => {
    const field = fieldOf(type, name);
    const value = row[field.name];
    if (field.type === 'lookup' && typeof value === 'string' && field.referenceTo !== undefined) {
      return html`<td>
        <a href="${recordPaths.view(field.referenceTo, value)}"
          >${parentName(row, field) ?? value}</a
        >
      </td>`;
    }
    return html`<td>${fieldValue(field, value)}</td>`;
  });
  return html`<tr data-id="${String(row.Id)}">
    <th scope="row">
      <a href="${recordPaths.view(object.sObject, String(row.Id))}"
        >${String(row.Name ?? row.Id)}</a
      >
    </th>
    ${cells}
  </tr>`;
}

function pager(list: string, dir: 'asc' | 'desc', paged: boolean, page: RecordPage): SafeHtml {
  const base = dir === 'desc' ? `${list}?dir=desc&` : `${list}?`;
  const first = page.rows[0];
  const last = page.rows[page.rows.length - 1];
  return pagerNav({
    first: paged ? base.slice(0, -1) : undefined,
    previous:
      page.hasPrevious && first !== undefined
        ? `${base}before=${encodeRecordCursor(first)}`
        : undefined,
    next:
      page.hasNext && last !== undefined ? `${base}after=${encodeRecordCursor(last)}` : undefined,
  });
}
