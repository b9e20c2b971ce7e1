/**
 * What a console page shows when it cannot show what was asked: a page with the reason and a
 * way back, never a stack trace. A record that does not exist is a 404 page; a Salesforce error
 * (a bad query, a refused write that is no one field's fault) shows its code and message; anything
 * else is a 500 page that says the server log has the details.
 */
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { ApexException, SalesforceError } from '../../emulator/errors.ts';
import type { ConsoleSessions } from './console-session.ts';
import { html, type SafeHtml } from './html.ts';
import { sendPage } from './layout.ts';

/** A way back from an error page. */
export interface BackLink {
  href: string;
  label: string;
}

/** Thrown by a page whose subject does not exist: a 404 page with the message. */
export class NotFoundPage extends Error {
  override readonly name = 'NotFoundPage';
  constructor(
    message: string,
    readonly back?: BackLink,
  ) {
    super(message);
  }
}

export function consoleErrorHandler(
  logger: Logger,
  sessions: ConsoleSessions,
): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, heading, message, back } = describe(error);
    if (status >= 500)
      logger.error({ err: error, component: 'console', path: req.path }, 'console page failed');
    sendErrorPage(req, res, sessions, status, heading, message, back);
  };
}

/** The 404 page of a console path nothing answers. */
export function notFoundPage(sessions: ConsoleSessions) {
  return (req: Request, res: Response): void => {
    sendErrorPage(req, res, sessions, 404, 'Page not found', `Nothing here at ${req.originalUrl}.`);
  };
}

function describe(error: unknown): {
  status: number;
  heading: string;
  message: string;
  back?: BackLink;
} {
  if (error instanceof NotFoundPage) {
    return { status: 404, heading: 'Not found', message: error.message, back: error.back };
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    // The static files' 404, a body too large or malformed.
    const message = status === 404 ? 'No such file.' : 'The request could not be read.';
    return { status, heading: status === 404 ? 'Not found' : 'Bad request', message };
  }
  if (error instanceof SalesforceError) {
    return { status: error.httpStatus, heading: error.errorCode, message: error.message };
  }
  if (error instanceof ApexException) {
    return { status: 500, heading: error.type, message: error.describe() };
  }
  return {
    status: 500,
    heading: 'Something went wrong',
    message: 'An unexpected error occurred in aflo-emu; the server log has the details.',
  };
}

function sendErrorPage(
  req: Request,
  res: Response,
  sessions: ConsoleSessions,
  status: number,
  heading: string,
  message: string,
  back: BackLink = { href: '/', label: 'Go to the console' },
): void {
  sendPage(res, {
    title: heading,
    status,
    session: sessions.find(req),
    body: errorBody(heading, message, back),
  });
}

/** An error page's content: what went wrong and a way on. */
export function errorBody(heading: string, message: string, back: BackLink): SafeHtml {
  return html`<div class="slds-card slds-p-around_large console-error-page">
    <h1 class="slds-text-heading_medium slds-m-bottom_small">${heading}</h1>
    <p class="slds-m-bottom_medium" data-error-message>${message}</p>
    <a class="slds-button slds-button_neutral" href="${back.href}">${back.label}</a>
  </div>`;
}
