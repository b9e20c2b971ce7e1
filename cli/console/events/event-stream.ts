/**
 * Live updates of the Async Events list, as server-sent events at
 * `GET /lightning/o/AFLO__AsyncEvent__c/stream?<the list's filters>`:
 *
 * - `counts`: `{All, Pending, Failed, Processed}`, when the stream opens and then at most every
 *   quarter second while events are written;
 * - `rows`: `{rows: [{id, html}]}`, the events a committed write changed that the list's filters
 *   show, rendered as the list renders them.
 *
 * Rows are read the moment their write commits (the org's `records:written` is told inside the
 * commit, under the org lock), so each state an event passes through is sent, in order: a page
 * watching sees an outbound event Pending before it sees it Processed, however fast the export.
 */
import { Router, type Response } from 'express';
import type { Org } from '../../../emulator/org.ts';
import type { Logger } from '../../../emulator/logger.ts';
import { runRead } from '../../../emulator/rest/data-dml.ts';
import { ASYNC_EVENT, parseFilters, type EventFilters } from './event-filters.ts';
import { matchingEvents, statusCounts } from './event-queries.ts';
import { eventRow } from './event-rows.ts';

export const STREAM_PATH = `/lightning/o/${ASYNC_EVENT}/stream`;

/** How long counts may lag behind the writes, in milliseconds: they are coalesced. */
const COUNTS_EVERY_MS = 250;
/** A comment line this often keeps idle connections open. */
const HEARTBEAT_MS = 25_000;

interface Client {
  res: Response;
  filters: EventFilters;
}

type Written = { type: string; ids: string[] };

/** The open streams of one org; `close()` ends them all (the server is stopping). */
export class EventStreams {
  private readonly clients = new Set<Client>();
  private countsTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly onWritten = (written: Written): void => this.written(written);

  constructor(
    private readonly org: Org,
    private readonly logger: Logger,
  ) {}

  routes(): Router {
    const router = Router();
    router.get(STREAM_PATH, (req, res) => {
      if (this.closed) {
        res.status(503).end();
        return;
      }
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 2000\n\n');
      const client = { res, filters: parseFilters(req.query) };
      this.add(client);
      req.on('close', () => this.remove(client));
      void this.sendCounts([client]);
    });
    return router;
  }

  /** Ends every stream and stops listening to the org. */
  close(): void {
    this.closed = true;
    for (const client of this.clients) client.res.end();
    this.clients.clear();
    this.stopListening();
  }

  private add(client: Client): void {
    if (this.clients.size === 0) {
      this.org.events.on('records:written', this.onWritten);
      this.heartbeat = setInterval(() => this.broadcast(': heartbeat\n\n'), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
    this.clients.add(client);
  }

  private remove(client: Client): void {
    this.clients.delete(client);
    if (this.clients.size === 0) this.stopListening();
  }

  private stopListening(): void {
    this.org.events.off('records:written', this.onWritten);
    clearInterval(this.heartbeat);
    clearTimeout(this.countsTimer);
    this.countsTimer = undefined;
  }

  /** Inside the commit of a write: sends the rows it changed now, and the counts soon. */
  private written({ type, ids }: Written): void {
    if (type !== ASYNC_EVENT) return;
    for (const client of this.clients) {
      try {
        const rows = matchingEvents(this.org, client.filters, ids);
        if (rows.length === 0) continue;
        const payload = {
          rows: rows.map((row) => ({ id: String(row.Id), html: eventRow(row).text })),
        };
        client.res.write(`event: rows\ndata: ${JSON.stringify(payload)}\n\n`);
      } catch (error) {
        this.logger.error({ err: error, component: 'console' }, 'live event rows failed');
      }
    }
    this.countsTimer ??= setTimeout(() => {
      this.countsTimer = undefined;
      void this.sendCounts([...this.clients]);
    }, COUNTS_EVERY_MS);
  }

  private async sendCounts(clients: readonly Client[]): Promise<void> {
    if (clients.length === 0 || this.org.isClosed) return;
    try {
      const counts = await runRead(this.org, () => statusCounts(this.org));
      const message = `event: counts\ndata: ${JSON.stringify(counts)}\n\n`;
      for (const client of clients) if (this.clients.has(client)) client.res.write(message);
    } catch (error) {
      this.logger.error({ err: error, component: 'console' }, 'live event counts failed');
    }
  }

  private broadcast(message: string): void {
    for (const client of this.clients) client.res.write(message);
  }
}
