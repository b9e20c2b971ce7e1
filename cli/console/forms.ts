/**
 * Form parts in the Lightning Design System's markup: each input with its label, and its error
 * below it (`slds-has-error`, `aria-invalid`, `aria-describedby`), plus the "We hit a snag."
 * summary the platform shows above a form that did not save. Forms are `novalidate`: the
 * platform's own validation messages come back from the server, field by field.
 */
import express from 'express';
import { html, type SafeHtml } from './html.ts';

/** Parses a posted form (`application/x-www-form-urlencoded`) into `req.body`. */
export const formBody = express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 200 });

/** A form input's common parts. */
export interface InputOptions {
  /** The field name posted, also the element's id (prefixed). */
  name: string;
  label: string;
  value: string;
  /** Messages to show under the input. */
  errors?: readonly string[];
  required?: boolean;
  /** A hint under the input. */
  help?: string;
}

export interface TextInputOptions extends InputOptions {
  type?: 'text' | 'email' | 'password' | 'date' | 'datetime-local' | 'search';
  inputMode?: 'decimal' | 'numeric';
  autocomplete?: string;
  placeholder?: string;
}

export interface SelectOption {
  value: string;
  label: string;
}

/** The element id of a form field. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function textInput(options: TextInputOptions): SafeHtml {
  const id = fieldId(options.name);
  return element(
    options,
    html`<input
      class="slds-input"
      type="${options.type ?? 'text'}"
      id="${id}"
      name="${options.name}"
      value="${options.value}"
      ${options.inputMode !== undefined && html`inputmode="${options.inputMode}"`}
      ${options.autocomplete !== undefined && html`autocomplete="${options.autocomplete}"`}
      ${options.placeholder !== undefined && html`placeholder="${options.placeholder}"`}
      ${describedBy(options)}
    />`,
  );
}

export function textArea(options: InputOptions & { rows?: number; monospace?: boolean }): SafeHtml {
  const id = fieldId(options.name);
  return element(
    options,
    html`<textarea
      class="slds-textarea${options.monospace === true ? ' console-code' : ''}"
      id="${id}"
      name="${options.name}"
      rows="${options.rows ?? 3}"
      spellcheck="false"
      ${describedBy(options)}
    >
${options.value}</textarea>`,
  );
}

export function selectInput(
  options: InputOptions & { options: readonly SelectOption[]; noneLabel?: string },
): SafeHtml {
  const id = fieldId(options.name);
  const choices = options.options.map(
    (option) =>
      html`<option value="${option.value}" ${option.value === options.value && 'selected'}>
        ${option.label}
      </option>`,
  );
  return element(
    options,
    html`<div class="slds-select_container">
      <select class="slds-select" id="${id}" name="${options.name}" ${describedBy(options)}>
        ${options.noneLabel !== undefined && html`<option value="">${options.noneLabel}</option>`}
        ${choices}
      </select>
    </div>`,
  );
}

export function checkboxInput(
  options: Omit<InputOptions, 'value'> & { checked: boolean },
): SafeHtml {
  const id = fieldId(options.name);
  const errors = options.errors ?? [];
  return html`<div class="slds-form-element${errors.length > 0 ? ' slds-has-error' : ''}">
    <div class="slds-form-element__control">
      <div class="slds-checkbox">
        <input
          type="checkbox"
          name="${options.name}"
          id="${id}"
          value="true"
          ${options.checked && 'checked'}
          ${describedBy(options)}
        />
        <label class="slds-checkbox__label" for="${id}">
          <span class="slds-checkbox_faux"></span>
          <span class="slds-form-element__label">${options.label}</span>
        </label>
      </div>
    </div>
    ${helpAndErrors(options)}
  </div>`;
}

/**
 * The summary above a form that did not save: the errors that name no field on the form, and
 * the labels of the fields that have one.
 */
export function errorSummary(general: readonly string[], fieldLabels: readonly string[]): SafeHtml {
  if (general.length === 0 && fieldLabels.length === 0) return html``;
  return html`<div
    class="slds-notify slds-notify_alert slds-theme_error slds-m-bottom_medium console-error-summary"
    role="alert"
    tabindex="-1"
    id="error-summary"
  >
    <div>
      <h2 class="slds-text-heading_small">We hit a snag.</h2>
      ${general.map((message) => html`<p>${message}</p>`)}
      ${
        fieldLabels.length > 0 &&
        html`<p>Review the following fields</p>
          <ul class="slds-list_dotted">
            ${fieldLabels.map((label) => html`<li>${label}</li>`)}
          </ul>`
      }
    </div>
  </div>`;
}

function element(options: InputOptions, control: SafeHtml): SafeHtml {
  const errors = options.errors ?? [];
  return html`<div
    class="slds-form-element slds-m-bottom_small${errors.length > 0 ? ' slds-has-error' : ''}"
  >
    <label class="slds-form-element__label" for="${fieldId(options.name)}">
      ${options.required === true && html`<abbr class="slds-required" title="required">* </abbr>`}
      ${options.label}
    </label>
    <div class="slds-form-element__control">${control}</div>
    ${helpAndErrors(options)}
  </div>`;
}

function helpAndErrors(options: Pick<InputOptions, 'name' | 'errors' | 'help'>): SafeHtml {
  const id = fieldId(options.name);
  return html`${
    options.help !== undefined &&
    html`<div class="slds-form-element__help console-help" id="${id}-help">${options.help}</div>`
  }
  ${
    (options.errors ?? []).length > 0 &&
    html`<div class="slds-form-element__help" id="${id}-error">
      ${(options.errors ?? []).map((message) => html`<div>${message}</div>`)}
    </div>`
  }`;
}

function describedBy(options: Pick<InputOptions, 'name' | 'errors' | 'help'>): SafeHtml {
  const id = fieldId(options.name);
  const ids = [
    ...(options.help !== undefined ? [`${id}-help`] : []),
    ...((options.errors ?? []).length > 0 ? [`${id}-error`] : []),
  ];
  const invalid = (options.errors ?? []).length > 0;
  return html`${invalid && html`aria-invalid="true"`}
  ${ids.length > 0 && html`aria-describedby="${ids.join(' ')}"`}`;
}
