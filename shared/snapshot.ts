import type { ErrorEnvelope } from './errors.js';

/** What `/version` and `/info` say about a daemon, reduced to what an operator reads. */
export interface DaemonSummary {
  serverVersion: string;
  apiVersion: string;
  minApiVersion?: string;
  os: string;
  osType: string;
  kernelVersion: string;
  architecture: string;
  cpus: number;
  memoryBytes: number;
  name: string;
  dockerRootDir: string;
  loggingDriver: string;
  cgroupDriver: string;
  cgroupVersion: string;
  securityOptions: string[];
  insecureRegistries: string[];
  registryMirrors: string[];
  /** Warnings the daemon itself reports in `/info`. */
  daemonWarnings: string[];
}

export type StorageWarningLevel = 'info' | 'warning' | 'critical';

export interface StorageWarning {
  level: StorageWarningLevel;
  code:
    | 'LOOP_LVM'
    | 'D_TYPE_UNSUPPORTED'
    | 'DRIVER_REMOVED'
    | 'POOL_DATA_HIGH'
    | 'POOL_METADATA_HIGH'
    | 'POOL_BELOW_MIN_FREE_SPACE'
    | 'UNREADABLE_STATUS';
  message: string;
}

/** devicemapper thin-pool figures, all sizes in bytes (decimal units as Docker prints them). */
export interface ThinPoolReading {
  poolName?: string;
  poolBlocksize?: number;
  baseDeviceSize?: number;
  backingFilesystem?: string;
  dataFile?: string;
  metadataFile?: string;
  /** `Data loop file` / `Metadata loop file`: the sparse files behind a loop-lvm pool. */
  dataLoopFile?: string;
  metadataLoopFile?: string;
  /**
   * true when `Data loop file` or `Metadata loop file` is reported (or the data file is a
   * `/dev/loopN` device): loop-lvm, unfit for production.
   */
  loopLvm: boolean;
  dataUsed?: number;
  dataTotal?: number;
  dataAvailable?: number;
  metadataUsed?: number;
  metadataTotal?: number;
  metadataAvailable?: number;
  /** used / total (0..1), when both are known and total > 0. Total is not always used + available. */
  dataUsedFraction?: number;
  metadataUsedFraction?: number;
  thinPoolMinimumFreeSpace?: number;
  udevSyncSupported?: boolean;
  deferredRemovalEnabled?: boolean;
  deferredDeletionEnabled?: boolean;
  deferredDeletedDeviceCount?: number;
  libraryVersion?: string;
}

export type DriverReading =
  | {
      driver: 'overlay2' | 'overlay';
      backingFilesystem?: string;
      supportsDType?: boolean;
      nativeOverlayDiff?: boolean;
      userxattr?: boolean;
    }
  | { driver: 'devicemapper'; pool: ThinPoolReading }
  | { driver: 'btrfs'; buildVersion?: string; libraryVersion?: number }
  | {
      driver: 'zfs';
      zpool?: string;
      zpoolHealth?: string;
      parentDataset?: string;
      space?: { used?: number; available?: number };
      parentQuota?: string;
      compression?: string;
    }
  | {
      driver: 'aufs';
      rootDir?: string;
      backingFilesystem?: string;
      dirs?: number;
      dirperm1Supported?: boolean;
    }
  | { driver: 'vfs' }
  | { driver: 'other'; name: string };

export interface StorageReading {
  driver: string;
  /** `DriverStatus` exactly as the daemon sent it, in order. */
  status: Array<[string, string]>;
  reading: DriverReading;
  /** devicemapper only: the pool figures, also reachable as reading.pool. */
  pool?: ThinPoolReading;
  warnings: StorageWarning[];
}

export interface DiskUsageCategory {
  count: number;
  active: number;
  sizeBytes: number;
  reclaimableBytes: number;
}

export interface DiskUsage {
  images: DiskUsageCategory;
  containers: DiskUsageCategory;
  volumes: DiskUsageCategory;
  buildCache: DiskUsageCategory;
  /** Which `/system/df` shape the daemon answered with. */
  shape: 'legacy' | 'summary';
}

export interface PortBinding {
  privatePort: number;
  publicPort?: number;
  ip?: string;
  type: string;
}

export type ContainerState =
  | 'created'
  | 'running'
  | 'paused'
  | 'restarting'
  | 'removing'
  | 'exited'
  | 'dead'
  /** The daemon sent no state Berth recognises (neither `State` nor a readable `Status`). */
  | 'unknown';

export interface ContainerSummary {
  id: string;
  names: string[];
  image: string;
  state: ContainerState;
  /** As the daemon worded it at the read ("Up 11 minutes"); show it through currentStatus (shared/container-status.ts). */
  status: string;
  /** When the state in `status` began (epoch ms, read back from its duration); absent when the status carries none. */
  statusSince?: number;
  ports: PortBinding[];
  /** Unix seconds, as the daemon reports it. */
  created: number;
  labels: Record<string, string>;
}

/**
 * Same split as the daemon's own `ContainersRunning` / `ContainersPaused` / `ContainersStopped`
 * in `/info`: `stopped` is every container that is neither running nor paused, which includes
 * created, exited, dead, removing and also restarting (the daemon counts a restarting container
 * as stopped too).
 */
export interface ContainerCounts {
  total: number;
  running: number;
  paused: number;
  stopped: number;
}

/**
 * What Berth left out of a daemon's answers because it passed Berth's stated maxima (see
 * shared/docker/daemon-limits.ts). Absent when nothing was cut.
 */
export interface SnapshotTruncation {
  /** The daemon listed `listed` containers; Berth keeps the first `kept` (newest first). `counts` cover all of them. */
  containers?: { kept: number; listed: number };
  /** Kept containers with a field cut: a long name, image, status or label shortened, or names, labels or ports beyond the maxima dropped. */
  containersWithCutFields?: number;
  /** Texts of `/info` shortened or its lists (driver status, security options, registries, warnings) cut. */
  daemonInfoCut?: boolean;
}

export interface HostSnapshot {
  hostId: string;
  summary: DaemonSummary;
  storage: StorageReading;
  diskUsage: DiskUsage | null;
  containers: ContainerSummary[];
  counts: ContainerCounts;
  /** Present when something the daemon sent passed Berth's maxima and was cut. */
  truncated?: SnapshotTruncation;
  /** Epoch milliseconds of the last full read or event-driven update. */
  updatedAt: number;
}

export type HostStatus =
  | { state: 'idle' }
  | { state: 'connecting' }
  /**
   * `standby`: the host is not held live (see shared/fleet-contract.ts): it answered its last
   * health read at `checkedAt`, the next is due at `nextCheckAt`; what is shown is from that read.
   */
  | { state: 'ready'; since: number; standby?: { checkedAt: number; nextCheckAt: number } }
  | { state: 'reconnecting'; attempt: number; nextAttemptAt: number; lastError: ErrorEnvelope }
  | { state: 'failed'; error: ErrorEnvelope; hostKey?: HostKeyPrompt }
  | { state: 'needs-host-key-confirmation'; hostKey: HostKeyPrompt };

export type HostState = HostStatus['state'];

export interface HostKeyPrompt {
  host: string;
  port: number;
  keyType: string;
  /** As `ssh-keygen -lf` prints it: `SHA256:` and unpadded base64. */
  fingerprint: string;
  /** Set when a different key is on record: a possible attack, never accepted automatically. */
  changed: boolean;
  /** The fingerprint on record, when `changed`. */
  knownFingerprint?: string;
  /** The type of the key on record, when `changed`: may differ from `keyType` (still a changed key). */
  knownKeyType?: string;
  /**
   * Set when the key is a jump host's, not the Docker host's: its place in the chain (1-based;
   * `count` jump hosts precede the Docker host). Trusting it trusts host:port like any other key.
   */
  jump?: { number: number; count: number };
}
