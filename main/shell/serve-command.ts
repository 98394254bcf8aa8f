import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BerthService } from '../core/app/berth-service.js';
import { createAppService } from '../core/app/create-service.js';
import { installCrashHandler } from '../core/app/crash-report.js';
import { parseServeArgs, serveHelp } from './serve-options.js';
import { startShellServer } from './shell-server.js';

export { serveHelp };

/**
 * `berth serve` (and `npm run serve`): the browser shell. Resolves with the exit status once a
 * signal stops it; a start-up failure (a wrong master passphrase, a port in use) throws.
 */
export async function runServe(argv: string[]): Promise<number> {
  const parsed = parseServeArgs(argv, process.env);
  if (parsed.kind === 'usage-error') {
    process.stderr.write(`berth serve: INVALID_ARGUMENT: ${parsed.message}\n`);
    return 2;
  }
  if (parsed.kind === 'help') {
    process.stdout.write(`${serveHelp}\n`);
    return 0;
  }
  const { port, dataDir, useUserKnownHosts, secretsPassphrase } = parsed.options;
  const version = packageVersion();
  const running: { service?: BerthService } = {};
  // A bug that reaches the top of the process ends it with a report scrubbed of every secret.
  installCrashHandler({
    meta: { app: 'berth serve', version, shell: 'browser' },
    secrets: () => [...(running.service?.secretsForScrubbing() ?? []), ...(secretsPassphrase ? [secretsPassphrase] : [])],
    dir: path.join(dataDir, 'crash-reports'),
  });
  const rendererDir = parsed.options.rendererDir ?? defaultRendererDir();
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(`berth serve: warning: ${rendererDir} holds no built renderer yet; run \`npm run build\`.\n`);
  }
  const service = await createAppService({
    dataDir,
    shell: 'browser',
    version,
    useUserKnownHosts,
    ...(secretsPassphrase !== undefined ? { secretsPassphrase } : {}),
  });
  running.service = service;
  const server = await startShellServer({ service, rendererDir, port });
  if (secretsPassphrase !== undefined) {
    process.stdout.write(`Secrets are kept encrypted with your master passphrase in ${path.join(dataDir, 'secrets-vault.json')}.\n`);
  }
  process.stdout.write(`Berth is serving on ${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await service.dispose();
  return 0;
}

/** out/renderer of this checkout, whether run from main/shell (tsx) or from a build in out/main. */
function defaultRendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.resolve(here, '../../out/renderer'), path.resolve(here, '../renderer')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? candidates[0]!;
}

function packageVersion(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of ['../../package.json', '../package.json']) {
    try {
      const parsed = JSON.parse(readFileSync(path.resolve(here, candidate), 'utf8')) as { name?: unknown; version?: unknown };
      if (parsed.name === 'berth' && typeof parsed.version === 'string') return parsed.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}
