import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDirectory } from '../core/store/data-directory.js';
import { MIN_MASTER_PASSPHRASE_LENGTH } from '../core/store/passphrase-secret-store.js';

export const serveHelp = `Usage: berth serve [OPTIONS]
       npm run serve -- [OPTIONS]
       tsx main/shell/serve-cli.ts [OPTIONS]

Serve Berth's desktop UI to a browser on this machine: the built renderer over HTTP and the
core over a WebSocket, on 127.0.0.1 only. Prints one line with the URL to open,
http://127.0.0.1:PORT/#token=…: the random access token rides in the fragment, which the
browser never sends to a server; the page keeps it in sessionStorage (this origin only) and
offers it when it opens the WebSocket, which is refused without it. No cookie is set.

Options:
      --port N                        Port on 127.0.0.1 (default 0: a free port)
      --data-dir DIR                  Where profiles.json and known_hosts live
                                      (default: $XDG_CONFIG_HOME/berth, else ~/.config/berth)
      --renderer-dir DIR              The built renderer (default: out/renderer of this checkout)
      --no-user-known-hosts           Do not also trust host keys in ~/.ssh/known_hosts
      --persist-secrets               Keep secrets on disk, in DIR/secrets-vault.json, encrypted
                                      with a master passphrase (scrypt, AES-256-GCM); needs
                                      --secrets-passphrase-env
      --secrets-passphrase-env VAR    The environment variable holding the master passphrase
                                      (at least ${MIN_MASTER_PASSPHRASE_LENGTH} characters). The first start creates the vault
                                      with it; later starts must give the same one. Berth
                                      removes VAR from its environment after reading it.
  -h, --help                          Show this help

Secrets (SSH passwords, key passphrases, pasted TLS keys) are kept in memory only unless
--persist-secrets is given, or a master passphrase is set in the page ("Set a master
passphrase…"; later starts ask for it); they are never written in clear.
Stop with Ctrl-C.`;

const options = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'renderer-dir': { type: 'string' },
  'no-user-known-hosts': { type: 'boolean' },
  'persist-secrets': { type: 'boolean' },
  'secrets-passphrase-env': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface ServeOptions {
  port: number;
  dataDir: string;
  /** Undefined: the caller's default (out/renderer of this checkout). */
  rendererDir: string | undefined;
  useUserKnownHosts: boolean;
  /** The master passphrase when --persist-secrets is on; undefined: secrets in memory only. */
  secretsPassphrase: string | undefined;
}

export type ParsedServeArgs = { kind: 'help' } | { kind: 'usage-error'; message: string } | { kind: 'serve'; options: ServeOptions };

/**
 * `berth serve`'s arguments. The passphrase is read from the named environment variable, which
 * is then deleted from `env` (so no child process inherits it); it never comes from the command
 * line, where `ps` would show it. Error messages name the variable, never its value.
 */
export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedServeArgs {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }));
  } catch (error) {
    return { kind: 'usage-error', message: `${(error as Error).message}. Run with --help.` };
  }
  if (values.help) return { kind: 'help' };
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return { kind: 'usage-error', message: `--port wants a port number (0–65535), not "${values.port}".` };
  }
  const persist = values['persist-secrets'] === true;
  const variable = values['secrets-passphrase-env'];
  if (variable !== undefined && !persist) {
    return { kind: 'usage-error', message: '--secrets-passphrase-env is only used with --persist-secrets.' };
  }
  let secretsPassphrase: string | undefined;
  if (persist) {
    if (variable === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
      return {
        kind: 'usage-error',
        message: '--persist-secrets needs --secrets-passphrase-env VAR, the name of an environment variable holding the master passphrase.',
      };
    }
    const value = env[variable];
    delete env[variable];
    if (value === undefined || value === '') {
      return { kind: 'usage-error', message: `The environment variable ${variable} (--secrets-passphrase-env) is not set or empty.` };
    }
    if (value.length < MIN_MASTER_PASSPHRASE_LENGTH) {
      return {
        kind: 'usage-error',
        message: `The master passphrase in ${variable} is too short: use at least ${MIN_MASTER_PASSPHRASE_LENGTH} characters.`,
      };
    }
    secretsPassphrase = value;
  }
  return {
    kind: 'serve',
    options: {
      port,
      dataDir: path.resolve(values['data-dir'] ?? defaultDataDirectory(env)),
      rendererDir: values['renderer-dir'] === undefined ? undefined : path.resolve(values['renderer-dir']),
      useUserKnownHosts: values['no-user-known-hosts'] !== true,
      secretsPassphrase,
    },
  };
}
