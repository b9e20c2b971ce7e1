/**
 * HTML for the console's pages: a tagged template that escapes every interpolated value unless
 * it is already `SafeHtml` (the result of another `html` template), so markup is built by
 * composing templates and text can never become markup. Arrays are joined; null, undefined and
 * false render nothing, so `${cond && html`…`}` works.
 *
 * ```ts
 * const row = html`<td title="${name}">${name}</td>`; // name is escaped in both places
 * const page = html`<table>${rows.map((r) => html`<tr>${r}</tr>`)}</table>`;
 * ```
 */

/** Markup that is safe to send as is. */
export class SafeHtml {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

/** What a template may interpolate. */
export type Interpolation =
  SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text escaped for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

/** Builds markup from a template, escaping every interpolated value that is not SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.text;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}
