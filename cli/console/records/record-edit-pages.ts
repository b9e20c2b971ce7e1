/**
 * Creating and editing AFLO records: `GET|POST /lightning/o/{sObject}/new` and
 * `GET|POST /lightning/r/{sObject}/{id}/edit`. A save is one DML statement in one transaction of
 * kind `api`, as a Lightning save is, so the package's triggers run and write the outbound async
 * event; it commits whole or not at all. A save that fails shows the form again, as posted, with
 * the platform's messages on the fields they name.
 */
import { Router, type Request, type Response } from 'express';
import { runRead, writeOne } from '../../../emulator/rest/data-dml.ts';
import type { SObjectType } from '../../../emulator/metadata/sobject-type.ts';
import type { ConsoleDeps } from '../console-deps.ts';
import { consoleSessionOf, setFlash } from '../console-session.ts';
import { html } from '../html.ts';
import { pageHeader, sendPage } from '../layout.ts';
import { recordPaths, RECORD_OBJECTS, type RecordObject } from './record-objects.ts';
import { requireRecord } from './record-queries.ts';
import {
  recordForm,
  recordOfState,
  stateOfPost,
  stateOfRecord,
  withErrors,
  type FormState,
} from './record-form.ts';

export function recordEditRoutes(deps: ConsoleDeps): Router {
  const router = Router();
  for (const object of RECORD_OBJECTS) {
    const type = (): SObjectType => deps.org.requireType(object.sObject);

    router.get(recordPaths.create(object.sObject), (_req, res) => {
      sendForm(res, type(), object, stateOfRecord(type(), object, undefined), undefined);
    });

    router.post(recordPaths.create(object.sObject), async (req, res) => {
      const state = stateOfPost(object, req);
      const record = recordOfState(type(), object, state);
      const outcome = await writeOne(
        deps.org,
        (tx) => deps.org.dml.insert(tx, [record])[0]?.id ?? '',
      );
      if (!outcome.ok) {
        sendForm(res, type(), object, withErrors(object, state, outcome.errors), undefined, 400);
        return;
      }
      setFlash(res, { kind: 'success', message: `${named(type(), state)} was created.` });
      res.redirect(303, recordPaths.view(object.sObject, outcome.value));
    });

    router.get(`/lightning/r/${object.sObject}/:id/edit`, async (req, res) => {
      const record = await runRead(deps.org, () =>
        requireRecord(deps.org, type(), object, String(req.params.id)),
      );
      sendForm(res, type(), object, stateOfRecord(type(), object, record), String(record.Id));
    });

    router.post(`/lightning/r/${object.sObject}/:id/edit`, async (req, res) => {
      const id = String(
        (
          await runRead(deps.org, () =>
            requireRecord(deps.org, type(), object, String(req.params.id)),
          )
        ).Id,
      );
      const state = stateOfPost(object, req);
      const record = { ...recordOfState(type(), object, state), Id: id };
      const outcome = await writeOne(deps.org, (tx) => deps.org.dml.update(tx, [record]));
      if (!outcome.ok) {
        sendForm(res, type(), object, withErrors(object, state, outcome.errors), id, 400);
        return;
      }
      setFlash(res, { kind: 'success', message: `${named(type(), state)} was saved.` });
      res.redirect(303, recordPaths.view(object.sObject, id));
    });
  }
  return router;
}

function sendForm(
  res: Response,
  type: SObjectType,
  object: RecordObject,
  state: FormState,
  id: string | undefined,
  status = 200,
): void {
  const title = id === undefined ? `New ${type.label}` : `Edit ${state.values.Name ?? type.label}`;
  const session = consoleSessionOf(res);
  sendPage(res, {
    title,
    status,
    active: object.nav,
    session,
    body: html`${pageHeader({ kicker: type.label, title })}
    ${recordForm({
      type,
      object,
      state,
      session,
      action:
        id === undefined
          ? recordPaths.create(object.sObject)
          : recordPaths.edit(object.sObject, id),
      cancel:
        id === undefined ? recordPaths.list(object.sObject) : recordPaths.view(object.sObject, id),
    })}`,
  });
}

/** `Amberflo Customer "Acme"`, or the type's label alone when the form has no Name. */
function named(type: SObjectType, state: FormState): string {
  const name = state.values.Name;
  return name !== undefined && name !== '' ? `${type.label} "${name}"` : type.label;
}
