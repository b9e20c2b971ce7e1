/**
 * The Fake Amberflo page, `GET /fake-amberflo?tab=…`: the built-in fake's objects (what the
 * org's exports wrote there), the requests it received, the webhook deliveries it made, and its
 * fault switches: `POST /fake-amberflo/faults` adds a rule, `POST …/faults/{id}/delete` and
 * `POST …/faults/clear` remove them. Every page says plainly that this is the fake, not
 * Amberflo. It talks to the fake over HTTP only (fake-amberflo-client.ts).
 */
import { Router, type Response } from 'express';
import type { ConsoleDeps } from '../console-deps.ts';
import { consoleSessionOf, formField, setFlash, type ConsoleSession } from '../console-session.ts';
import { html, type SafeHtml } from '../html.ts';
import { pageHeader, sendPage } from '../layout.ts';
import { FakeAmberfloClient, FakeRefused, FakeUnreachable } from './fake-amberflo-client.ts';
import { deliveriesTable, objectsTable, requestsTable } from './fake-tables.ts';
import { faultForm, faultRuleOf, faultsTable, type FaultFormState } from './fault-switches.ts';

export const FAKE_PATH = '/fake-amberflo';

const RECORD_TABS = [
  {
    key: 'customers',
    label: 'Customers',
    family: 'customers',
    columns: [
      'customerId',
      'customerName',
      'customerEmail',
      'lifecycleStage',
      'enabled',
      'updateTime',
    ],
  },
  {
    key: 'promotions',
    label: 'Promotions',
    family: 'promotions',
    columns: ['id', 'promotionName', 'type', 'discount', 'lockingStatus', 'lastUpdateTimeInMillis'],
  },
  {
    key: 'customer-promotions',
    label: 'Customer Promotions',
    family: 'customerPromotions',
    columns: ['id', 'customerId', 'promotionId', 'productId', 'priority', 'appliedTimeInSeconds'],
  },
  {
    key: 'product-items',
    label: 'Product Items',
    family: 'productItems',
    columns: ['id', 'productItemName', 'meterApiName', 'productId', 'lockingStatus'],
  },
] as const;

const TABS = [
  ...RECORD_TABS.map(({ key, label }) => ({ key, label })),
  { key: 'requests', label: 'Requests' },
  { key: 'webhooks', label: 'Webhook Deliveries' },
  { key: 'faults', label: 'Faults' },
] as const;

type TabKey = (typeof TABS)[number]['key'];

export function fakeAmberfloRoutes(deps: ConsoleDeps): Router {
  const router = Router();
  const client = new FakeAmberfloClient(deps.amberflo.url);

  router.get(FAKE_PATH, async (req, res) => {
    const tab = TABS.find((candidate) => candidate.key === req.query.tab)?.key ?? 'customers';
    if (!deps.amberflo.builtInFake) {
      sendFakePage(res, tab, noFake(deps.amberflo.url));
      return;
    }
    sendFakePage(
      res,
      tab,
      await tabBody(
        client,
        tab,
        { values: {}, errors: new Map(), general: [] },
        consoleSessionOf(res),
      ),
    );
  });

  router.post(`${FAKE_PATH}/faults`, async (req, res) => {
    const values = Object.fromEntries(
      [
        'method',
        'path',
        'kind',
        'phase',
        'status',
        'count',
        'rate',
        'latencyMs',
        'retryAfterSeconds',
      ].map((name) => [name, formField(req, name)]),
    );
    try {
      const rule = await client.addFault(faultRuleOf(values));
      setFlash(res, {
        kind: 'success',
        message: `Fault rule ${rule.id} added: the fake now answers as it says.`,
      });
      res.redirect(303, `${FAKE_PATH}?tab=faults`);
    } catch (error) {
      if (!(error instanceof FakeRefused)) throw error;
      const state = refusedState(values, error.message);
      sendFakePage(
        res,
        'faults',
        await tabBody(client, 'faults', state, consoleSessionOf(res)),
        400,
      );
    }
  });

  router.post(`${FAKE_PATH}/faults/clear`, async (_req, res) => {
    await client.clearFaults();
    setFlash(res, {
      kind: 'success',
      message: 'Every fault rule was removed: the fake answers normally.',
    });
    res.redirect(303, `${FAKE_PATH}?tab=faults`);
  });

  router.post(`${FAKE_PATH}/faults/:id/delete`, async (req, res) => {
    const id = String(req.params.id);
    try {
      await client.removeFault(id);
      setFlash(res, { kind: 'success', message: `Fault rule ${id} was removed.` });
    } catch (error) {
      if (!(error instanceof FakeRefused)) throw error;
      setFlash(res, { kind: 'error', message: error.message });
    }
    res.redirect(303, `${FAKE_PATH}?tab=faults`);
  });
  return router;
}

async function tabBody(
  client: FakeAmberfloClient,
  tab: TabKey,
  faults: FaultFormState,
  session: ConsoleSession,
): Promise<SafeHtml> {
  try {
    if (tab === 'faults') {
      return html`${faultForm(faults, session)} ${faultsTable(await client.faults(), session)}`;
    }
    if (tab === 'webhooks') return deliveriesTable(await client.deliveries());
    const state = await client.state();
    if (tab === 'requests') return requestsTable(state.requests);
    const records = RECORD_TABS.find((candidate) => candidate.key === tab) ?? RECORD_TABS[0];
    return objectsTable(records.label, records.columns, state[records.family]);
  } catch (error) {
    if (!(error instanceof FakeUnreachable)) throw error;
    return html`<div class="slds-notify slds-notify_alert slds-theme_error" role="alert">
      <h2>${error.message}</h2>
    </div>`;
  }
}

function sendFakePage(res: Response, tab: TabKey, body: SafeHtml, status = 200): void {
  sendPage(res, {
    title: 'Fake Amberflo',
    active: 'fake-amberflo',
    session: consoleSessionOf(res),
    status,
    body: html`${pageHeader({ kicker: 'aflo-emu', title: 'Fake Amberflo' })}
      <div
        class="slds-scoped-notification slds-theme_warning slds-m-bottom_medium console-fake-banner"
        role="note"
      >
        <p>
          <strong>This is the fake Amberflo built into aflo-emu, not Amberflo.</strong> The org's
          exports land here, its webhooks come from here, and its fault switches make it fail on
          purpose.
        </p>
      </div>
      <nav class="slds-m-bottom_small" aria-label="Fake Amberflo">
        <ul class="console-views">
          ${TABS.map(
            (candidate) =>
              html`<li class="console-view${candidate.key === tab ? ' console-view_current' : ''}">
                <a
                  href="${FAKE_PATH}?tab=${candidate.key}"
                  ${candidate.key === tab && html`aria-current="page"`}
                  >${candidate.label}</a
                >
              </li>`,
          )}
        </ul>
      </nav>
      ${body}`,
  });
}

function noFake(url: string): SafeHtml {
  return html`<p>
    This server calls the Amberflo at <code>${url === '' ? '(none)' : url}</code>, given with
    <code>--amberflo</code>: there is no built-in fake to show. Start
    <code>aflo-emu serve</code> without <code>--amberflo</code> to use it.
  </p>`;
}

/** The fault form again, with the fake's message on the field it names. */
function refusedState(values: Record<string, string>, message: string): FaultFormState {
  const errors = new Map<string, string>();
  const general: string[] = [];
  const issues = message.replace(/^Invalid fault rule: /, '').split('; ');
  for (const issue of issues) {
    const field = /^([A-Za-z]+)\b/.exec(issue)?.[1];
    if (field !== undefined && field in values)
      errors.set(field, `${errors.has(field) ? `${errors.get(field)}; ` : ''}${issue}`);
    else general.push(issue);
  }
  return { values, errors, general };
}
