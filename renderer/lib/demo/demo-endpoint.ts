import type { ParsedEndpoint } from '../../../shared/contract';
import type { ErrorEnvelope } from '../../../shared/errors';

/**
 * A small stand-in for the main side's endpoint parser, for the demo bridge only: enough to
 * show how pasting `tcp://…`, `ssh://…` or `unix://…` fills the form.
 */
export function parseDemoEndpoint(url: string): ParsedEndpoint | ErrorEnvelope {
  const text = url.trim();
  if (text === '')
    return {
      code: 'INVALID_ENDPOINT',
      message: 'The Docker endpoint is empty. Give one like tcp://10.0.0.5:2376, ssh://user@host or unix:///var/run/docker.sock.',
    };
  if (text.startsWith('/')) return { transport: { type: 'unix', socketPath: text } };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (!scheme)
    return { code: 'INVALID_ENDPOINT', message: `"${text}" is not a Docker endpoint URL. Write it with a scheme, e.g. tcp://${text}.` };
  const rest = text.slice(scheme.length + 3);
  if (scheme === 'unix') return { transport: { type: 'unix', socketPath: rest === '' ? '/var/run/docker.sock' : rest } };
  if (scheme === 'npipe') return { transport: { type: 'npipe', pipePath: rest === '' ? '//./pipe/docker_engine' : rest } };
  let parsed: URL;
  try {
    parsed = new URL(`${scheme === 'ssh' ? 'ssh' : 'http'}://${rest}`);
  } catch {
    return { code: 'INVALID_ENDPOINT', message: `"${text}" is not a valid URL. Check the host and port, e.g. tcp://10.0.0.5:2376.` };
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') return { code: 'INVALID_ENDPOINT', message: `"${text}" names no host.` };
  const port = parsed.port === '' ? undefined : Number(parsed.port);
  switch (scheme) {
    case 'tcp':
    case 'http':
      return { transport: { type: 'tcp', host, port: port ?? 2375 } };
    case 'https':
      // As the main side's parser: a URL alone carries no certificates.
      return {
        code: 'INVALID_ARGUMENT',
        message: `"${text}" asks for TLS but no certificates were given. Pass --tlscacert, --tlscert and --tlskey, or set DOCKER_CERT_PATH.`,
      };
    case 'ssh': {
      const user = decodeURIComponent(parsed.username);
      if (user === '') return { code: 'INVALID_ENDPOINT', message: `"${text}" names no user. Write it like ssh://deploy@${host}.` };
      const remoteSocket = parsed.pathname !== '' && parsed.pathname !== '/' ? parsed.pathname : '/var/run/docker.sock';
      return { transport: { type: 'ssh', host, port: port ?? 22, user, auth: { method: 'agent' }, remoteSocket } };
    }
    default:
      return {
        code: 'UNSUPPORTED_SCHEME',
        message: `Unsupported scheme "${scheme}://". Berth speaks unix://, tcp://, ssh:// and npipe://.`,
      };
  }
}
