/**
 * The Amberflo Async Events tab: `GET /lightning/o/AFLO__AsyncEvent__c/list`, a list view with
 * the predefined views (All, Pending, Failed, Processed, Inbound, Outbound, Today, one per
 * object type) and their counts, filters by action, record and date range, sortable columns and
 * keyset paging. The counts and the rows on screen update live while the queues drain
 * (event-stream.ts, read by assets/console.js); without JavaScript the page is the same, only
 * still.
 */
import { Router } from 'express';
import { runRead } from '../../../emulator/rest/data-dml.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { consoleSessionOf } from '../console-session.ts';
import { selectInput, textInput } from '../forms.ts';
import { countOf } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageHeader, sendPage, utilityIcon } from '../layout.ts';
import { pagerNav } from '../pager.ts';
import {
  EVENT_ACTIONS,
  EVENT_LIST_PATH,
  LIST_VIEWS,
  SORT_COLUMNS,
  encodeCursor,
  listUrl,
  parseFilters,
  type EventFilters,
  type SortColumn,
} from './event-filters.ts';
import {
  eventPage,
  sortValueOf,
  statusCounts,
  type EventPage,
  type StatusCounts,
} from './event-queries.ts';
import { eventRow } from './event-rows.ts';
import { STREAM_PATH } from './event-stream.ts';

export function eventListRoutes(deps: ConsoleDeps): Router {
  const router = Router();

  router.get(EVENT_LIST_PATH, async (req, res) => {
    const filters = parseFilters(req.query);
    const { page, counts } = await runRead(deps.org, () => ({
      page: eventPage(deps.org, filters),
      counts: statusCounts(deps.org),
    }));
    sendPage(res, {
      title: `${filters.view.label} | Amberflo Async Events`,
      active: 'events',
      session: consoleSessionOf(res),
      body: listBody(filters, page, counts),
    });
  });
  return router;
}

function listBody(filters: EventFilters, page: EventPage, counts: StatusCounts): SafeHtml {
  // Keyset paging knows this page only: past the first, the count is the page's.
  const shown = countOf(page.rows.length, 'item', page.hasNext);
  const items = filters.cursor === undefined ? shown : `${shown} on this page`;
  const liveInsert =
    filters.cursor === undefined &&
    filters.dir === 'desc' &&
    (filters.sort.key === 'timestamp' || filters.sort.key === 'name');
  return html`${pageHeader({
      kicker: 'Amberflo Async Events',
      title: filters.view.label,
      meta: html`${items} • Sorted by ${filters.sort.label} •
        <span class="console-live-status" data-live-status role="status"
          >Reload for the latest</span
        >`,
    })}
    <div
      class="console-live"
      data-live-events
      data-stream="${streamUrl(filters)}"
      data-live-insert="${liveInsert ? 'true' : 'false'}"
    >
      ${viewLinks(filters, counts)} ${filterForm(filters)}
      ${
        filters.errors.get('page') !== undefined &&
        html`<div
          class="slds-notify slds-notify_alert slds-theme_info slds-m-bottom_small"
          role="status"
        >
          <h2>${filters.errors.get('page')}</h2>
        </div>`
      }
      <div class="console-table-scroll">
        <table
          class="slds-table slds-table_cell-buffer slds-table_bordered slds-table_striped"
          aria-label="Amberflo Async Events: ${filters.view.label}"
        >
          <thead>
            <tr class="slds-line-height_reset">
              ${SORT_COLUMNS.map((column) => sortHeader(filters, column))}
              <th scope="col"><span class="slds-truncate">Record</span></th>
            </tr>
          </thead>
          <tbody data-rows>
            ${page.rows.map(eventRow)}
          </tbody>
        </table>
        ${
          page.rows.length === 0 &&
          html`<p class="slds-p-around_medium console-empty">No async events match this view.</p>`
        }
      </div>
      ${pager(filters, page)}
    </div>`;
}

/** The predefined views, as links; the status views carry their live counts. */
function viewLinks(filters: EventFilters, counts: StatusCounts): SafeHtml {
  const links = LIST_VIEWS.map((view) => {
    const current = view.name === filters.view.name;
    const count = view.name in counts ? counts[view.name as keyof StatusCounts] : undefined;
    const href = listUrl(
      { ...filters, view, cursor: undefined },
      { filterName: view.name === 'All' ? '' : view.name },
    );
    return html`<li class="console-view${current ? ' console-view_current' : ''}">
      <a href="${href}" ${current && html`aria-current="page"`}>
        ${view.label}
        ${
          count !== undefined &&
          html`<span class="slds-badge slds-m-left_xx-small" data-count="${view.name}"
            >${count.toLocaleString('en-US')}</span
          >`
        }
      </a>
    </li>`;
  });
  return html`<nav class="slds-m-bottom_small" aria-label="List views">
    <ul class="console-views">
      ${links}
    </ul>
  </nav>`;
}

function filterForm(filters: EventFilters): SafeHtml {
  const errors = (name: string): string[] => {
    const message = filters.errors.get(name);
    return message === undefined ? [] : [message];
  };
  return html`<form
    method="get"
    action="${EVENT_LIST_PATH}"
    class="console-filters slds-m-bottom_small"
    aria-label="Filters"
    novalidate
  >
    ${
      filters.view.name !== 'All' &&
      html`<input type="hidden" name="filterName" value="${filters.view.name}" />`
    }
    ${
      filters.sort.key !== 'timestamp' &&
      html`<input type="hidden" name="sort" value="${filters.sort.key}" />`
    }
    ${filters.dir !== 'desc' && html`<input type="hidden" name="dir" value="${filters.dir}" />`}
    ${selectInput({
      name: 'action',
      label: 'Action',
      value: filters.action,
      noneLabel: 'Any action',
      options: EVENT_ACTIONS.map((action) => ({ value: action, label: action })),
      errors: errors('action'),
    })}
    ${textInput({
      name: 'record',
      label: 'Record',
      value: filters.record,
      placeholder: 'Record Id or Amberflo id',
      errors: errors('record'),
    })}
    ${textInput({ name: 'from', label: 'From (UTC)', type: 'date', value: filters.from, errors: errors('from') })}
    ${textInput({ name: 'to', label: 'To (UTC)', type: 'date', value: filters.to, errors: errors('to') })}
    <div class="console-filter-actions">
      <button class="slds-button slds-button_brand" type="submit">Apply</button>
      <a
        class="slds-button slds-button_neutral"
        href="${listUrl(filters, { action: '', record: '', from: '', to: '' })}"
        >Clear filters</a
      >
    </div>
  </form>`;
}

/** A sortable column header: a link that sorts by it (or turns its order around), with aria-sort. */
function sortHeader(filters: EventFilters, column: SortColumn): SafeHtml {
  const sorted = filters.sort.key === column.key;
  const nextDir = sorted
    ? filters.dir === 'asc'
      ? 'desc'
      : 'asc'
    : column.key === 'timestamp'
      ? 'desc'
      : 'asc';
  const href = listUrl(filters, {
    sort: column.key === 'timestamp' ? '' : column.key,
    dir: nextDir === 'desc' ? '' : 'asc',
  });
  const ariaSort = !sorted ? 'none' : filters.dir === 'asc' ? 'ascending' : 'descending';
  const classes = `slds-is-sortable${sorted ? ` slds-is-sorted${filters.dir === 'asc' ? ' slds-is-sorted_asc' : ''}` : ''}`;
  return html`<th scope="col" class="${classes}" aria-sort="${ariaSort}">
    <a class="slds-th__action slds-text-link_reset" href="${href}">
      <span class="slds-assistive-text">Sort by: </span>
      <span class="slds-truncate" title="${column.label}">${column.label}</span>
      ${utilityIcon('arrowdown', 'slds-icon-text-default slds-is-sortable__icon')}
    </a>
  </th>`;
}

function pager(filters: EventFilters, page: EventPage): SafeHtml {
  const first = page.rows[0];
  const last = page.rows[page.rows.length - 1];
  return pagerNav({
    first: filters.cursor === undefined ? undefined : listUrl(filters),
    previous:
      page.hasPrevious && first !== undefined
        ? listUrl(filters, {
            before: encodeCursor(sortValueOf(filters, first), String(first.Name)),
          })
        : undefined,
    next:
      page.hasNext && last !== undefined
        ? listUrl(filters, { after: encodeCursor(sortValueOf(filters, last), String(last.Name)) })
        : undefined,
  });
}

function streamUrl(filters: EventFilters): string {
  const url = listUrl({ ...filters, cursor: undefined });
  return STREAM_PATH + url.slice(EVENT_LIST_PATH.length);
}
