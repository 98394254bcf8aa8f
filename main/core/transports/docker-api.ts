import type { IncomingMessage } from 'node:http';
import type Dockerode from 'dockerode';
import { BerthError } from '../errors.js';
import { type ErrorContext, classifyConnectionError } from './classify-error.js';

type Query = Record<string, string | number | boolean | Record<string, unknown>>;

interface DialOptions {
  path: string;
  method: 'GET' | 'POST' | 'DELETE';
  statusCodes: Record<number, boolean | string>;
  options?: Query;
  isStream?: boolean;
  abortSignal?: AbortSignal;
}

interface Modem {
  dial(options: DialOptions, callback: (error: unknown, result: unknown) => void): void;
}

/**
 * The Engine API calls Berth makes, over one dockerode modem. Every call has a deadline, so a
 * daemon that accepts and never answers ends in TIMEOUT instead of a hang, and every failure
 * arrives as a classified BerthError.
 */
export class DockerApi {
  private readonly modem: Modem;

  constructor(
    docker: Dockerode,
    private readonly context: ErrorContext,
    private readonly timeoutMs: number,
  ) {
    this.modem = docker.modem as unknown as Modem;
  }

  /** docker-modem appends the query only to paths that end in "?". */
  private static withQuery(path: string, query: Query | undefined): Pick<DialOptions, 'path' | 'options'> {
    return query ? { path: `${path}?`, options: query } : { path };
  }

  get(path: string, query?: Query): Promise<unknown> {
    return this.call({ ...DockerApi.withQuery(path, query), method: 'GET', statusCodes: { 200: true, 304: true } });
  }

  /** POST without a body, e.g. /containers/{id}/start. */
  post(path: string, query?: Query): Promise<unknown> {
    return this.call({ ...DockerApi.withQuery(path, query), method: 'POST', statusCodes: { 200: true, 201: true, 204: true, 304: true } });
  }

  /**
   * Opens a streaming response (e.g. /events). Only the time to the response headers is
   * bounded; the stream itself may stay quiet for as long as it likes.
   */
  async stream(path: string, query: Query | undefined, signal: AbortSignal): Promise<IncomingMessage> {
    const result = await this.call(
      { ...DockerApi.withQuery(path, query), method: 'GET', statusCodes: { 200: true }, isStream: true },
      signal,
    );
    return result as IncomingMessage;
  }

  private call(options: DialOptions, outerSignal?: AbortSignal): Promise<unknown> {
    const controller = new AbortController();
    const onOuterAbort = (): void => controller.abort(outerSignal?.reason);
    outerSignal?.addEventListener('abort', onOuterAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    return new Promise<unknown>((resolve, reject) => {
      this.modem.dial({ ...options, abortSignal: controller.signal }, (error, result) => {
        clearTimeout(timer);
        outerSignal?.removeEventListener('abort', onOuterAbort);
        if (!error) return resolve(result);
        if (timedOut) {
          return reject(
            new BerthError(
              'TIMEOUT',
              `${this.context.endpoint} did not answer ${options.path.replace(/\?$/, '')} within ${formatSeconds(this.timeoutMs)}. The port accepts connections but nothing Docker-like answers: check the address, a firewall or proxy, and whether the daemon is overloaded.`,
            ),
          );
        }
        if (outerSignal?.aborted) return reject(new BerthError('INTERNAL', 'The request was cancelled.'));
        reject(classifyConnectionError(error, this.context));
      });
    });
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
