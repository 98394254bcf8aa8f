import type { RedactedTransport } from '../../shared/host-view';
import { describeTransport, formatHostPort } from '../../shared/profile';

/** A short docker-style address: `tcp://10.0.0.5:2376 (TLS)`, `ssh://deploy@build-01:22 via bastion`. */
export function describeAddress(transport: RedactedTransport): string {
  const jumps = transport.type === 'ssh' ? (transport.jumpHosts ?? []) : [];
  // A jump host on ssh's port is named by its host alone; another port is part of its name.
  const via =
    jumps.length > 0 ? ` via ${jumps.map((hop) => (hop.port === 22 ? hop.host : formatHostPort(hop.host, hop.port))).join(' → ')}` : '';
  return `${describeTransport(transport)}${via}`;
}

export const transportNames: Record<RedactedTransport['type'], string> = {
  unix: 'Local socket',
  npipe: 'Named pipe',
  tcp: 'Plain tcp',
  tls: 'TLS',
  ssh: 'SSH',
};

/** A plain tcp endpoint: the remote API without TLS is root access to that host. */
export function isUnencrypted(transport: RedactedTransport): boolean {
  return transport.type === 'tcp';
}
