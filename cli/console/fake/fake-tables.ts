/**
 * The Fake Amberflo page's tables: the fake's objects, the API requests it received (newest
 * first) and the webhook deliveries it made, each at most MAX_ROWS rows. Epoch times read as UTC.
 */
import { dateTimeText } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import type { FakeDelivery, FakeRequest } from './fake-amberflo-client.ts';

/** Rows a table shows at most. */
const MAX_ROWS = 200;

export function objectsTable(
  label: string,
  columns: readonly string[],
  rows: Array<Record<string, unknown>>,
): SafeHtml {
  return html`<p class="slds-m-bottom_x-small">
      ${rows.length} ${label.toLowerCase()} in the
      fake${rows.length > MAX_ROWS ? `; the first ${MAX_ROWS} shown` : ''}.
    </p>
    <div class="console-table-scroll">
      <table
        class="slds-table slds-table_cell-buffer slds-table_bordered"
        aria-label="${label} in the fake Amberflo"
      >
        <thead>
          <tr>
            ${columns.map((column) => html`<th scope="col">${column}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.slice(0, MAX_ROWS).map(
            (row) =>
              html`<tr>
                ${columns.map((column) => html`<td>${shown(row[column], column)}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export function requestsTable(requests: readonly FakeRequest[]): SafeHtml {
  const newest = [...requests].reverse().slice(0, MAX_ROWS);
  return html`<p class="slds-m-bottom_x-small">
      ${requests.length} API requests since the fake started or was reset; newest first.
    </p>
    <div class="console-table-scroll">
      <table
        class="slds-table slds-table_cell-buffer slds-table_bordered"
        aria-label="Requests the fake Amberflo received"
      >
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">Path</th>
            <th scope="col">Status</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          ${newest.map(
            (request) =>
              html`<tr>
                <td>${request.method}</td>
                <td>
                  ${request.path}${Object.keys(request.query).length > 0 ? `?${new URLSearchParams(request.query as Record<string, string>).toString()}` : ''}
                </td>
                <td>${request.status === null ? 'no answer' : String(request.status)}</td>
                <td>
                  <code class="console-wrap"
                    >${request.body === undefined ? '' : JSON.stringify(request.body)}</code
                  >
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
}

export function deliveriesTable(deliveries: readonly FakeDelivery[]): SafeHtml {
  return html`<p class="slds-m-bottom_x-small">
      ${deliveries.length} webhook deliveries since the fake started or was reset; newest first.
      Only subscribed topics are delivered (<code>aflo-emu serve --webhooks</code> subscribes the
      org).
    </p>
    <div class="console-table-scroll">
      <table
        class="slds-table slds-table_cell-buffer slds-table_bordered"
        aria-label="Webhook deliveries of the fake Amberflo"
      >
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">Last attempt</th>
            <th scope="col">Destination</th>
            <th scope="col">Body</th>
          </tr>
        </thead>
        <tbody>
          ${[...deliveries]
            .reverse()
            .slice(0, MAX_ROWS)
            .map((delivery) => {
              const last = delivery.attempts[delivery.attempts.length - 1];
              return html`<tr>
                <td>${delivery.topic}</td>
                <td>${delivery.status}</td>
                <td class="console-number">${delivery.attempts.length}</td>
                <td>
                  ${last === undefined ? '' : `${dateTimeText(new Date(last.at))} UTC: ${last.status ?? 'no answer'}${last.error === null ? '' : ` (${last.error})`}`}
                </td>
                <td>${delivery.destinationUrl}</td>
                <td><code class="console-wrap">${delivery.body}</code></td>
              </tr>`;
            })}
        </tbody>
      </table>
    </div>`;
}

function shown(value: unknown, column: string): string {
  if (value === undefined || value === null) return '';
  if (
    typeof value === 'number' &&
    /Time(InMillis)?$/.test(column) &&
    !column.endsWith('InSeconds')
  ) {
    return `${dateTimeText(new Date(value))} UTC`;
  }
  if (typeof value === 'number' && column.endsWith('InSeconds'))
    return `${dateTimeText(new Date(value * 1000))} UTC`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
