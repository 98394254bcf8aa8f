import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CrowdedDaemon {
  port: number;
  /** Bytes of the `/containers/json` answer. */
  listBytes: number;
  close(): Promise<void>;
}

/** One container as a real daemon lists it (API 1.41), with compose labels, a mount and a network. */
function listedContainer(index: number): Record<string, unknown> {
  const id = index.toString(16).padStart(12, '0').repeat(6).slice(0, 64);
  const service = `service-${index % 97}`;
  return {
    Id: id,
    Names: [`/crowd-${service}-${index}`],
    Image: `registry.example.internal/team/${service}:1.${index % 50}.0`,
    ImageID: `sha256:${id}`,
    Command: `/usr/local/bin/entrypoint.sh --serve --port ${8000 + (index % 1000)}`,
    Created: 1_750_000_000 - index,
    Ports: [{ PrivatePort: 8080, Type: 'tcp' }],
    Labels: {
      'com.docker.compose.config-hash': id,
      'com.docker.compose.container-number': String(index),
      'com.docker.compose.oneoff': 'False',
      'com.docker.compose.project': 'crowd',
      'com.docker.compose.project.config_files': '/srv/crowd/compose.yaml',
      'com.docker.compose.project.working_dir': '/srv/crowd',
      'com.docker.compose.service': service,
      'com.docker.compose.version': '2.29.7',
      'com.docker.compose.image': `sha256:${id}`,
      'com.docker.compose.depends_on': 'database:service_healthy:false,cache:service_started:false',
      'org.opencontainers.image.source': `https://git.example.internal/team/${service}`,
      'org.opencontainers.image.revision': id.slice(0, 40),
    },
    State: index % 3 === 0 ? 'exited' : 'running',
    Status: index % 3 === 0 ? 'Exited (0) 3 hours ago' : 'Up 3 hours',
    HostConfig: { NetworkMode: 'crowd_default' },
    NetworkSettings: {
      Networks: {
        crowd_default: {
          IPAMConfig: null,
          Links: null,
          Aliases: null,
          NetworkID: id,
          EndpointID: id,
          Gateway: '172.18.0.1',
          IPAddress: `172.18.${(index >> 8) & 255}.${index & 255}`,
          IPPrefixLen: 16,
          MacAddress: '02:42:ac:12:00:02',
        },
      },
    },
    Mounts: [
      {
        Type: 'volume',
        Name: `crowd_data_${index}`,
        Source: `/var/lib/docker/volumes/crowd_data_${index}/_data`,
        Destination: '/data',
        Driver: 'local',
        Mode: 'z',
        RW: true,
        Propagation: '',
      },
    ],
  };
}

/**
 * A fake Docker daemon on 127.0.0.1 that lists `count` containers (40,000 make an answer of
 * about 70 MB): the rest of the API answers what Berth reads to connect, and `/events` stays
 * open and silent.
 */
export async function startCrowdedDaemon(count: number): Promise<CrowdedDaemon> {
  const list = Buffer.from(JSON.stringify(Array.from({ length: count }, (_, index) => listedContainer(index))));
  const json = (response: http.ServerResponse, body: unknown) => {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Api-Version': '1.41' });
    response.end(JSON.stringify(body));
  };
  const events = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://daemon');
    const path = pathname.replace(/^\/v1\.\d+/, '');
    if (path === '/_ping') {
      response.writeHead(200, { 'Content-Type': 'text/plain', 'Api-Version': '1.41' });
      return void response.end('OK');
    }
    if (path === '/version')
      return json(response, { Version: '24.0.0', ApiVersion: '1.41', MinAPIVersion: '1.12', Os: 'linux', Arch: 'amd64' });
    if (path === '/info') {
      return json(response, {
        ServerVersion: '24.0.0',
        Name: 'crowded',
        Driver: 'overlay2',
        DriverStatus: [['Backing Filesystem', 'extfs']],
        Containers: count,
        OSType: 'linux',
      });
    }
    if (path === '/containers/json') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': list.length });
      return void response.end(list);
    }
    if (path === '/system/df') return json(response, { LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] });
    if (path === '/events') {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.flushHeaders();
      events.add(response);
      return void response.on('close', () => events.delete(response));
    }
    response.writeHead(404, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ message: `page not found: ${path}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    listBytes: list.length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of events) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
