import type { CleanupKind } from './cleanup.js';
import type { ErrorEnvelope } from './errors.js';

/**
 * DTOs of the container features (detail, logs, exec, stats, actions, audit) as main sends them.
 * Their channels and input schemas are in shared/containers-contract.ts.
 */

export interface ContainerHealthCheck {
  start: string;
  end: string;
  exitCode: number;
  /** The check's output as the daemon kept it (it keeps at most 4 KB). */
  output: string;
}

export interface ContainerHealth {
  /** 'starting' | 'healthy' | 'unhealthy' | 'none', as the daemon reports it. */
  status: string;
  failingStreak: number;
  lastCheck?: ContainerHealthCheck;
}

export interface ContainerStateDetail {
  /** created | running | paused | restarting | removing | exited | dead */
  status: string;
  running: boolean;
  paused: boolean;
  restarting: boolean;
  oomKilled: boolean;
  dead: boolean;
  exitCode: number;
  /** The daemon's error text for the last start, '' when none. */
  error: string;
  pid: number;
  health?: ContainerHealth;
}

export interface ContainerPortBinding {
  containerPort: number;
  protocol: string;
  hostIp?: string;
  hostPort?: number;
}

export interface ContainerMountDetail {
  type: string;
  source: string;
  destination: string;
  mode: string;
  readWrite: boolean;
  /** Named volumes: the volume's name and driver. */
  name?: string;
  driver?: string;
}

export interface ContainerNetworkDetail {
  name: string;
  ipAddress: string;
  ipPrefixLength: number;
  ipv6Address: string;
  gateway: string;
  macAddress: string;
  aliases: string[];
}

export interface ContainerEnvVar {
  name: string;
  /** The value as the container has it: not a secret of Berth's, but the UI masks it until revealed. */
  value: string;
}

/** A container's inspect output reduced to what the Overview shows, plus the raw JSON. */
export interface ContainerDetail {
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  entrypoint: string[];
  command: string[];
  workingDir: string;
  user: string;
  hostname: string;
  tty: boolean;
  /** ISO times; startedAt / finishedAt are null when the container never started / finished. */
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  state: ContainerStateDetail;
  restartPolicy: { name: string; maximumRetryCount: number };
  restartCount: number;
  ports: ContainerPortBinding[];
  mounts: ContainerMountDetail[];
  networkMode: string;
  networks: ContainerNetworkDetail[];
  labels: Record<string, string>;
  /** com.docker.compose.project / service / working_dir / config_files, when the container belongs to a compose project. */
  compose?: { project: string; service?: string; workingDir?: string; configFiles?: string };
  env: ContainerEnvVar[];
  /** The inspect JSON, pretty-printed (cut at 1 MB with a note in `notes`). */
  raw: string;
  /** What was cut or could not be read (lists capped, long values shortened). */
  notes: string[];
}

/** stdout / stderr of a non-TTY container (demultiplexed); 'tty' for a TTY container's raw stream. */
export type LogStreamName = 'stdout' | 'stderr' | 'tty';

export interface LogLine {
  stream: LogStreamName;
  /** The daemon's timestamp of the line (RFC 3339 with nanoseconds), always requested; '' if the daemon sent none. */
  time: string;
  /** The line without its newline; ANSI escapes kept (the UI renders them). */
  text: string;
  /** Set when the line was longer than logLineMaxBytes: its full length in bytes (the text is cut). */
  cutFromBytes?: number;
}

/** The longest line kept whole; longer ones are cut with `cutFromBytes` set. */
export const logLineMaxBytes = 64 * 1024;

export type LogsEvent =
  | { streamId: string; type: 'lines'; lines: LogLine[] }
  /** The connection dropped; main resumes by itself when the host is back (then `resumed`). */
  | { streamId: string; type: 'disconnected'; error: ErrorEnvelope }
  /** Following again from `since` (the last timestamp seen); lines at that exact time already shown are not repeated. */
  | { streamId: string; type: 'resumed'; since: string }
  /** No more lines: the log was read to its end (not following), the container is gone, or the stream failed for good. */
  | { streamId: string; type: 'ended'; error?: ErrorEnvelope };

export type ExecEvent =
  /** Output bytes (stdout and stderr as the TTY mixes them), base64-encoded. */
  | { streamId: string; type: 'output'; data: string }
  /** The process ended (exitCode from the daemon, null when unknown) or the stream failed (error). */
  | { streamId: string; type: 'exit'; exitCode: number | null; error?: ErrorEnvelope };

/** One `docker stats` reading, computed the way the docker CLI computes it. */
export interface StatsSample {
  /** ms since the epoch, from the daemon's `read` field. */
  time: number;
  /** CPU % of one CPU (so up to onlineCpus × 100), as `docker stats` shows it. */
  cpuPercent: number;
  onlineCpus: number;
  /** Memory in use without page cache (usage − inactive_file on cgroup v2, − total_inactive_file / cache on v1). */
  memoryUsage: number;
  memoryLimit: number;
  memoryPercent: number;
  networkRx: number;
  networkTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

export type StatsEvent =
  | { streamId: string; type: 'sample'; sample: StatsSample }
  | { streamId: string; type: 'disconnected'; error: ErrorEnvelope }
  | { streamId: string; type: 'resumed' }
  | { streamId: string; type: 'ended'; error?: ErrorEnvelope };

export interface TopConsumer {
  containerId: string;
  name: string;
  cpuPercent: number;
  memoryUsage: number;
  memoryLimit: number;
  memoryPercent: number;
}

export interface TopConsumers {
  hostId: string;
  /** ms since the epoch */
  at: number;
  /** Running containers read (at most `limit` of them are listed in each order). */
  running: number;
  byCpu: TopConsumer[];
  byMemory: TopConsumer[];
  /** Containers whose stats could not be read (e.g. removed meanwhile). */
  unreadable: number;
}

export const containerActions = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove', 'rename'] as const;
export type ContainerAction = (typeof containerActions)[number];

/** Actions that need a confirmation in the UI (and, on a production host, the typed one in main). */
export const destructiveActions: readonly ContainerAction[] = ['stop', 'restart', 'kill', 'remove'];

/** Whether an action on `count` containers is destructive: stop, restart, kill, remove, and every bulk action. */
export function isDestructive(action: ContainerAction, count: number): boolean {
  return count > 1 || destructiveActions.includes(action);
}

/**
 * What the operator types on a production host: the container's name for one container, the
 * count for a bulk action. Main compares the action's `confirmation` with this exactly.
 */
export function requiredConfirmation(containerNames: readonly string[]): string {
  return containerNames.length === 1 ? (containerNames[0] ?? '') : String(containerNames.length);
}

export type ContainerActionOutcome =
  { containerId: string; name?: string; ok: true } | { containerId: string; name?: string; ok: false; error: ErrorEnvelope };

export interface ContainerActionResult {
  action: ContainerAction;
  results: ContainerActionOutcome[];
}

/** Audited actions beyond the container actions. */
export type AuditResourceAction =
  'image-remove' | 'volume-remove' | 'network-remove' | 'compose-start' | 'compose-stop' | 'compose-restart';

export interface AuditEntry {
  /** ISO time */
  time: string;
  /** The OS user running Berth. */
  user: string;
  hostId: string;
  hostName: string;
  /** A container action, a resource removal, a compose project action (`compose-stop`, …) or `prune:<kind>` (shared/cleanup.ts). */
  action: ContainerAction | AuditResourceAction | `prune:${CleanupKind}`;
  /** Container names (or ids when the name is unknown), the resource's ref, or for a prune what the daemon reported removed. */
  targets: string[];
  /** Parameters that are not secrets: signal, force, volumes, new name. */
  details?: Record<string, string | number | boolean>;
  /** `unknown`: a prune whose connection failed while it ran. */
  result: 'ok' | 'error' | 'partial' | 'unknown';
  /** The error code when refused or failed (the first one for a partial bulk). */
  errorCode?: string;
}

export interface AuditList {
  entries: AuditEntry[];
  /** Rotation of the JSON-lines file: `files` files of at most `maxBytes` each are kept. */
  rotation: { maxBytes: number; files: number };
}
