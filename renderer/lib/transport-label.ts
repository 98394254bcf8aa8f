import type { RedactedTransport } from '../../shared/host-view';
import { formatHostPort } from '../../shared/profile';

/** A short docker-style address: `tcp://10.0.0.5:2376 (TLS)`, `ssh://deploy@build-01:22`. */
export function describeAddress(transport: RedactedTransport): string {
  switch (transport.type) {
    case 'unix':
      return `unix://${transport.socketPath}`;
    case 'npipe':
      return `npipe://${transport.pipePath}`;
    case 'tcp':
      return `tcp://${formatHostPort(transport.host, transport.port)}`;
    case 'tls':
      return `tcp://${formatHostPort(transport.host, transport.port)} (TLS)`;
    case 'ssh': {
      const via = transport.jumpHost ? ` via ${transport.jumpHost.host}` : '';
      return `ssh://${transport.user}@${formatHostPort(transport.host, transport.port)}${via}`;
    }
  }
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
