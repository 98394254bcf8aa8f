import type { RedactedPem, RedactedTransport } from '../../shared/host-view';
import { formatHostPort } from '../../shared/profile';

/** POSIX shell quoting, only where needed, so the lines paste as they read. */
function quote(text: string): string {
  return /^[\w@%+=:,./~-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

function pemPath(source: RedactedPem): string | undefined {
  return source.kind === 'path' ? source.path : undefined;
}

/** The directory holding ca.pem, cert.pem and key.pem under those names (what DOCKER_CERT_PATH expects), if they are. */
function certDirectory(ca: string, cert: string, key: string): string | undefined {
  const dir = ca.slice(0, ca.lastIndexOf('/'));
  if (dir === '' || `${dir}/ca.pem` !== ca || `${dir}/cert.pem` !== cert || `${dir}/key.pem` !== key) return undefined;
  return dir;
}

/**
 * How to reach the same daemon from a terminal: a `docker -H …` line with the TLS flags, the
 * DOCKER_HOST / DOCKER_TLS_VERIFY / DOCKER_CERT_PATH exports, and for SSH hosts an `ssh` line.
 * Secrets are never part of it; a pasted key is named as such.
 */
export function connectionCommands(transport: RedactedTransport): string {
  switch (transport.type) {
    case 'unix':
      return [
        `docker -H ${quote(`unix://${transport.socketPath}`)} info`,
        `export DOCKER_HOST=${quote(`unix://${transport.socketPath}`)}`,
      ].join('\n');
    case 'npipe':
      return [`docker -H ${quote(`npipe://${transport.pipePath}`)} info`, `set DOCKER_HOST=npipe://${transport.pipePath}`].join('\n');
    case 'tcp': {
      const url = `tcp://${formatHostPort(transport.host, transport.port)}`;
      return [`docker -H ${url} info`, `export DOCKER_HOST=${url}`].join('\n');
    }
    case 'tls': {
      const url = `tcp://${formatHostPort(transport.host, transport.port)}`;
      const ca = pemPath(transport.ca) ?? '<ca.pem, pasted in Berth>';
      const cert = pemPath(transport.cert) ?? '<cert.pem, pasted in Berth>';
      const key = pemPath(transport.key) ?? '<key.pem, pasted in Berth>';
      const lines = [`docker -H ${url} --tlsverify --tlscacert ${quote(ca)} --tlscert ${quote(cert)} --tlskey ${quote(key)} info`];
      const dir = certDirectory(ca, cert, key);
      lines.push(`export DOCKER_HOST=${url} DOCKER_TLS_VERIFY=1`);
      lines.push(dir ? `export DOCKER_CERT_PATH=${quote(dir)}` : '# DOCKER_CERT_PATH needs ca.pem, cert.pem and key.pem in one directory');
      if (transport.serverName)
        lines.push(
          `# the certificate names ${transport.serverName}: connect as tcp://${formatHostPort(transport.serverName, transport.port)} where it resolves`,
        );
      return lines.join('\n');
    }
    case 'ssh': {
      const target = `${transport.user}@${transport.host}`;
      const port = transport.port === 22 ? '' : ` -p ${transport.port}`;
      const key = transport.auth.method === 'key' ? ` -i ${quote(transport.auth.keyPath)}` : '';
      // ssh -J takes the whole chain, comma-separated, in the order the hops are reached.
      const jumps = transport.jumpHosts ?? [];
      const jump = jumps.length > 0 ? ` -J ${jumps.map((hop) => `${hop.user}@${formatHostPort(hop.host, hop.port)}`).join(',')}` : '';
      const url = `ssh://${target}${transport.port === 22 ? '' : `:${transport.port}`}`;
      return [
        `ssh${port}${key}${jump} ${target}`,
        `docker -H ${url} info`,
        `export DOCKER_HOST=${url}`,
        `# the remote socket is ${transport.remoteSocket}; the docker CLI needs docker on the remote for ssh://`,
      ].join('\n');
    }
  }
}
