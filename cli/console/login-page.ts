/**
 * Logging in to the console: `GET /login` shows the form, `POST /login` checks the org user's
 * password (the same users and passwords as the API's logins) and opens a session, then goes on
 * to `startURL`, the page that sent the user here. `POST /logout` ends the session.
 */
import { Router } from 'express';
import { verifyPassword } from '../../emulator/users/users.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { requireCsrfToken, requireLogin } from './console-guards.ts';
import { consoleSessionOf, formField, type ConsoleSessions } from './console-session.ts';
import { formBody } from './forms.ts';
import { html } from './html.ts';
import { sendPage } from './layout.ts';

export const HOME = '/lightning/o/AFLO__AsyncEvent__c/list';

/** The platform's words for a failed login. */
export const LOGIN_FAILED =
  "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

export function loginRoutes(deps: ConsoleDeps, sessions: ConsoleSessions): Router {
  const router = Router();
  const log = deps.logger.child({ component: 'console' });

  router.get('/', (req, res) => {
    res.redirect(303, sessions.find(req) === undefined ? '/login' : HOME);
  });

  router.get('/login', (req, res) => {
    if (sessions.find(req) !== undefined) {
      res.redirect(303, startUrlOf(String(req.query.startURL ?? '')));
      return;
    }
    sendPage(res, { title: 'Login', body: loginForm('', String(req.query.startURL ?? ''), '') });
  });

  router.post('/login', formBody, async (req, res) => {
    const username = formField(req, 'username').trim();
    const startURL = formField(req, 'startURL');
    const user = await verifyPassword(deps.org, username, formField(req, 'password'));
    if (user === undefined) {
      log.info({ username }, 'console login refused');
      sendPage(res, {
        title: 'Login',
        status: 401,
        body: loginForm(username, startURL, LOGIN_FAILED),
      });
      return;
    }
    sessions.open(res, user);
    log.info({ username: user.username }, 'console login');
    res.redirect(303, startUrlOf(startURL));
  });

  router.post('/logout', requireLogin(sessions), formBody, requireCsrfToken, (_req, res) => {
    sessions.close(res, consoleSessionOf(res));
    res.redirect(303, '/login');
  });
  return router;
}

/** Where to go after logging in: a path of this server only, never another site. */
function startUrlOf(startURL: string): string {
  return /^\/(?![/\\])/.test(startURL) && !startURL.startsWith('/login') ? startURL : HOME;
}

function loginForm(username: string, startURL: string, error: string) {
  return html`<div class="console-login">
    <div class="slds-card slds-p-around_large">
      <h1 class="slds-text-heading_medium slds-m-bottom_medium">Log in to aflo-emu</h1>
      ${
        error !== '' &&
        html`<div
          class="slds-notify slds-notify_alert slds-theme_error slds-m-bottom_medium"
          role="alert"
          id="login-error"
        >
          <h2>${error}</h2>
        </div>`
      }
      <form method="post" action="/login" novalidate>
        <input type="hidden" name="startURL" value="${startURL}" />
        <div class="slds-form-element slds-m-bottom_small">
          <label class="slds-form-element__label" for="username">Username</label>
          <div class="slds-form-element__control">
            <input
              class="slds-input"
              type="text"
              id="username"
              name="username"
              autocomplete="username"
              value="${username}"
              ${error !== '' ? html`aria-describedby="login-error"` : ''}
            />
          </div>
        </div>
        <div class="slds-form-element slds-m-bottom_medium">
          <label class="slds-form-element__label" for="password">Password</label>
          <div class="slds-form-element__control">
            <input
              class="slds-input"
              type="password"
              id="password"
              name="password"
              autocomplete="current-password"
            />
          </div>
        </div>
        <button class="slds-button slds-button_brand slds-button_stretch" type="submit">
          Log In
        </button>
      </form>
      <p class="slds-text-body_small slds-m-top_medium">
        The org's users log in here, as to its API: the one <code>aflo-emu serve</code> prints, or
        one made with <code>aflo-emu user add</code>.
      </p>
    </div>
  </div>`;
}
