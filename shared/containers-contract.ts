import { z } from 'zod';
import type { AuditList, ContainerActionResult, ContainerDetail, ExecEvent, LogsEvent, StatsEvent, TopConsumers } from './containers.js';

/**
 * The container features' part of the contract (spread into shared/contract.ts): detail, logs,
 * exec, stats, top consumers, actions and the audit log.
 *
 * Streams (logs, exec, stats): `*:open` answers a `streamId`; events arrive on the kind's push
 * channel (`logs:event`, `exec:event`, `stats:event`) only to the client that opened the stream;
 * `*:close` ends it. Main closes every stream of a client that detaches or reloads, and ends an
 * exec's process inside the container when its stream closes.
 *
 * Mutations (`containers:action`) are decided in main: a host whose profile has `readOnly` refuses
 * them with READ_ONLY before any request reaches the daemon; on a host tagged `production` the
 * destructive ones (see isDestructive) need `confirmation` equal to requiredConfirmation(names),
 * else PRODUCTION_CONFIRMATION_REQUIRED / PRODUCTION_CONFIRMATION_MISMATCH. Every action, refused
 * or not, is appended to the audit log.
 */

const hostId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
/** A container id (full or a unique prefix) or name. */
const containerRef = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'give a container id or name');
const streamId = z.string().min(1).max(64);
/**
 * A point in time as `docker logs --since` takes it: RFC 3339 (`2024-05-01T10:00:00Z`), unix
 * seconds (`1714557600` or `1714557600.123456789`), or a duration back from now (`10m`, `1h30m`).
 */
export const logTimeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(
    /^(\d+(\.\d{1,9})?|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+|\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?)$/,
    'give an RFC 3339 time, unix seconds, or a duration such as 10m',
  );
const signal = z
  .string()
  .regex(/^(SIG)?[A-Z0-9+-]{1,12}$|^\d{1,2}$/, 'give a signal name such as SIGTERM or a number')
  .default('SIGKILL');
/** Terminal size in character cells. */
const cols = z.number().int().min(1).max(1000);
const rows = z.number().int().min(1).max(1000);

export const logsDefaults = { tail: 500 };

export const containersInvokeSchemas = {
  /** Inspect, parsed for the Overview (CONTAINER_NOT_FOUND when it is gone). */
  'containers:inspect': z.object({ hostId, containerId: containerRef }).strict(),
  /**
   * Opens a log stream. `tail`: lines from the end ('all' for every line), `since` / `until` as
   * logTimeSchema. Every line carries the daemon's timestamp (always requested), so showing
   * timestamps is the renderer's choice. With `follow` false the stream ends after the last line.
   */
  'logs:open': z
    .object({
      hostId,
      containerId: containerRef,
      follow: z.boolean().default(true),
      tail: z.union([z.number().int().min(0).max(1_000_000), z.literal('all')]).default(logsDefaults.tail),
      since: logTimeSchema.optional(),
      until: logTimeSchema.optional(),
    })
    .strict(),
  'logs:close': z.object({ streamId }).strict(),
  /**
   * Starts a process in a running container with a TTY of `cols`×`rows`: `command` as argv
   * (`['sh']`, `['bash']`, or a custom command split into words). CONTAINER_NOT_RUNNING for a
   * stopped container; EXEC_COMMAND_NOT_FOUND when the command does not exist in the image.
   */
  'exec:open': z
    .object({
      hostId,
      containerId: containerRef,
      command: z.array(z.string().min(1).max(4096)).min(1).max(64),
      user: z
        .string()
        .max(256)
        .regex(/^[A-Za-z0-9_.:-]*$/, 'give a user name or uid[:gid]')
        .optional(),
      workingDir: z.string().max(4096).optional(),
      cols,
      rows,
    })
    .strict(),
  /** Keystrokes / pasted text to the process (UTF-8). */
  'exec:input': z.object({ streamId, data: z.string().max(64 * 1024) }).strict(),
  'exec:resize': z.object({ streamId, cols, rows }).strict(),
  /** Closes the terminal: the process inside the container is ended (EOF, then HUP, then KILL). */
  'exec:close': z.object({ streamId }).strict(),
  /** Live stats of one container, a sample about every second. */
  'stats:open': z.object({ hostId, containerId: containerRef }).strict(),
  'stats:close': z.object({ streamId }).strict(),
  /** One reading of every running container of a host, the top `limit` by CPU and by memory. */
  'stats:top': z.object({ hostId, limit: z.number().int().min(1).max(50).default(5) }).strict(),
  /**
   * start, stop, restart, kill, pause, unpause, remove on one container or many (a result per
   * container, in order). `confirmation`: what the operator typed (production hosts, destructive
   * actions). `timeoutSeconds`: stop/restart grace period before SIGKILL (daemon default when absent).
   */
  'containers:action': z
    .object({
      hostId,
      action: z.enum(['start', 'stop', 'restart', 'kill', 'pause', 'unpause', 'remove']),
      containerIds: z.array(containerRef).min(1).max(500),
      signal: signal.optional(),
      force: z.boolean().default(false),
      removeVolumes: z.boolean().default(false),
      timeoutSeconds: z.number().int().min(0).max(3600).optional(),
      confirmation: z.string().max(300).optional(),
    })
    .strict(),
  'containers:rename': z
    .object({
      hostId,
      containerId: containerRef,
      newName: z
        .string()
        .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]{0,253}$/, 'a name starts with a letter or digit and holds letters, digits, _ . -'),
    })
    .strict(),
  /** The newest audit entries first, optionally of one host. */
  'audit:list': z.object({ hostId: hostId.optional(), limit: z.number().int().min(1).max(10_000).default(500) }).strict(),
} as const;

export type ContainersInvokeChannel = keyof typeof containersInvokeSchemas;

export interface ContainersInvokeResults {
  'containers:inspect': ContainerDetail;
  /** `tty`: the container has a TTY, so its log is one raw stream ('tty' lines). */
  'logs:open': { streamId: string; tty: boolean };
  'logs:close': null;
  'exec:open': { streamId: string; execId: string };
  'exec:input': null;
  'exec:resize': null;
  'exec:close': null;
  'stats:open': { streamId: string };
  'stats:close': null;
  'stats:top': TopConsumers;
  'containers:action': ContainerActionResult;
  'containers:rename': ContainerActionResult;
  'audit:list': AuditList;
}

export interface ContainersPushEvents {
  'logs:event': LogsEvent;
  'exec:event': ExecEvent;
  'stats:event': StatsEvent;
}
