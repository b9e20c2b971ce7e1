/**
 * The console's page shell, in the Lightning Design System's markup: the app's navigation bar
 * (one tab per page), the logged-in user with a Log Out button, the one-time message of the
 * last action, and the page's content in `<main>`. Every stylesheet, script and icon comes from
 * the emulator itself (static-assets.ts), so pages work offline; the Content-Security-Policy
 * header makes the browser refuse anything else.
 */
import type { Response } from 'express';
import { takeFlash, type ConsoleSession, type Flash } from './console-session.ts';
import { html, type SafeHtml } from './html.ts';
import { SLDS_ASSETS } from './static-assets.ts';

/** The console's tabs, in the order the navigation bar shows them. */
export const NAV = [
  { key: 'events', label: 'Async Events', href: '/lightning/o/AFLO__AsyncEvent__c/list' },
  { key: 'customers', label: 'Customers', href: '/lightning/o/AFLO__Customer__c/list' },
  { key: 'promotions', label: 'Promotions', href: '/lightning/o/AFLO__Promotion__c/list' },
  {
    key: 'customer-promotions',
    label: 'Customer Promotions',
    href: '/lightning/o/AFLO__CustomerPromotion__c/list',
  },
  { key: 'product-items', label: 'Product Items', href: '/lightning/o/AFLO__ProductItem__c/list' },
  { key: 'apex-jobs', label: 'Apex Jobs', href: '/lightning/setup/AsyncApexJobs/home' },
  { key: 'scheduled-jobs', label: 'Scheduled Jobs', href: '/lightning/setup/ScheduledJobs/home' },
  { key: 'settings', label: 'Amberflo Settings', href: '/lightning/n/AFLO__Settings' },
  { key: 'developer-console', label: 'Developer Console', href: '/developer-console' },
  { key: 'fake-amberflo', label: 'Fake Amberflo', href: '/fake-amberflo' },
] as const;

export type NavKey = (typeof NAV)[number]['key'];

export interface PageOptions {
  /** The document title, before ` | aflo-emu`. */
  title: string;
  /** The tab to mark as current; none for pages outside the tabs (login). */
  active?: NavKey;
  /** The logged-in user's session; leaves out the navigation when undefined. */
  session?: ConsoleSession;
  body: SafeHtml;
  /** HTTP status; default 200. */
  status?: number;
}

/** Answers with a whole page. */
export function sendPage(res: Response, options: PageOptions): void {
  const flash = options.session === undefined ? undefined : takeFlash(options.session);
  res
    .status(options.status ?? 200)
    .set(PAGE_HEADERS)
    .type('html')
    .send(
      html`<!doctype html>
        <html lang="en">
          <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <link rel="icon" href="data:," />
            <title>${options.title} | aflo-emu</title>
            <link
              rel="stylesheet"
              href="${SLDS_ASSETS}/styles/salesforce-lightning-design-system.min.css"
            />
            <link rel="stylesheet" href="/assets/console/console.css" />
            <script src="/assets/console/console.js" defer></script>
          </head>
          <body>
            <a class="slds-assistive-text slds-assistive-text_focus" href="#main"
              >Skip to main content</a
            >
            ${options.session !== undefined && navigation(options.session, options.active)}
            <main id="main" tabindex="-1" class="console-main">
              ${flash !== undefined && flashMessage(flash)} ${options.body}
            </main>
          </body>
        </html>`.text,
    );
}

/**
 * Nothing from another origin: no CDN, no inline script. Pages are never cached, since they show
 * live state and a session's forms.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

function navigation(session: ConsoleSession, active: NavKey | undefined): SafeHtml {
  const tabs = NAV.map(
    (tab) =>
      html`<li class="slds-context-bar__item${tab.key === active ? ' slds-is-active' : ''}">
        <a
          href="${tab.href}"
          class="slds-context-bar__label-action"
          aria-current="${tab.key === active ? 'page' : 'false'}"
          ><span class="slds-truncate">${tab.label}</span></a
        >
      </li>`,
  );
  return html`<header class="console-header">
    <div class="console-topbar">
      <span class="console-app-name">Amberflo</span>
      <span class="console-app-note">aflo-emu</span>
      <div class="console-user">
        <span class="slds-truncate slds-m-right_small">${session.session.username}</span>
        <form method="post" action="/logout">
          ${csrfField(session)}
          <button class="slds-button slds-button_neutral" type="submit">Log Out</button>
        </form>
      </div>
    </div>
    <div class="slds-context-bar console-context-bar">
      <nav class="slds-context-bar__secondary console-tabs" aria-label="Console pages">
        <ul class="slds-grid">
          ${tabs}
        </ul>
      </nav>
    </div>
  </header>`;
}

function flashMessage(flash: Flash): SafeHtml {
  const theme =
    flash.kind === 'success'
      ? 'slds-theme_success'
      : flash.kind === 'error'
        ? 'slds-theme_error'
        : 'slds-theme_info';
  return html`<div
    class="slds-notify slds-notify_alert ${theme} console-flash"
    role="${flash.kind === 'error' ? 'alert' : 'status'}"
  >
    <h2>${flash.message}</h2>
  </div>`;
}

/** The hidden field every POST form carries (console-session.ts checks it). */
export function csrfField(session: ConsoleSession): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${session.csrfToken}" />`;
}

/** An SLDS icon from the utility sprite, decorative unless given a label. */
export function utilityIcon(
  name: string,
  classes = 'slds-icon-text-default',
  label = '',
): SafeHtml {
  return html`<span
    class="slds-icon_container slds-icon-utility-${name}"
    ${label === '' ? '' : html`title="${label}"`}
    ><svg class="slds-icon slds-icon_x-small ${classes}" aria-hidden="true">
      <use href="${SLDS_ASSETS}/icons/utility-sprite/svg/symbols.svg#${name}"></use></svg
    >${label !== '' && html`<span class="slds-assistive-text">${label}</span>`}</span
  >`;
}

/** The page header of a list or record page: an object's label over a title, and actions. */
export function pageHeader(options: {
  kicker: string;
  title: string;
  meta?: SafeHtml | string;
  actions?: SafeHtml;
}): SafeHtml {
  return html`<div class="slds-page-header slds-m-bottom_medium">
    <div class="slds-page-header__row">
      <div class="slds-page-header__col-title">
        <div class="slds-page-header__name">
          <div class="slds-page-header__name-title">
            <span class="slds-page-header__name-meta">${options.kicker}</span>
            <h1 class="slds-page-header__title slds-truncate" title="${options.title}">
              ${options.title}
            </h1>
          </div>
        </div>
      </div>
      ${
        options.actions !== undefined &&
        html`<div class="slds-page-header__col-actions">
          <div class="slds-page-header__controls">${options.actions}</div>
        </div>`
      }
    </div>
    ${
      options.meta !== undefined &&
      html`<div class="slds-page-header__row">
        <div class="slds-page-header__col-meta">
          <p class="slds-page-header__meta-text">${options.meta}</p>
        </div>
      </div>`
    }
  </div>`;
}
