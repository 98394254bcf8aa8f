import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type TlsGenerateResult, type TlsGenerationStep, tlsGenerationSteps } from '../../../shared/tls-contract.js';
import { BerthError } from '../errors.js';
import { inspectCertificate } from '../tls/certificate-inspection.js';
import { certificateSetFileNames, writeCertificateSet } from '../tls/certificate-set-writer.js';
import { type GenerationStep, validateGenerationOptions } from '../tls/generate-certificate-set.js';
import { type WorkerOptions, generateCertificateSetInWorker } from '../tls/generate-in-worker.js';
import { formatSan, parseSan } from '../tls/san.js';
import type { ParsedInput } from './validate-input.js';
import { resolveLocalPath, summarizeCertificate } from './wizard-files.js';

export type ProgressSink = (progress: { jobId: string; step: TlsGenerationStep; done: boolean; completed: number; total: number }) => void;

interface GenerationJob {
  controller: AbortController;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  outDir: string;
}

/** Finished jobs remembered for tls:install's `jobId`. */
const MAX_REMEMBERED = 50;

/**
 * tls:generate and its cancel: one certificate set per job, made on a worker thread (so even RSA
 * 4096 never blocks the main process and a cancel stops it outright), then written with mode 0400.
 * Progress is reported per step; the CA passphrase and the keys never leave this module but as files.
 */
export class GenerationJobs {
  private readonly jobs = new Map<string, GenerationJob>();

  constructor(
    private readonly progress: ProgressSink,
    private readonly options: { homeDir?: string; createWorker?: WorkerOptions['createWorker'] } = {},
  ) {}

  async generate(input: ParsedInput<'tls:generate'>): Promise<TlsGenerateResult> {
    const jobId = input.jobId ?? randomUUID();
    if (this.jobs.get(jobId)?.state === 'running') throw new BerthError('INVALID_ARGUMENT', `Generation ${jobId} is already running.`);
    const sans = input.sans.map((text) => parseSan(text));
    const options = {
      sans,
      includeLoopback: input.includeLoopback,
      keyType: input.keyType,
      validityDays: input.validityDays,
      ...(input.caPassphrase !== undefined ? { caPassphrase: input.caPassphrase } : {}),
    };
    const allSans = validateGenerationOptions(options);
    const outDir = resolveLocalPath(input.outDir, this.options.homeDir);
    if (!input.overwrite) await refuseExistingSet(outDir);

    const job: GenerationJob = { controller: new AbortController(), state: 'running', outDir };
    this.remember(jobId, job);
    const total = tlsGenerationSteps.length;
    let completed = 0;
    let current: GenerationStep | undefined;
    const report = (step: TlsGenerationStep, done: boolean) => this.progress({ jobId, step, done, completed, total });
    try {
      const set = await generateCertificateSetInWorker(
        {
          ...options,
          signal: job.controller.signal,
          onProgress: (step) => {
            if (current !== undefined) {
              completed += 1;
              report(current, true);
            }
            current = step;
            report(step, false);
          },
        },
        this.options.createWorker ? { createWorker: this.options.createWorker } : {},
      );
      if (job.controller.signal.aborted) throw cancelled();
      const written = await writeCertificateSet(outDir, set, { overwrite: input.overwrite });
      completed = total;
      report('export', true);
      job.state = 'done';
      return {
        jobId,
        outDir,
        files: written.map((file) => ({
          name: path.basename(file) as TlsGenerateResult['files'][number]['name'],
          path: file,
          mode: 0o400,
        })),
        sans: allSans.map(formatSan),
        caKeyEncrypted: input.caPassphrase !== undefined,
        certificates: {
          ca: summarizeCertificate(inspectCertificate(set.caCert)),
          server: summarizeCertificate(inspectCertificate(set.serverCert)),
          client: summarizeCertificate(inspectCertificate(set.clientCert)),
        },
      };
    } catch (error) {
      job.state = job.controller.signal.aborted ? 'cancelled' : 'failed';
      throw job.state === 'cancelled' ? cancelled() : error;
    }
  }

  /** Stops a running generation; false when there is none by that id. */
  cancel(jobId: string): boolean {
    const job = this.jobs.get(jobId);
    if (job?.state !== 'running') return false;
    job.controller.abort();
    return true;
  }

  /** The directory a finished generation wrote to (for tls:install's jobId). */
  outDirOf(jobId: string): string {
    const job = this.jobs.get(jobId);
    if (job?.state !== 'done') {
      throw new BerthError(
        'INVALID_ARGUMENT',
        job
          ? `Generation ${jobId} did not finish (${job.state}); generate the certificates again.`
          : `There is no finished generation ${jobId}.`,
      );
    }
    return job.outDir;
  }

  dispose(): void {
    for (const job of this.jobs.values()) if (job.state === 'running') job.controller.abort();
  }

  private remember(jobId: string, job: GenerationJob): void {
    this.jobs.delete(jobId);
    this.jobs.set(jobId, job);
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= MAX_REMEMBERED) break;
      if (old.state !== 'running') this.jobs.delete(id);
    }
  }
}

function cancelled(): BerthError {
  return new BerthError('TLS_GENERATION_CANCELLED', 'Certificate generation was cancelled; nothing was written.');
}

/** Refuses before minutes of RSA work are spent, when the directory already holds a set. */
async function refuseExistingSet(dir: string): Promise<void> {
  const names = Object.values(certificateSetFileNames);
  const found = await Promise.all(
    names.map(async (name) => {
      try {
        await stat(path.join(dir, name));
        return name;
      } catch {
        return undefined;
      }
    }),
  );
  const existing = found.filter((name): name is string => name !== undefined);
  if (existing.length > 0) {
    throw new BerthError(
      'TLS_FILES_EXIST',
      `${dir} already holds ${existing.join(', ')}. Berth does not replace certificates unasked, since daemons and clients may still use them: choose another directory, or replace them on purpose.`,
      { detail: { existing } },
    );
  }
}
