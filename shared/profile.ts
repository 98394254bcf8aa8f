import { z } from 'zod';

/** A PEM blob given either as a file on disk or pasted into the form. */
export const pemSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1, 'a file path is required') }),
  z.object({
    kind: z.literal('pem'),
    pem: z.string().includes('-----BEGIN', { message: 'pasted text is not PEM (no -----BEGIN line)' }),
  }),
]);
export type PemSource = z.infer<typeof pemSourceSchema>;

const hostnameSchema = z
  .string()
  .min(1, 'a host name or address is required')
  .max(253)
  .regex(/^[A-Za-z0-9._:-]+$/, 'host must be a DNS name or an IP address');
const portSchema = z.number().int().min(1).max(65535);

/** Docker's port conventions: 2375 plain HTTP (no TLS), 2376 TLS. */
export const dockerPorts = { tcp: 2375, tls: 2376, ssh: 22 } as const;

export const unixTransportSchema = z.object({
  type: z.literal('unix'),
  socketPath: z.string().min(1).default('/var/run/docker.sock'),
});

export const npipeTransportSchema = z.object({
  type: z.literal('npipe'),
  pipePath: z.string().min(1).default('//./pipe/docker_engine'),
});

export const tcpTransportSchema = z.object({
  type: z.literal('tcp'),
  host: hostnameSchema,
  port: portSchema.default(dockerPorts.tcp),
});

export const tlsTransportSchema = z.object({
  type: z.literal('tls'),
  host: hostnameSchema,
  port: portSchema.default(dockerPorts.tls),
  ca: pemSourceSchema,
  cert: pemSourceSchema,
  key: pemSourceSchema,
  /** Name to check the server certificate against when it differs from `host`. */
  serverName: hostnameSchema.optional(),
});

export const sshAuthSchema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('key'),
    keyPath: z.string().min(1, 'a private key file is required'),
    passphrase: z.string().optional(),
  }),
  z.object({
    method: z.literal('agent'),
    /** Defaults to $SSH_AUTH_SOCK. */
    agentSocket: z.string().optional(),
  }),
  z.object({ method: z.literal('password'), password: z.string() }),
]);
export type SshAuth = z.infer<typeof sshAuthSchema>;

export const sshHopSchema = z.object({
  host: hostnameSchema,
  port: portSchema.default(dockerPorts.ssh),
  user: z.string().min(1, 'an SSH user is required'),
  auth: sshAuthSchema,
});
export type SshHop = z.infer<typeof sshHopSchema>;

/**
 * The most jump hosts one profile chains through. OpenSSH sets no limit; Berth keeps one so the
 * work a profile can cause (connections, secret-store reads) stays bounded.
 */
export const MAX_JUMP_HOSTS = 16;

export const sshTransportSchema = sshHopSchema.extend({
  type: z.literal('ssh'),
  remoteSocket: z.string().min(1).default('/var/run/docker.sock'),
  /** Reached in this order, like `ssh -J first,second,…`: the first is dialled directly, each next one through the one before. */
  jumpHosts: z.array(sshHopSchema).max(MAX_JUMP_HOSTS, `at most ${MAX_JUMP_HOSTS} jump hosts`).optional(),
  /** ServerAliveInterval: seconds between SSH keep-alives on every hop; 0 turns them off. Default 10. */
  keepaliveIntervalSeconds: z.number().int().min(0).max(86_400).optional(),
  /** ConnectTimeout: seconds allowed for connecting through every hop. Default: the app's connect timeout. */
  connectTimeoutSeconds: z.number().int().min(1).max(3_600).optional(),
  /** UserKnownHostsFile: known_hosts files consulted too (read-only), besides Berth's own. */
  knownHostsFiles: z.array(z.string().min(1).max(4_096)).max(8).optional(),
});

/**
 * Profiles saved before chains existed held at most one `jumpHost`: read as a one-hop list.
 * Anything that is not such a profile is returned as it is.
 */
export function migrateLegacyJumpHost(profile: unknown): unknown {
  if (typeof profile !== 'object' || profile === null) return profile;
  const transport = (profile as { transport?: unknown }).transport;
  if (typeof transport !== 'object' || transport === null || !('jumpHost' in transport)) return profile;
  const { jumpHost, ...rest } = transport as { jumpHost?: unknown; jumpHosts?: unknown };
  const jumpHosts = rest.jumpHosts ?? (jumpHost === undefined ? undefined : [jumpHost]);
  return { ...profile, transport: { ...rest, ...(jumpHosts !== undefined && { jumpHosts }) } };
}

export const transportSchema = z.discriminatedUnion('type', [
  unixTransportSchema,
  npipeTransportSchema,
  tcpTransportSchema,
  tlsTransportSchema,
  sshTransportSchema,
]);

export type Transport = z.infer<typeof transportSchema>;
export type TransportType = Transport['type'];
export type TransportOf<T extends TransportType> = Extract<Transport, { type: T }>;

export const hostProfileSchema = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'id may hold letters, digits, - and _ only'),
  name: z.string().trim().min(1, 'a name is required').max(100),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'colour must look like #1e90ff')
    .optional(),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  transport: transportSchema,
  /**
   * Read-only host: main refuses every mutating channel (container actions, rename) with
   * READ_ONLY before any request reaches the daemon. Absent means false.
   */
  readOnly: z.boolean().optional(),
});

export type HostProfile = z.infer<typeof hostProfileSchema>;
export type HostProfileInput = z.input<typeof hostProfileSchema>;

export const PRODUCTION_TAG = 'production';

export function isReadOnly(profile: Pick<HostProfile, 'readOnly'>): boolean {
  return profile.readOnly === true;
}

export function isProduction(profile: Pick<HostProfile, 'tags'>): boolean {
  return profile.tags.some((tag) => tag.toLowerCase() === PRODUCTION_TAG);
}

/** What an address is made of: full transports and the renderer's redacted ones both fit. */
export type AddressableTransport =
  | { type: 'unix'; socketPath: string }
  | { type: 'npipe'; pipePath: string }
  | { type: 'tcp' | 'tls'; host: string; port: number }
  | { type: 'ssh'; user: string; host: string; port: number };

/** A short docker-style address for display, e.g. `tcp://10.0.0.5:2376`. */
export function describeTransport(transport: AddressableTransport): string {
  switch (transport.type) {
    case 'unix':
      return `unix://${transport.socketPath}`;
    case 'npipe':
      return `npipe://${transport.pipePath}`;
    case 'tcp':
      return `tcp://${formatHostPort(transport.host, transport.port)}`;
    case 'tls':
      return `tcp://${formatHostPort(transport.host, transport.port)} (TLS)`;
    case 'ssh':
      return `ssh://${transport.user}@${formatHostPort(transport.host, transport.port)}`;
  }
}

export function formatHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
