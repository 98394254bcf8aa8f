// worker_threads entry: generates one certificate set and posts progress, then the result or an
// error envelope. Started by generateCertificateSetInWorker; the build must emit it as its own
// file next to the main bundle (generate-worker.js).
import { parentPort, workerData } from 'node:worker_threads';
import { toEnvelope } from '../errors.js';
import { type GenerateCertificateSetOptions, generateCertificateSet } from './generate-certificate-set.js';
import type { WorkerMessage, WorkerRequest } from './generate-worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('generate-worker.ts must run in a worker thread.');

const post = (message: WorkerMessage) => port.postMessage(message);
const request = workerData as WorkerRequest;
const options: GenerateCertificateSetOptions = {
  ...request.options,
  ...(request.now !== undefined ? { now: new Date(request.now) } : {}),
  onProgress: (step) => post({ type: 'progress', step }),
};

try {
  post({ type: 'result', set: await generateCertificateSet(options) });
} catch (error) {
  post({ type: 'error', error: toEnvelope(error) });
}
