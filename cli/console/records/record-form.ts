/**
 * The new/edit form of an AFLO record: one input per form field, chosen by the field's type, and
 * the posted values turned into the record DML gets. Values go to DML as typed (text, or `true`
 * and `false` for a checkbox), so the platform's own validation judges them and its messages
 * come back on the fields they name; an error naming no field on the form goes in the summary.
 */
import type { Request } from 'express';
import type { QueryRecord, SObjectRecord } from '../../../emulator/apex-api.ts';
import type { FieldDefinition } from '../../../emulator/metadata/schema.ts';
import type { SObjectType } from '../../../emulator/metadata/sobject-type.ts';
import type { WireError } from '../../../emulator/rest/rest-errors.ts';
import { formField } from '../console-session.ts';
import {
  checkboxInput,
  errorSummary,
  selectInput,
  textArea,
  textInput,
  type InputOptions,
} from '../forms.ts';
import { html, type SafeHtml } from '../html.ts';
import { csrfField } from '../layout.ts';
import type { ConsoleSession } from '../console-session.ts';
import { fieldOf, labelOf, type RecordObject } from './record-objects.ts';

/** What the form shows: each field's text (or checked state) and the errors to show. */
export interface FormState {
  values: Record<string, string>;
  fieldErrors: Map<string, string[]>;
  generalErrors: string[];
}

/** The form state of a stored record, or of a new one (its fields' defaults). */
export function stateOfRecord(
  type: SObjectType,
  object: RecordObject,
  record: QueryRecord | undefined,
): FormState {
  const values: Record<string, string> = {};
  for (const name of object.formFields) {
    const field = fieldOf(type, name);
    const value = record === undefined ? field.defaultValue : record[field.name];
    values[name] = textOf(field, value);
  }
  return { values, fieldErrors: new Map(), generalErrors: [] };
}

/** The form state of a posted form (shown again with its errors when the save fails). */
export function stateOfPost(object: RecordObject, req: Request): FormState {
  const values: Record<string, string> = {};
  for (const name of object.formFields) values[name] = formField(req, name);
  return { values, fieldErrors: new Map(), generalErrors: [] };
}

/** The record DML gets for a posted form: every form field, an empty one as null. */
export function recordOfState(
  type: SObjectType,
  object: RecordObject,
  state: FormState,
): SObjectRecord {
  const record: SObjectRecord = { attributes: { type: type.name } };
  for (const name of object.formFields) {
    const field = fieldOf(type, name);
    const text = state.values[name] ?? '';
    if (field.type === 'checkbox') record[name] = text === 'true';
    else if (field.type === 'number' || field.type === 'lookup')
      record[name] = text.trim() === '' ? null : text.trim();
    else record[name] = text === '' ? null : text;
  }
  return record;
}

/** Puts the save's errors on the fields they name, the rest in the summary. */
export function withErrors(
  object: RecordObject,
  state: FormState,
  errors: readonly WireError[],
): FormState {
  const fieldErrors = new Map<string, string[]>();
  const generalErrors: string[] = [];
  for (const error of errors) {
    const fields = (error.fields ?? []).map((name) =>
      object.formFields.find((f) => f.toLowerCase() === name.toLowerCase()),
    );
    const onForm = fields.filter((name): name is string => name !== undefined);
    if (onForm.length === 0) generalErrors.push(error.message);
    for (const name of onForm)
      fieldErrors.set(name, [...(fieldErrors.get(name) ?? []), error.message]);
  }
  return { ...state, fieldErrors, generalErrors };
}

/** The form, posting to `action`. */
export function recordForm(options: {
  type: SObjectType;
  object: RecordObject;
  state: FormState;
  action: string;
  cancel: string;
  session: ConsoleSession;
}): SafeHtml {
  const { type, object, state } = options;
  const labels = [...state.fieldErrors.keys()].map((name) => labelOf(fieldOf(type, name)));
  return html`${errorSummary(state.generalErrors, labels)}
    <form
      method="post"
      action="${options.action}"
      novalidate
      class="slds-card slds-p-around_medium console-record-form"
    >
      ${csrfField(options.session)}
      ${object.formFields.map((name) => input(fieldOf(type, name), object, state))}
      <div class="slds-m-top_medium">
        <a class="slds-button slds-button_neutral" href="${options.cancel}">Cancel</a>
        <button class="slds-button slds-button_brand" type="submit">Save</button>
      </div>
    </form>`;
}

function input(field: FieldDefinition, object: RecordObject, state: FormState): SafeHtml {
  const common: InputOptions = {
    name: field.name,
    label: labelOf(field),
    value: state.values[field.name] ?? '',
    errors: state.fieldErrors.get(field.name) ?? [],
    required: field.required,
    ...(object.help?.[field.name] === undefined ? {} : { help: object.help[field.name] }),
  };
  switch (field.type) {
    case 'checkbox':
      return checkboxInput({ ...common, checked: common.value === 'true' });
    case 'picklist':
      return selectInput({
        ...common,
        noneLabel: '--None--',
        options: picklistOptions(field, common.value),
      });
    case 'longtext':
      return textArea({ ...common, rows: 4 });
    case 'number':
      return textInput({ ...common, inputMode: 'decimal' });
    case 'datetime':
      return textInput({ ...common, type: 'datetime-local', label: `${common.label} (UTC)` });
    case 'email':
      return textInput({ ...common, type: 'email', autocomplete: 'off' });
    default:
      return textInput(common);
  }
}

/** The picklist's values, and the current one when it is not among them (unrestricted). */
function picklistOptions(field: FieldDefinition, current: string) {
  const values = field.values ?? [];
  const all = current === '' || values.includes(current) ? values : [...values, current];
  return all.map((value) => ({ value, label: value }));
}

/** A stored value as its input's text. */
function textOf(field: FieldDefinition, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 19);
  if (field.type === 'checkbox') return value === true || value === 'true' ? 'true' : '';
  return String(value);
}
