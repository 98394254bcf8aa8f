import os from 'node:os';
import path from 'node:path';
import type { SshAuth, Transport } from '../../shared/profile.js';
import { chooseContext } from '../core/contexts/choose-context.js';
import { transportFromContext } from '../core/contexts/context-transport.js';
import { DEFAULT_CONTEXT, DockerContextStore, dockerConfigDir } from '../core/contexts/docker-context-store.js';
import { BerthError } from '../core/errors.js';
import { type TlsFiles, tlsFilesFromCertDir, transportFromDockerEnvironment, transportFromEndpoint } from '../core/endpoint.js';
import type { ProbeOptions } from '../core/probe.js';
import { KnownHosts } from '../core/ssh/known-hosts.js';
import { readSshConfig } from '../core/ssh-config/read-ssh-config.js';
import { resolveSshHost } from '../core/ssh-config/resolve-ssh-host.js';
import { DEFAULT_REMOTE_SOCKET, defaultSshConfigFile, sshConfigEnvironment, sshTransportOf } from '../core/ssh-config/ssh-config-hosts.js';
import { defaultDataDirectory } from '../core/store/data-directory.js';

/** The flags that name and reach one daemon, shared by probe, logs and ps (like the docker client's). */
export const connectionOptions = {
  host: { type: 'string', short: 'H' },
  context: { type: 'string', short: 'c' },
  'ssh-config': { type: 'string' },
  'ssh-config-file': { type: 'string' },
  tlsverify: { type: 'boolean' },
  tlscacert: { type: 'string' },
  tlscert: { type: 'string' },
  tlskey: { type: 'string' },
  'tls-server-name': { type: 'string' },
  'ssh-key': { type: 'string' },
  'ssh-passphrase-env': { type: 'string' },
  'remote-socket': { type: 'string' },
  'known-hosts': { type: 'string' },
  'accept-new-host-key': { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

export const connectionHelp = `  -H, --host URL               Daemon endpoint: unix:///path, tcp://host:port, ssh://user@host[:port]
  -c, --context NAME           A docker context (see \`berth context ls\`); not with -H
      --ssh-config ALIAS       A Host of ~/.ssh/config (see \`berth ssh-config ls\`), ProxyJump chain
                               and all; not with -H or --context
      --ssh-config-file FILE   The ssh config to read --ssh-config from (default ~/.ssh/config)
      --tlsverify              Use TLS and verify the daemon's certificate (implied by --tlscacert)
      --tlscacert FILE         CA certificate that signed the daemon's certificate (default: DOCKER_CERT_PATH/ca.pem)
      --tlscert FILE           Client certificate (default: DOCKER_CERT_PATH/cert.pem)
      --tlskey FILE            Client private key (default: DOCKER_CERT_PATH/key.pem)
      --tls-server-name NAME   Check the daemon's certificate against NAME instead of the host
      --ssh-key FILE           SSH private key (default: the ssh-agent at SSH_AUTH_SOCK)
      --ssh-passphrase-env VAR Read the SSH key's passphrase from environment variable VAR
      --remote-socket PATH     Docker socket on the SSH host (default /var/run/docker.sock)
      --known-hosts FILE       known_hosts file to check and record SSH host keys in
                               (default: Berth's own, plus ~/.ssh/known_hosts read-only)
      --accept-new-host-key    Record the SSH host key of a host never seen before and go on; a
                               changed key (also one of another type than on record) still fails
      --timeout SECONDS        Give up on any step after SECONDS (default 10)`;

export const exitStatusHelp = `Exit status: 0 ok, 2 usage, 3 unreachable, 4 TLS, 5 authentication, 6 host key,
7 daemon error, 8 timeout, 1 internal error.`;

type ConnectionValues = {
  [K in keyof typeof connectionOptions]?: (typeof connectionOptions)[K]['type'] extends 'boolean' ? boolean : string;
};

/** The daemon the flags (or DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH) name, and how to connect. */
export async function daemonFromArgs(
  values: ConnectionValues,
  env: NodeJS.ProcessEnv,
): Promise<{ transport: Transport; options: ProbeOptions }> {
  const transport = await transportFromArgs(values, env);
  const home = os.homedir();
  const knownHosts = values['known-hosts']
    ? new KnownHosts({ file: values['known-hosts'] })
    : new KnownHosts({
        file: path.join(defaultDataDirectory(env, home), 'known_hosts'),
        extraFiles: [path.join(home, '.ssh', 'known_hosts')],
      });
  return {
    transport,
    options: { timeoutMs: parseTimeout(values.timeout), knownHosts, acceptNewHostKey: values['accept-new-host-key'] === true },
  };
}

async function transportFromArgs(values: ConnectionValues, env: NodeJS.ProcessEnv): Promise<Transport> {
  if (values['ssh-config'] !== undefined) return transportFromSshConfig(values['ssh-config'], values, env);
  const sshAuth = sshAuthFromArgs(values, env);
  const contexts = new DockerContextStore(dockerConfigDir(env, env.HOME ?? os.homedir()));
  const contextName = await chooseContext({
    ...(values.context !== undefined ? { contextFlag: values.context } : {}),
    ...(values.host !== undefined ? { hostFlag: values.host } : {}),
    env,
    currentContext: () => contexts.currentContext(),
  });
  if (contextName !== DEFAULT_CONTEXT) {
    return transportFromContext(await contexts.get(contextName), {
      ...(sshAuth ? { sshAuth } : {}),
      ...(values['remote-socket'] ? { remoteSocket: values['remote-socket'] } : {}),
    });
  }
  const tls = tlsFromArgs(values, env);
  const endpointOptions = {
    ...(tls ? { tls } : {}),
    ...(sshAuth ? { sshAuth } : {}),
    ...(values['remote-socket'] ? { remoteSocket: values['remote-socket'] } : {}),
  };
  if (values.host !== undefined) return transportFromEndpoint(values.host, endpointOptions);
  return transportFromDockerEnvironment(env, os.homedir(), endpointOptions);
}

/** An alias of the ssh config, resolved as ssh would (its own key or agent; -H, --context and --ssh-key do not mix in). */
async function transportFromSshConfig(alias: string, values: ConnectionValues, env: NodeJS.ProcessEnv): Promise<Transport> {
  const clash =
    values.host !== undefined
      ? '-H'
      : values.context !== undefined
        ? '--context'
        : values['ssh-key'] !== undefined
          ? '--ssh-key'
          : undefined;
  if (clash !== undefined) {
    throw new BerthError(
      'INVALID_ARGUMENT',
      `--ssh-config names the host and how to log in; leave out ${clash}, or use it without --ssh-config.`,
    );
  }
  const home = env.HOME ?? os.homedir();
  const sshEnv = sshConfigEnvironment(env, home);
  const { config } = await readSshConfig(path.resolve(values['ssh-config-file'] ?? defaultSshConfigFile(home)), sshEnv);
  return sshTransportOf(resolveSshHost(config, alias, sshEnv), values['remote-socket'] ?? DEFAULT_REMOTE_SOCKET);
}

function tlsFromArgs(values: ConnectionValues, env: NodeJS.ProcessEnv): TlsFiles | undefined {
  const explicitFiles = values.tlscacert ?? values.tlscert ?? values.tlskey;
  const verify = values.tlsverify === true || explicitFiles !== undefined || (values.host === undefined && Boolean(env.DOCKER_TLS_VERIFY));
  if (!verify) return undefined;
  const defaults = tlsFilesFromCertDir(env.DOCKER_CERT_PATH || path.join(os.homedir(), '.docker'));
  const file = (value: string | undefined, fallback: TlsFiles['ca']) => (value ? { kind: 'path' as const, path: value } : fallback);
  return {
    ca: file(values.tlscacert, defaults.ca),
    cert: file(values.tlscert, defaults.cert),
    key: file(values.tlskey, defaults.key),
    ...(values['tls-server-name'] ? { serverName: values['tls-server-name'] } : {}),
  };
}

function sshAuthFromArgs(values: ConnectionValues, env: NodeJS.ProcessEnv): SshAuth | undefined {
  const passphraseVar = values['ssh-passphrase-env'];
  if (passphraseVar !== undefined && env[passphraseVar] === undefined) {
    throw new BerthError('INVALID_ARGUMENT', `--ssh-passphrase-env names ${passphraseVar}, but that environment variable is not set.`);
  }
  if (values['ssh-key'] === undefined) {
    if (passphraseVar !== undefined)
      throw new BerthError('INVALID_ARGUMENT', '--ssh-passphrase-env needs --ssh-key: the passphrase unlocks that key.');
    return undefined;
  }
  const passphrase = passphraseVar === undefined ? undefined : env[passphraseVar];
  return { method: 'key', keyPath: values['ssh-key'], ...(passphrase !== undefined ? { passphrase } : {}) };
}

/** --timeout SECONDS in ms (default 10 s), as every command that connects reads it. */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new BerthError('INVALID_ARGUMENT', `--timeout wants a number of seconds between 0 and 3600, not "${value}".`);
  }
  return Math.round(seconds * 1000);
}
