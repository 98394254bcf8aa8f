import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { HostProfile } from '../shared/profile.js';
import type { AnyPushMessage } from '../main/core/app/push-queue.js';
import type { BerthService } from '../main/core/app/berth-service.js';
import type { DockerConnection } from '../main/core/transports/docker-connection.js';

/** Test helpers for BerthService: temp dirs that clean up, a fake daemon, and a push recorder. */
export class TempDirs {
  private readonly dirs: string[] = [];

  make(prefix = 'berth-app-'): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

const version = { Version: '20.10.24', ApiVersion: '1.41', Os: 'linux', Arch: 'amd64', KernelVersion: '6.1.0' };
const info = { Driver: 'overlay2', DriverStatus: [['Backing Filesystem', 'extfs']], ServerVersion: '20.10.24', NCPU: 2 };
const containers = [
  { Id: 'a1', Names: ['/a1'], Image: 'busybox', State: 'running', Status: 'Up', Ports: [], Created: 1, Labels: {} },
  { Id: 'b2', Names: ['/b2'], Image: 'busybox', State: 'exited', Status: 'Exited', Ports: [], Created: 2, Labels: {} },
];

/** A daemon that answers like dockerd 20.10 and records the profiles it was opened with. */
export class FakeDaemon {
  readonly opened: HostProfile[] = [];
  private readonly streams: PassThrough[] = [];

  readonly open = async (profile: HostProfile): Promise<DockerConnection> => {
    this.opened.push(profile);
    const get = async (apiPath: string) => {
      if (apiPath === '/version') return version;
      if (apiPath === '/info') return info;
      if (apiPath === '/system/df') return { LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] };
      if (apiPath === '/_ping') return 'OK';
      if (apiPath === '/containers/json') return containers;
      throw new Error(`unexpected ${apiPath}`);
    };
    const streams = this.streams;
    return {
      endpoint: 'tcp://fake:2375',
      api: { get, post: get } as unknown as DockerConnection['api'],
      streamApi: {
        stream: async () => {
          const stream = new PassThrough();
          streams.push(stream);
          return stream as unknown as IncomingMessage;
        },
      } as unknown as DockerConnection['streamApi'],
      docker: {} as DockerConnection['docker'],
      onLost: () => undefined,
      openSockets: () => ({ requests: 0, streams: 0, free: 0 }),
      close: async () => undefined,
    };
  };
}

/** Attaches to a service and records every push it receives. */
export function recordPushes(service: BerthService, ready = true): { messages: AnyPushMessage[]; detach: () => void } {
  const messages: AnyPushMessage[] = [];
  const client = service.attachClient((message) => messages.push(message));
  if (ready) client.ready();
  return { messages, detach: () => client.detach() };
}
