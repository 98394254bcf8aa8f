import http from 'node:http';
import https from 'node:https';
import { checkServerIdentity as tlsCheckServerIdentity } from 'node:tls';
import type Dockerode from 'dockerode';
import { type Transport, describeTransport } from '../../../shared/profile.js';
import { type DockerConnection, assembleConnection } from './assemble-connection.js';
import type { ConnectOptions } from './connect-options.js';
import { loadPem } from './pem.js';
import { openSshTunnel } from './ssh-tunnel.js';

export type { ConnectOptions, DockerConnection };

export async function openDockerConnection(transport: Transport, options: ConnectOptions): Promise<DockerConnection> {
  const endpoint = describeTransport(transport);
  switch (transport.type) {
    case 'unix':
      return fromAgents(endpoint, false, options, { socketPath: transport.socketPath }, () => new http.Agent({ keepAlive: true }));
    case 'npipe':
      return fromAgents(endpoint, false, options, { socketPath: transport.pipePath }, () => new http.Agent({ keepAlive: true }));
    case 'tcp':
      return fromAgents(
        endpoint,
        false,
        options,
        { protocol: 'http', host: transport.host, port: transport.port },
        () => new http.Agent({ keepAlive: true }),
      );
    case 'tls': {
      const [ca, cert, key] = await Promise.all([
        loadPem(transport.ca, 'CA certificate'),
        loadPem(transport.cert, 'client certificate'),
        loadPem(transport.key, 'client key'),
      ]);
      // rejectUnauthorized stays true: Berth never weakens certificate checks.
      const tlsOptions = { ca, cert, key, rejectUnauthorized: true, ...(transport.serverName ? { servername: transport.serverName } : {}) };
      const checkName = transport.serverName;
      return fromAgents(
        endpoint,
        true,
        options,
        { protocol: 'https', host: transport.host, port: transport.port, ca, cert, key },
        () =>
          new https.Agent({
            keepAlive: true,
            ...tlsOptions,
            ...(checkName ? { checkServerIdentity: (_host: string, peer) => tlsCheckServerIdentity(checkName, peer) } : {}),
          }),
      );
    }
    case 'ssh':
      return openSshTunnel(transport, endpoint, options);
  }
}

function fromAgents(
  endpoint: string,
  tls: boolean,
  options: ConnectOptions,
  modemOptions: Dockerode.DockerOptions,
  makeAgent: () => http.Agent,
): DockerConnection {
  return assembleConnection({
    endpoint,
    tls,
    timeoutMs: options.timeoutMs,
    modemOptions,
    requestAgent: makeAgent(),
    streamAgent: makeAgent(),
  });
}
