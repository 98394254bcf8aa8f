/**
 * Docker contexts ↔ Berth transports. A context becomes the transport the docker CLI would use
 * for it — except that SkipTLSVerify is refused, never honoured, and a Windows named pipe is
 * refused off Windows; a transport becomes the context that makes `docker --context NAME` reach
 * the same daemon.
 */
import { promises as fs } from 'node:fs';
import type { SshAuth, Transport } from '../../../shared/profile.js';
import { formatHostPort } from '../../../shared/profile.js';
import { transportFromEndpoint } from '../endpoint.js';
import { BerthError } from '../errors.js';
import { loadPem } from '../transports/pem.js';
import type { DockerContext, DockerContextData } from './docker-context-store.js';

const DEFAULT_HOST = 'unix:///var/run/docker.sock';

export interface ContextTransportOptions {
  platform?: NodeJS.Platform;
  /** SSH authentication for ssh:// contexts; default: the ssh-agent. */
  sshAuth?: SshAuth;
  /** The Docker socket on an ssh:// context's host, when not /var/run/docker.sock. */
  remoteSocket?: string;
}

export async function transportFromContext(context: DockerContext, options: ContextTransportOptions = {}): Promise<Transport> {
  const host = context.host === '' ? DEFAULT_HOST : context.host;
  const label = `The docker context "${context.name}"`;
  if (context.skipTlsVerify) {
    throw new BerthError(
      'CONTEXT_SKIPS_TLS_VERIFY',
      `${label} sets SkipTLSVerify: it connects without checking the daemon's certificate. Berth never does that. Give the context the daemon's CA (docker context update ${context.name} --docker "host=${host},ca=…,cert=…,key=…") and import it again.`,
    );
  }
  if (/^npipe:/i.test(host) && (options.platform ?? process.platform) !== 'win32') {
    throw new BerthError('CONTEXT_UNSUPPORTED', `${label} points at a Windows named pipe (${host}), which only exists on Windows.`);
  }
  const tlsRoles = (['ca', 'cert', 'key'] as const).filter((role) => context.tls[role] !== undefined);
  if (tlsRoles.length > 0 && /^(tcp|https?):/i.test(host)) {
    const { ca, cert, key } = context.tls;
    if (!ca || !cert || !key) {
      const missing = (['ca', 'cert', 'key'] as const).filter((role) => !context.tls[role]).map((role) => `${role}.pem`);
      throw new BerthError(
        'CONTEXT_UNSUPPORTED',
        `${label} has TLS material without ${missing.join(' and ')}. Berth connects to TLS daemons with a CA and a client certificate and key (as --tlsverify does); add them to the context.`,
      );
    }
    for (const file of [ca, cert, key]) await checkReadable(file, context.name);
    return transportFromEndpoint(host, {
      tls: { ca: { kind: 'path', path: ca }, cert: { kind: 'path', path: cert }, key: { kind: 'path', path: key } },
    });
  }
  return transportFromEndpoint(host, {
    ...(options.sshAuth ? { sshAuth: options.sshAuth } : {}),
    ...(options.remoteSocket ? { remoteSocket: options.remoteSocket } : {}),
  });
}

async function checkReadable(file: string, contextName: string): Promise<void> {
  try {
    await fs.access(file, fs.constants.R_OK);
  } catch {
    throw new BerthError(
      'FILE_UNREADABLE',
      `The docker context "${contextName}" names ${file}, which cannot be read. Check the file's permissions, or recreate the context.`,
    );
  }
}

/** What a context notes about a transport that docker cannot express (told to the operator). */
export interface ContextFromTransport {
  data: DockerContextData;
  notes: string[];
}

/** The context for a transport; PEM sources are read (a pasted key comes from the secret store). */
export async function contextFromTransport(name: string, transport: Transport, description?: string): Promise<ContextFromTransport> {
  const notes: string[] = [];
  const base = { name, ...(description ? { description } : {}) };
  switch (transport.type) {
    case 'unix':
      return { data: { ...base, host: `unix://${transport.socketPath}` }, notes };
    case 'npipe':
      return { data: { ...base, host: `npipe://${transport.pipePath}` }, notes };
    case 'tcp':
      return { data: { ...base, host: `tcp://${formatHostPort(transport.host, transport.port)}` }, notes };
    case 'tls': {
      const [ca, cert, key] = await Promise.all([
        loadPem(transport.ca, 'CA certificate'),
        loadPem(transport.cert, 'client certificate'),
        loadPem(transport.key, 'client key'),
      ]);
      if (transport.serverName) {
        notes.push(
          `docker checks the daemon's certificate against ${transport.host}, not the server name ${transport.serverName} Berth uses: the context works only if the certificate also covers ${transport.host}.`,
        );
      }
      return { data: { ...base, host: `tcp://${formatHostPort(transport.host, transport.port)}`, tls: { ca, cert, key } }, notes };
    }
    case 'ssh': {
      if (transport.remoteSocket !== '/var/run/docker.sock') {
        notes.push(`docker over ssh always uses the remote socket /var/run/docker.sock; this host uses ${transport.remoteSocket}.`);
      }
      if (transport.jumpHosts?.length) notes.push('docker over ssh reads jump hosts from ~/.ssh/config (ProxyJump), not from the context.');
      if (transport.auth.method === 'key')
        notes.push(`docker over ssh picks keys from ssh-agent and ~/.ssh/config; add IdentityFile ${transport.auth.keyPath} there.`);
      return { data: { ...base, host: `ssh://${transport.user}@${formatHostPort(transport.host, transport.port)}` }, notes };
    }
  }
}
