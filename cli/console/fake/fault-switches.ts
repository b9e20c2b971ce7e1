/**
 * The fake Amberflo's fault switches on the Fake Amberflo page: a form for one fault rule (the
 * fields of fixtures/amberflo/README.md#fault-rules) and the table of active rules, each with
 * Remove. The fake judges a rule; the console only passes on what was typed, numbers as numbers,
 * and puts the fake's message on the field it names.
 */
import type { ConsoleSession } from '../console-session.ts';
import { selectInput, textInput } from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from '../layout.ts';
import type { FakeFaultRule } from './fake-amberflo-client.ts';

export interface FaultFormState {
  /** What was typed, by rule field. */
  values: Record<string, string>;
  /** Messages by rule field. */
  errors: Map<string, string>;
  /** Messages that name no field of the form. */
  general: string[];
}

const NUMBERS = ['status', 'count', 'rate', 'latencyMs', 'retryAfterSeconds'];
const KINDS = ['status', 'timeout', 'reset', 'malformed-json', 'latency'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];

/** The rule to send for the form's values: empty fields left out, numbers as numbers. */
export function faultRuleOf(values: Record<string, string>): Record<string, string | number> {
  const rule: Record<string, string | number> = {};
  for (const [name, raw] of Object.entries(values)) {
    const value = raw.trim();
    if (value === '') continue;
    rule[name] = NUMBERS.includes(name) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return rule;
}

export function faultForm(state: FaultFormState, session: ConsoleSession): SafeHtml {
  const value = (name: string): string => state.values[name] ?? '';
  const errors = (name: string): string[] => {
    const message = state.errors.get(name);
    return message === undefined ? [] : [message];
  };
  return html`<form
    method="post"
    action="/fake-amberflo/faults"
    novalidate
    class="slds-card slds-p-around_medium slds-m-bottom_medium"
    aria-labelledby="fault-heading"
  >
    ${csrfField(session)}
    <h2 class="slds-text-heading_small slds-m-bottom_small" id="fault-heading">Add a fault rule</h2>
    ${
      state.general.length > 0 &&
      html`<div
        class="slds-notify slds-notify_alert slds-theme_error slds-m-bottom_small"
        role="alert"
      >
        <h2>${state.general.join('; ')}</h2>
      </div>`
    }
    <div class="console-fault-fields">
      ${selectInput({ name: 'method', label: 'Method', value: value('method'), noneLabel: 'Any method', options: METHODS.map((m) => ({ value: m, label: m })), errors: errors('method') })}
      ${textInput({ name: 'path', label: 'Path', value: value('path'), placeholder: '/customers or /payments/*', errors: errors('path'), help: 'Exact, or a prefix ending in *; empty: every path' })}
      ${selectInput({ name: 'kind', label: 'Kind', value: value('kind'), noneLabel: 'status (default)', options: KINDS.map((k) => ({ value: k, label: k })), errors: errors('kind') })}
      ${selectInput({
        name: 'phase',
        label: 'Phase',
        value: value('phase'),
        noneLabel: 'before (default)',
        options: [
          { value: 'before', label: 'before: instead of the answer' },
          { value: 'after', label: 'after: the write happens, the answer is lost' },
        ],
        errors: errors('phase'),
      })}
      ${textInput({ name: 'status', label: 'Status', value: value('status'), inputMode: 'numeric', placeholder: '500', errors: errors('status') })}
      ${textInput({ name: 'count', label: 'Count', value: value('count'), inputMode: 'numeric', help: 'Fire this many times, then expire; empty: until removed', errors: errors('count') })}
      ${textInput({ name: 'rate', label: 'Rate', value: value('rate'), inputMode: 'decimal', placeholder: '1', help: 'Share of matching requests, 0 to 1', errors: errors('rate') })}
      ${textInput({ name: 'latencyMs', label: 'Latency (ms)', value: value('latencyMs'), inputMode: 'numeric', errors: errors('latencyMs') })}
      ${textInput({ name: 'retryAfterSeconds', label: 'Retry-After (s)', value: value('retryAfterSeconds'), inputMode: 'numeric', errors: errors('retryAfterSeconds') })}
    </div>
    <button class="slds-button slds-button_brand slds-m-top_small" type="submit">
      Add fault rule
    </button>
  </form>`;
}

export function faultsTable(rules: readonly FakeFaultRule[], session: ConsoleSession): SafeHtml {
  return html`<section class="slds-card slds-p-around_medium" aria-labelledby="faults-heading">
    <div class="slds-grid slds-grid_align-spread slds-m-bottom_small">
      <h2 class="slds-text-heading_small" id="faults-heading">Active fault rules</h2>
      ${
        rules.length > 0 &&
        html`<form method="post" action="/fake-amberflo/faults/clear">
          ${csrfField(session)}
          <button class="slds-button slds-button_neutral" type="submit">Remove all</button>
        </form>`
      }
    </div>
    ${
      rules.length === 0
        ? html`<p class="console-empty" data-faults="none">
            None: the fake answers every request normally.
          </p>`
        : html`<div class="console-table-scroll">
            <table
              class="slds-table slds-table_cell-buffer slds-table_bordered"
              aria-labelledby="faults-heading"
            >
              <thead>
                <tr>
                  ${[
                    'Rule',
                    'Method',
                    'Path',
                    'Kind',
                    'Phase',
                    'Status',
                    'Count left',
                    'Rate',
                    'Latency (ms)',
                    '',
                  ].map(
                    (label) =>
                      html`<th scope="col">
                        ${label === '' ? html`<span class="slds-assistive-text">Actions</span>` : label}
                      </th>`,
                  )}
                </tr>
              </thead>
              <tbody>
                ${rules.map(
                  (rule) =>
                    html`<tr data-rule="${rule.id}">
                      <th scope="row">${rule.id}</th>
                      <td>${rule.method ?? 'any'}</td>
                      <td>${rule.path ?? 'any'}</td>
                      <td>${rule.kind}</td>
                      <td>${rule.phase}</td>
                      <td>${rule.kind === 'status' ? String(rule.status ?? 500) : ''}</td>
                      <td>${rule.count === undefined ? 'until removed' : String(rule.count)}</td>
                      <td>${rule.rate === undefined ? '1' : String(rule.rate)}</td>
                      <td>${rule.latencyMs === undefined ? '' : String(rule.latencyMs)}</td>
                      <td>
                        <form method="post" action="/fake-amberflo/faults/${rule.id}/delete">
                          ${csrfField(session)}
                          <button
                            class="slds-button slds-button_neutral slds-button_small"
                            type="submit"
                            aria-label="Remove fault rule ${rule.id}"
                          >
                            Remove
                          </button>
                        </form>
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
  </section>`;
}
