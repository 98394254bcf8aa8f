// How long a full certificate set (CA + server + client: three keys, three certificates, PEM
// export) takes per key type. Run on demand, never in the test gate:
//   npx tsx bench/tls-generate.bench.ts [runs]
// or import { benchTlsGeneration } and call it from bench/run.js.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generateCertificateSet } from '../main/core/tls/generate-certificate-set.js';
import { type KeyType, keyTypes } from '../main/core/tls/key-generation.js';
import { parseSan } from '../main/core/tls/san.js';

export interface TlsGenerationTiming {
  keyType: KeyType;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface BenchTlsGenerationOptions {
  /** Sets per key type (default 5). RSA 4096 runs at most this many, too: budget seconds each. */
  runs?: number;
  keyTypes?: readonly KeyType[];
}

export async function benchTlsGeneration(options: BenchTlsGenerationOptions = {}): Promise<TlsGenerationTiming[]> {
  const runs = options.runs ?? 5;
  const sans = [parseSan('IP:203.0.113.5'), parseSan('DNS:docker.example.com')];
  const timings: TlsGenerationTiming[] = [];
  for (const keyType of options.keyTypes ?? keyTypes) {
    await generateCertificateSet({ sans, keyType: 'ec-p256', validityDays: 365 }); // warm up the modules and WebCrypto
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      await generateCertificateSet({ sans, keyType, validityDays: 365 });
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    const middle = Math.floor(samples.length / 2);
    const median = samples.length % 2 === 1 ? samples[middle]! : (samples[middle - 1]! + samples[middle]!) / 2;
    timings.push({ keyType, runs, medianMs: round(median), minMs: round(samples[0]!), maxMs: round(samples[samples.length - 1]!) });
  }
  return timings;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
  for (const timing of await benchTlsGeneration(runs === undefined ? {} : { runs })) {
    console.log(
      `${timing.keyType.padEnd(9)} median ${timing.medianMs} ms  (min ${timing.minMs}, max ${timing.maxMs}, ${timing.runs} runs)`,
    );
  }
}
