/**
 * One Async Events row as the list shows it, rendered the same way for the page and for a live
 * update (event-stream.ts), so an update replaces the row in place. Also the status badge and
 * the link to the record an event changed, which the detail page uses too.
 */
import { MAPPINGS, type AfloObjectType } from '../../../aflo/mapping/index.ts';
import type { QueryRecord } from '../../../emulator/apex-api.ts';
import { dateTime } from '../format.ts';
import { html, type SafeHtml } from '../html.ts';
import { ASYNC_EVENT } from './event-filters.ts';

/** The detail page of an event. */
export function eventUrl(id: string): string {
  return `/lightning/r/${ASYNC_EVENT}/${encodeURIComponent(id)}/view`;
}

export function eventRow(row: QueryRecord): SafeHtml {
  const id = String(row.Id);
  return html`<tr data-id="${id}" class="slds-hint-parent">
    <th scope="row"><a href="${eventUrl(id)}">${String(row.Name)}</a></th>
    <td>${dateTime(row.AFLO__Timestamp__c)}</td>
    <td>${text(row.AFLO__ObjectType__c)}</td>
    <td>${text(row.AFLO__Direction__c)}</td>
    <td>${text(row.AFLO__Action__c)}</td>
    <td data-status="${text(row.AFLO__Status__c)}">${statusBadge(text(row.AFLO__Status__c))}</td>
    <td class="console-number">${text(row.AFLO__Attempts__c)}</td>
    <td>${recordLink(row)}</td>
  </tr>`;
}

/** A status as a coloured badge. */
export function statusBadge(status: string): SafeHtml {
  const theme =
    status === 'Failed'
      ? 'slds-theme_error'
      : status === 'Processed'
        ? 'slds-theme_success'
        : 'slds-badge_lightest';
  return html`<span class="slds-badge ${theme} console-status">${status}</span>`;
}

/** The link to the AFLO record an event changed, or its Amberflo id when it has no record yet. */
export function recordLink(row: QueryRecord): SafeHtml {
  const recordId = row.AFLO__RecordId__c;
  const mapping = MAPPINGS[row.AFLO__ObjectType__c as AfloObjectType] as
    (typeof MAPPINGS)[AfloObjectType] | undefined;
  if (typeof recordId === 'string' && recordId !== '' && mapping !== undefined) {
    return html`<a href="/lightning/r/${mapping.sObject}/${encodeURIComponent(recordId)}/view"
      >${recordId}</a
    >`;
  }
  return html`${text(row.AFLO__ExternalId__c)}`;
}

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
