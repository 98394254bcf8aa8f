import type { IncomingMessage } from 'node:http';
import { BerthError } from '../errors.js';
import { type ErrorContext, classifyConnectionError } from './classify-error.js';
import { type HttpTarget, readCapped, sendRequest } from './daemon-http.js';
import { ERROR_BODY_CAP_BYTES, responseTooLarge, successBodyCap } from './response-caps.js';

export type Query = Record<string, string | number | boolean | Record<string, unknown>>;

const OK_GET: ReadonlySet<number> = new Set([200, 304]);
const OK_POST: ReadonlySet<number> = new Set([200, 201, 204, 304]);
const OK_STREAM: ReadonlySet<number> = new Set([200]);
const OK_DELETE: ReadonlySet<number> = new Set([200, 204]);
/** A daemon's error message longer than this is cut for display; it is never needed whole. */
const MAX_SHOWN_ERROR_CHARS = 2_000;

/**
 * The Engine API calls Berth makes, over Berth's own small HTTP reader on the connection's
 * agent. Every call has a deadline, so a daemon that accepts and never answers ends in TIMEOUT
 * instead of a hang; every body is read with a byte cap (response-caps.ts); every failure
 * arrives as a classified BerthError. dockerode is kept for hijacked streams only.
 */
export class DockerApi {
  constructor(
    private readonly target: HttpTarget,
    private readonly context: ErrorContext,
    private readonly timeoutMs: number,
  ) {}

  get(path: string, query?: Query): Promise<unknown> {
    return this.read('GET', path, query, OK_GET);
  }

  /**
   * POST without a body, e.g. /containers/{id}/start. `timeoutMs` replaces the connection's
   * deadline for work the daemon does before it answers (a prune).
   */
  post(path: string, query?: Query, options: { timeoutMs?: number } = {}): Promise<unknown> {
    return this.read('POST', path, query, OK_POST, options.timeoutMs);
  }

  /** DELETE, e.g. /images/{name} (answers what was untagged and deleted) or /volumes/{name}. */
  delete(path: string, query?: Query): Promise<unknown> {
    return this.read('DELETE', path, query, OK_DELETE);
  }

  /**
   * Opens a streaming response (e.g. /events). Only the time to the response headers is
   * bounded; the stream itself may stay quiet for as long as it likes. Aborting `signal` ends it.
   */
  stream(path: string, query: Query | undefined, signal: AbortSignal): Promise<IncomingMessage> {
    return this.withDeadline('GET', path, signal, undefined, async ({ signal: requestSignal }) => {
      const response = await this.send('GET', path, query, OK_STREAM, requestSignal);
      // The consumer listens for errors; this keeps one that comes before it does from being unhandled.
      response.on('error', () => undefined);
      return response;
    });
  }

  private read(method: string, path: string, query: Query | undefined, ok: ReadonlySet<number>, timeoutMs?: number): Promise<unknown> {
    return this.withDeadline(method, path, undefined, timeoutMs, async ({ signal, progress }) => {
      const response = await this.send(method, path, query, ok, signal);
      const cap = successBodyCap(path);
      // A long list over a slow link may take longer than the deadline: it only has to keep coming.
      const result = await readCapped(response, cap, progress);
      if (result.kind === 'too-large') throw this.tooLarge(method, path, response, cap, result.announcedBytes);
      return parseBody(result.body);
    });
  }

  /** Sends the request; an answer with a status outside `ok` becomes the daemon's error. */
  private async send(
    method: string,
    path: string,
    query: Query | undefined,
    ok: ReadonlySet<number>,
    signal: AbortSignal,
  ): Promise<IncomingMessage> {
    const response = await sendRequest(this.target, method, withQuery(path, query), signal);
    const statusCode = response.statusCode ?? 0;
    if (ok.has(statusCode)) return response;
    const result = await readCapped(response, ERROR_BODY_CAP_BYTES);
    if (result.kind === 'too-large') throw this.tooLarge(method, path, response, ERROR_BODY_CAP_BYTES, result.announcedBytes);
    // Shaped like docker-modem's errors, so classify-error treats both alike.
    throw Object.assign(new Error(daemonMessage(result.body)), { statusCode });
  }

  private tooLarge(method: string, path: string, response: IncomingMessage, cap: number, announcedBytes: number | undefined) {
    return responseTooLarge({
      endpoint: this.context.endpoint,
      method,
      path,
      statusCode: response.statusCode ?? 0,
      cap,
      ...(announcedBytes === undefined ? {} : { announcedBytes }),
    });
  }

  /**
   * Runs one request under the deadline: the answer has to start within `timeoutMs`, and a body
   * being read may never pause that long (`progress` restarts the clock on every chunk).
   */
  private async withDeadline<T>(
    method: string,
    path: string,
    outerSignal: AbortSignal | undefined,
    deadlineMs: number | undefined,
    work: (deadline: { signal: AbortSignal; progress: () => void }) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    const onOuterAbort = (): void => controller.abort(outerSignal?.reason);
    if (outerSignal?.aborted) onOuterAbort();
    outerSignal?.addEventListener('abort', onOuterAbort, { once: true });
    let timedOut = false;
    let receiving = false;
    const limitMs = deadlineMs ?? this.timeoutMs;
    const expire = (): void => {
      timedOut = true;
      controller.abort();
    };
    let timer = setTimeout(expire, limitMs);
    const progress = (): void => {
      receiving = true;
      clearTimeout(timer);
      timer = setTimeout(expire, limitMs);
    };
    try {
      return await work({ signal: controller.signal, progress });
    } catch (error) {
      if (timedOut) {
        const seconds = formatSeconds(limitMs);
        throw new BerthError(
          'TIMEOUT',
          receiving
            ? `${this.context.endpoint} stopped sending its answer to ${method} ${path} for ${seconds}. The daemon may be overloaded or the link stalled; Berth will reconnect.`
            : `${this.context.endpoint} did not answer ${method} ${path} within ${seconds}. The port accepts connections but nothing Docker-like answers: check the address, a firewall or proxy, and whether the daemon is overloaded.`,
        );
      }
      if (outerSignal?.aborted) throw new BerthError('INTERNAL', 'The request was cancelled.');
      throw classifyConnectionError(error, this.context);
    } finally {
      clearTimeout(timer);
      // The outer listener stays: an open stream is ended by its caller's abort (once).
    }
  }
}

/** docker-modem's query rules: objects (filters) as JSON, everything else as text. */
function withQuery(path: string, query: Query | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    params.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** JSON when it parses; otherwise the text (e.g. "OK" from /_ping); null when empty. */
function parseBody(body: Buffer): unknown {
  if (body.length === 0) return null;
  const text = body.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** dockerd answers errors as {"message": "…"}; other servers send text. */
function daemonMessage(body: Buffer): string {
  const text = body.toString('utf8');
  let message = text;
  try {
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed === 'object' && parsed !== null) {
      const record = parsed as Record<string, unknown>;
      if (typeof record.message === 'string') message = record.message;
      else if (typeof record.error === 'string') message = record.error;
    }
  } catch {
    // not JSON: the text itself
  }
  message = message.trim();
  return message.length > MAX_SHOWN_ERROR_CHARS ? `${message.slice(0, MAX_SHOWN_ERROR_CHARS)}…` : message;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
