import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BerthError } from '../errors.js';
import { type CertificateSet, type GenerateCertificateSetOptions, cancelledError } from './generate-certificate-set.js';
import type { WorkerMessage, WorkerRequest } from './generate-worker-protocol.js';

export interface WorkerOptions {
  /** Makes the worker; the default runs generate-worker.js next to this module (see createGenerateWorker). */
  createWorker?: (request: WorkerRequest) => Worker;
}

/**
 * generateCertificateSet on a worker thread. Aborting the signal terminates the worker, which stops
 * even an RSA 4096 key generation in the middle; the promise then rejects with TLS_GENERATION_CANCELLED.
 */
export function generateCertificateSetInWorker(
  options: GenerateCertificateSetOptions,
  workerOptions: WorkerOptions = {},
): Promise<CertificateSet> {
  const { signal, onProgress, now, ...rest } = options;
  if (signal?.aborted) return Promise.reject(cancelledError());
  const request: WorkerRequest = { options: rest, ...(now !== undefined ? { now: now.getTime() } : {}) };
  const worker = (workerOptions.createWorker ?? createGenerateWorker)(request);
  return new Promise<CertificateSet>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(cancelledError()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        if (!settled) onProgress?.(message.step);
      } else if (message.type === 'result') finish(() => resolve(message.set));
      else finish(() => reject(new BerthError(message.error.code, message.error.message)));
    });
    worker.on('error', (error) =>
      finish(() =>
        reject(
          new BerthError(
            'INTERNAL',
            `The certificate generation worker failed: ${error.message}. This is a bug in Berth; please report it.`,
            { cause: error },
          ),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new BerthError('INTERNAL', `The certificate generation worker stopped (exit code ${code}) before it finished.`))),
    );
  });
}

/** The built worker's file name: the build must emit main/core/tls/generate-worker.ts as out/main/generate-worker.js. */
export const builtWorkerFileName = 'generate-worker.js';

/**
 * Starts generate-worker.js from the built app: next to this module, or one level up when the
 * bundler put this module in a chunks/ folder. Run from the TypeScript sources (tests, tsx), it
 * starts generate-worker.ts through Node's type stripping, with a resolve hook that maps the
 * sources' `.js` import specifiers to their `.ts` files.
 */
export function createGenerateWorker(request: WorkerRequest): Worker {
  // Variables, not literals, so bundlers leave these URLs alone instead of treating them as assets.
  const candidates = [builtWorkerFileName, `../${builtWorkerFileName}`].map((relative) => new URL(relative, import.meta.url));
  const built = candidates.find((url) => existsSync(fileURLToPath(url)));
  if (built) return new Worker(built, { workerData: request });
  const source = new URL('./generate-worker.ts', import.meta.url);
  return new Worker(sourceBootstrap(source.href), { eval: true, workerData: request });
}

function sourceBootstrap(entry: string): string {
  return `
const { registerHooks } = require('node:module');
const { existsSync } = require('node:fs');
const { fileURLToPath } = require('node:url');
registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && specifier.endsWith('.js') && context.parentURL && context.parentURL.endsWith('.ts')) {
      const candidate = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
      if (existsSync(fileURLToPath(candidate))) return nextResolve(candidate.href, context);
    }
    return nextResolve(specifier, context);
  },
});
import(${JSON.stringify(entry)}).catch((error) => { throw error; });
`;
}
