import type { ErrorEnvelope } from '../../../shared/errors.js';
import type { CertificateSet, GenerateCertificateSetOptions, GenerationStep } from './generate-certificate-set.js';

/** What the worker gets as workerData: the options minus what cannot cross threads. */
export interface WorkerRequest {
  options: Omit<GenerateCertificateSetOptions, 'signal' | 'onProgress' | 'now'>;
  /** `now` as epoch milliseconds. */
  now?: number;
}

export type WorkerMessage =
  { type: 'progress'; step: GenerationStep } | { type: 'result'; set: CertificateSet } | { type: 'error'; error: ErrorEnvelope };
