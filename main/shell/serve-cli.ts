import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppService } from '../core/app/create-service.js';
import { toEnvelope } from '../core/errors.js';
import { startShellServer } from './shell-server.js';

export const serveHelp = `Usage: npm run serve -- [OPTIONS]
       tsx main/shell/serve-cli.ts [OPTIONS]

Serve Berth's desktop UI to a browser on this machine: the built renderer over HTTP and the
core over a WebSocket, on 127.0.0.1 only. Prints one line with the URL to open; the URL
carries a random access token, and requests without it are refused.

Options:
      --port N               Port on 127.0.0.1 (default 0: a free port)
      --data-dir DIR         Where profiles.json and known_hosts live
                             (default: $XDG_CONFIG_HOME/berth, else ~/.config/berth)
      --renderer-dir DIR     The built renderer (default: out/renderer of this checkout)
      --no-user-known-hosts  Do not also trust host keys in ~/.ssh/known_hosts
  -h, --help                 Show this help

Secrets (SSH passwords, key passphrases, pasted TLS keys) are kept in memory only here.
Stop with Ctrl-C.`;

const options = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'renderer-dir': { type: 'string' },
  'no-user-known-hosts': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options, allowPositionals: false, strict: true }));
  } catch (error) {
    process.stderr.write(`berth serve: INVALID_ARGUMENT: ${(error as Error).message}. Run with --help.\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${serveHelp}\n`);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`berth serve: INVALID_ARGUMENT: --port wants a port number (0–65535), not "${values.port}".\n`);
    return 2;
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const rendererDir = path.resolve(values['renderer-dir'] ?? defaultRendererDir());
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(`berth serve: warning: ${rendererDir} holds no built renderer yet; run \`npm run build\`.\n`);
  }
  const service = await createAppService({
    dataDir,
    shell: 'browser',
    version: packageVersion(),
    useUserKnownHosts: values['no-user-known-hosts'] !== true,
  });
  const server = await startShellServer({ service, rendererDir, port });
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

function defaultDataDir(): string {
  const configHome =
    process.env.XDG_CONFIG_HOME && process.env.XDG_CONFIG_HOME !== '' ? process.env.XDG_CONFIG_HOME : path.join(os.homedir(), '.config');
  return path.join(configHome, 'berth');
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

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    const envelope = toEnvelope(error);
    process.stderr.write(`berth serve: ${envelope.code}: ${envelope.message}\n`);
    process.exitCode = 1;
  },
);
