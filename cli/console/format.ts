/**
 * How values read on the console's pages: datetimes as `2026-03-01 06:00:12` in UTC (the default
 * user's time zone, GMT) inside a `<time>` element, checkboxes as a check mark or nothing,
 * numbers as they are, and empty values as nothing.
 */
import type { FieldDefinition } from '../../emulator/metadata/schema.ts';
import { html, type SafeHtml } from './html.ts';

/** `2026-03-01 06:00:12`, UTC. */
export function dateTimeText(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** A datetime as a `<time>` element, its full ISO value in `datetime`. */
export function dateTime(value: unknown): SafeHtml {
  if (!(value instanceof Date)) return html``;
  return html`<time datetime="${value.toISOString()}">${dateTimeText(value)}</time>`;
}

/** A field's value as a record page or list shows it. */
export function fieldValue(field: FieldDefinition, value: unknown): SafeHtml {
  if (value === null || value === undefined || value === '') return html``;
  if (field.type === 'datetime') return dateTime(value);
  if (field.type === 'checkbox') {
    return value === true
      ? html`<span class="console-check" aria-label="True" role="img">✓</span>`
      : html`<span class="slds-assistive-text">False</span>`;
  }
  return html`${String(value)}`;
}

/** `1 item`, `50+ items`: a count and its noun, `+` when there are more than shown. */
export function countOf(count: number, noun: string, more = false): string {
  return `${count.toLocaleString('en-US')}${more ? '+' : ''} ${count === 1 && !more ? noun : `${noun}s`}`;
}
