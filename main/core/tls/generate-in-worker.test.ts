import { describe, expect, it } from 'vitest';
import { inspectCertificate } from './certificate-inspection.js';
import { verifyChain } from './chain-verification.js';
import { type GenerationStep, generationSteps } from './generate-certificate-set.js';
import { createGenerateWorker, generateCertificateSetInWorker } from './generate-in-worker.js';
import { parseSan } from './san.js';

const sans = [parseSan('IP:203.0.113.5')];

describe('generateCertificateSetInWorker', () => {
  it('generates a set on a worker thread and reports every step', async () => {
    const steps: GenerationStep[] = [];
    const set = await generateCertificateSetInWorker({
      sans,
      keyType: 'ec-p256',
      validityDays: 90,
      onProgress: (step) => steps.push(step),
    });
    expect(steps).toEqual([...generationSteps]);
    expect(verifyChain(set.serverCert, set.caCert)).toEqual({ valid: true });
    expect(inspectCertificate(set.serverCert).sans).toContainEqual({ type: 'ip', value: '203.0.113.5' });
  });

  it('passes `now` across the thread boundary', async () => {
    const now = new Date('2020-01-01T00:00:00Z');
    const set = await generateCertificateSetInWorker({ sans, keyType: 'ec-p256', validityDays: 10, now });
    expect(inspectCertificate(set.caCert).notAfter).toBe('2020-01-11T00:00:00.000Z');
  });

  it('carries errors back as BerthErrors with their code', async () => {
    await expect(generateCertificateSetInWorker({ sans, keyType: 'ec-p256', validityDays: 0 })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('stops an RSA 4096 generation outright when cancelled, terminating the worker', async () => {
    const controller = new AbortController();
    let exited: Promise<number> | undefined;
    let abortedAt = 0;
    const steps: GenerationStep[] = [];
    const run = generateCertificateSetInWorker(
      {
        sans,
        keyType: 'rsa-4096',
        validityDays: 90,
        signal: controller.signal,
        onProgress: (step) => {
          steps.push(step);
          if (step === 'ca-key') {
            setTimeout(() => {
              abortedAt = Date.now();
              controller.abort();
            }, 10);
          }
        },
      },
      {
        createWorker: (request) => {
          const worker = createGenerateWorker(request);
          exited = new Promise((resolve) => worker.once('exit', resolve));
          return worker;
        },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'TLS_GENERATION_CANCELLED' });
    // The caller hears at once; the thread ends once the key job already running on libuv's pool returns.
    expect(Date.now() - abortedAt).toBeLessThan(500);
    await exited;
    expect(steps).toEqual(['ca-key']);
  });

  it('rejects at once when the signal is already aborted', async () => {
    await expect(
      generateCertificateSetInWorker({ sans, keyType: 'ec-p256', validityDays: 1, signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({
      code: 'TLS_GENERATION_CANCELLED',
    });
  });
});
