import type { ContainerSummary, HostSnapshot } from '../../shared/snapshot.js';
import { readDiskUsage } from '../../shared/docker/disk-usage.js';
import type { DiskUsage } from '../../shared/snapshot.js';
import { type ContainerRefreshLimits, ContainerRefreshQueue, defaultContainerRefreshLimits } from './container-refresh-queue.js';
import { DiskUsageReads } from './disk-usage-reads.js';
import type { DockerEvent } from './events-stream.js';
import { type DiskUsagePacer, daemonKeyOf } from './fleet/disk-usage-pacer.js';
import { readAllContainers, readContainersById, readSnapshot } from './snapshot-reader.js';
import type { DockerConnection } from './transports/docker-connection.js';

const diskUsageRefreshDelayMs = 1_000;

/** Where a live connection's follow-up reads land; the session drops them once the connection is superseded. */
export interface LiveConnectionTarget {
  /** The containers shown now (null once superseded: the queue then reads nothing). */
  containers(): readonly ContainerSummary[] | null;
  publishContainers(containers: ContainerSummary[]): void;
  publishDiskUsage(diskUsage: DiskUsage | null): void;
  /** A container read failed: the connection is treated as lost. */
  failed(error: unknown): void;
}

export interface LiveConnectionOptions {
  /** Fleet-wide: at most one /system/df per daemon at once (absent: paced per connection only). */
  diskUsagePacer?: DiskUsagePacer | undefined;
  containerRefresh?: ContainerRefreshLimits | undefined;
}

/**
 * What a live session holds for one open connection: `/version` (read once, since it cannot change
 * while the connection lasts), paced disk-usage reads and the queue that turns container events
 * into container reads. Disk usage is paced by which daemon answers (its /info ID, else the
 * endpoint), known once the first /info of the connection is read.
 */
export class LiveConnection {
  readonly version: Promise<unknown>;
  readonly diskUsage: DiskUsageReads;
  private readonly containerRefresh: ContainerRefreshQueue;
  private readonly daemonKey: Promise<string>;
  private knowDaemon!: (key: string) => void;

  constructor(
    readonly connection: DockerConnection,
    private readonly hostId: string,
    target: LiveConnectionTarget,
    options: LiveConnectionOptions = {},
  ) {
    const { api } = connection;
    this.version = api.get('/version');
    // Awaited by the first snapshot read; this keeps a failure seen only there from being unhandled.
    this.version.catch(() => undefined);
    this.daemonKey = new Promise<string>((resolve) => (this.knowDaemon = resolve));
    const pacer = options.diskUsagePacer;
    const readDf = () => api.get('/system/df');
    this.diskUsage = new DiskUsageReads(pacer ? () => pacer.run(this.daemonKey, readDf) : readDf, diskUsageRefreshDelayMs, (df) =>
      target.publishDiskUsage(readDiskUsage(df)),
    );
    this.containerRefresh = new ContainerRefreshQueue(
      { byIds: (ids) => readContainersById(api, ids), all: () => readAllContainers(api) },
      {
        current: () => target.containers(),
        publish: (containers) => target.publishContainers(containers),
        failed: (error) => target.failed(error),
      },
      options.containerRefresh ?? defaultContainerRefreshLimits,
    );
  }

  /** The whole snapshot; without disk usage (null) unless `withDiskUsage`. */
  readSnapshot(withDiskUsage = true): Promise<HostSnapshot> {
    const { api, endpoint } = this.connection;
    const info = api.get('/info');
    info.then(
      (body) => this.knowDaemon(daemonKeyOf(body, endpoint)),
      () => this.knowDaemon(daemonKeyOf(undefined, endpoint)),
    );
    return readSnapshot(api, this.hostId, {
      version: this.version,
      info,
      diskUsage: withDiskUsage ? () => this.diskUsage.read() : () => Promise.resolve(null),
    });
  }

  /** A Docker event seen for the first time: the container and disk-usage reads it calls for. */
  follow(event: DockerEvent): void {
    if (event.type === 'container' && event.id !== '') {
      if (event.action === 'destroy') this.containerRefresh.destroyed(event.id);
      else if (event.action === 'die') this.containerRefresh.stopped(event.id);
      else if (!event.action.startsWith('exec_')) this.containerRefresh.changed(event.id);
    }
    if (['container', 'image', 'volume', 'builder'].includes(event.type)) this.diskUsage.requestRefresh();
  }

  /** Stops the follow-up reads (the connection itself is closed by the session). */
  dispose(): void {
    this.containerRefresh.dispose();
    this.diskUsage.dispose();
  }
}
