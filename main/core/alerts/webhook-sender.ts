import http from 'node:http';
import https from 'node:https';
import type { Alert, AlertWebhookBody } from '../../../shared/alerts-contract.js';

export interface WebhookOptions {
  /** Per attempt: connect, send and the answer's status line. */
  timeoutMs: number;
  /** Waits before the 2nd, 3rd, … attempt. */
  retryDelaysMs: readonly number[];
  /** Alerts waiting beyond this are dropped, oldest first (a dead receiver must not grow memory). */
  maxQueued: number;
}

export const defaultWebhookOptions: WebhookOptions = { timeoutMs: 5_000, retryDelaysMs: [1_000, 5_000, 25_000], maxQueued: 100 };

/** The documented body (docs/alerts-webhook.md): the alert and when it was sent, nothing else. */
export function webhookBody(alert: Alert, now: Date): AlertWebhookBody {
  const { acknowledgedAt: _acknowledged, ...rest } = alert;
  return { schema: 'berth.alert/v1', alert: rest, sentAt: now.toISOString() };
}

export type WebhookOutcome = { ok: true; status: number } | { ok: false; reason: string; retry: boolean };

/** One POST: 2xx is delivered; 408, 429, 5xx and network failures are worth retrying; other answers are not. */
export function postJson(url: string, body: string, timeoutMs: number): Promise<WebhookOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'Berth' },
      timeout: timeoutMs,
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('response', (response) => {
      clearTimeout(timer);
      // The receiver's answer is not read: only its status matters.
      response.resume();
      response.destroy();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) resolve({ ok: true, status });
      else resolve({ ok: false, reason: `HTTP ${status}`, retry: status === 408 || status === 429 || status >= 500 });
    });
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, reason: error.message, retry: true });
    });
    request.end(body);
  });
}

/**
 * Delivers alerts to the operator's webhook one at a time, in order, each with a timeout and
 * retries; what could not be delivered is reported through `failed` (shown with the settings).
 */
export class WebhookSender {
  private readonly queue: Array<{ url: string; alert: Alert }> = [];
  private running = false;
  private disposed = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly failed: (alert: Alert, reason: string) => void,
    private readonly options: WebhookOptions = defaultWebhookOptions,
    private readonly post: typeof postJson = postJson,
  ) {}

  send(url: string, alert: Alert): void {
    if (this.disposed) return;
    this.queue.push({ url, alert });
    while (this.queue.length > this.options.maxQueued) {
      const dropped = this.queue.shift()!;
      this.failed(dropped.alert, `dropped: more than ${this.options.maxQueued} alerts waited for the webhook`);
    }
    if (!this.running) void this.drain();
  }

  dispose(): void {
    this.disposed = true;
    this.queue.length = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (!this.disposed && this.queue.length > 0) {
      const { url, alert } = this.queue.shift()!;
      await this.deliver(url, alert);
    }
    this.running = false;
  }

  private async deliver(url: string, alert: Alert): Promise<void> {
    let outcome: WebhookOutcome = { ok: false, reason: 'not sent', retry: true };
    for (let attempt = 0; attempt <= this.options.retryDelaysMs.length && !this.disposed; attempt += 1) {
      if (attempt > 0) await this.wait(this.options.retryDelaysMs[attempt - 1]!);
      if (this.disposed) return;
      outcome = await this.post(url, JSON.stringify(webhookBody(alert, new Date())), this.options.timeoutMs);
      if (outcome.ok || !outcome.retry) break;
    }
    if (!outcome.ok && !this.disposed)
      this.failed(
        alert,
        `${outcome.reason} (${outcome.retry ? `after ${this.options.retryDelaysMs.length + 1} attempts` : 'not retried'})`,
      );
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      timer.unref?.();
      this.timers.add(timer);
    });
  }
}
