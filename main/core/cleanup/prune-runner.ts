import type { CleanupKind, KindPreview, PruneResult } from '../../../shared/cleanup.js';
import { cleanupKindLabels } from '../../../shared/cleanup.js';
import type { AuditEntry } from '../../../shared/containers.js';
import { apiAtLeast, readPruneReport } from '../../../shared/docker/prune-preview.js';
import { errorKindOf } from '../../../shared/errors.js';
import type { AuditLog } from '../containers/audit-log.js';
import { type ConnectionSource, pause, requireConnection } from '../containers/container-access.js';
import { BerthError, toEnvelope } from '../errors.js';
import type { Query } from '../transports/docker-api.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { type PreviewSource, readCleanupPreview } from './prune-preview-reader.js';

export { previewSource };

export interface PruneHost {
  id: string;
  name: string;
  readOnly: boolean;
  production: boolean;
  connection: ConnectionSource;
  /** The session's paced /system/df, or null while the host is not ready. */
  readDiskUsage(): Promise<unknown> | null;
}

export interface PruneRequest {
  kind: CleanupKind;
  includeNamedVolumes: boolean;
  confirmation?: string | undefined;
}

export interface PruneRunnerOptions {
  /** How long a prune may run before Berth stops waiting (its outcome is then unknown). */
  pruneTimeoutMs?: number;
  /** After a dropped prune: how long to wait for the host to answer again before re-reading. */
  rereadWaitMs?: number;
}

/** The daemon's endpoint and filters for each kind: the daemon decides, at the moment it prunes. */
function pruneCall(kind: CleanupKind, apiVersion: string, includeNamedVolumes: boolean): { path: string; query?: Query } {
  switch (kind) {
    case 'containers':
      return { path: '/containers/prune' };
    case 'dangling-images':
      return { path: '/images/prune', query: { filters: { dangling: ['true'] } } };
    case 'unused-images':
      return { path: '/images/prune', query: { filters: { dangling: ['false'] } } };
    case 'volumes':
      // `all` exists from API 1.42 on; before it every unused volume is pruned anyway.
      return includeNamedVolumes && apiAtLeast(apiVersion, '1.42')
        ? { path: '/volumes/prune', query: { filters: { all: ['true'] } } }
        : { path: '/volumes/prune' };
    case 'networks':
      return { path: '/networks/prune' };
    case 'build-cache':
      return { path: '/build/prune' };
  }
}

/**
 * Prunes one kind on one host, the one way Berth does it: the read-only switch (refused before
 * any request), the production guard (the host's name typed), a fresh preview, the daemon's own
 * prune endpoint with its own filters — so whatever appeared since the preview is the daemon's to
 * judge, and a container created meanwhile is never in a list Berth sends — and one audit line,
 * refused, failed, done or unknown. A connection that fails during the prune leaves the outcome
 * unknown: it is said so, and the kind is read again once the host answers.
 */
export class PruneRunner {
  constructor(
    private readonly audit: AuditLog,
    private readonly osUser: string,
    private readonly options: PruneRunnerOptions = {},
  ) {}

  async run(host: PruneHost, request: PruneRequest): Promise<PruneResult> {
    const action = `prune:${request.kind}` as const;
    const entry = (result: AuditEntry['result'], targets: string[], details: AuditEntry['details'], errorCode?: string): AuditEntry => ({
      time: new Date().toISOString(),
      user: this.osUser,
      hostId: host.id,
      hostName: host.name,
      action,
      targets,
      ...(details && { details }),
      result,
      ...(errorCode !== undefined && { errorCode }),
    });
    let preview: KindPreview;
    let apiVersion: string;
    try {
      if (host.readOnly)
        throw new BerthError(
          'READ_ONLY',
          `Host "${host.name}" is read-only: Berth does not prune there. Turn off "read-only" in the host's settings to clean it up.`,
        );
      const connection = requireConnection(host.connection, host.name);
      if (host.production) checkConfirmation(host, request);
      const read = await readCleanupPreview(host.id, previewSource(host, connection), [request.kind], request.includeNamedVolumes);
      preview = read.kinds[0] as KindPreview;
      apiVersion = read.apiVersion;
    } catch (error) {
      await this.record(entry('error', [], { kind: request.kind }, toEnvelope(error).code));
      throw error;
    }
    const details = { kind: request.kind, previewCount: preview.count, previewBytes: preview.bytes };
    const call = pruneCall(request.kind, apiVersion, request.includeNamedVolumes);
    const connection = requireConnection(host.connection, host.name);
    let answer: unknown;
    try {
      answer = await connection.api.post(call.path, call.query, { timeoutMs: this.options.pruneTimeoutMs ?? 10 * 60_000 });
    } catch (error) {
      const envelope = toEnvelope(error);
      const kind = errorKindOf(envelope.code);
      if (kind !== 'unreachable' && kind !== 'timeout') {
        // The daemon answered (e.g. 409: a prune is already running): nothing was pruned by this call.
        await this.record(entry('error', [], details, envelope.code));
        throw error;
      }
      await this.record(entry('unknown', [], details, envelope.code));
      const after = await this.reread(host, request);
      return {
        outcome: 'unknown',
        kind: request.kind,
        preview,
        error: {
          code: envelope.code,
          message: `The connection failed while the daemon pruned ${cleanupKindLabels[request.kind].toLowerCase()}: what it removed is unknown. ${envelope.message}`,
        },
        ...after,
      };
    }
    const report = readPruneReport(request.kind, answer);
    await this.record(
      entry('ok', report.removed.slice(0, 100), {
        ...details,
        removedCount: report.removedCount,
        ...(report.reclaimedBytes !== null && { reclaimedBytes: report.reclaimedBytes }),
      }),
    );
    return { outcome: 'done', kind: request.kind, preview, report };
  }

  /** The kind read again once the host answers (within rereadWaitMs), never inferred. */
  private async reread(host: PruneHost, request: PruneRequest): Promise<{ after: KindPreview | null; afterError?: PruneResultError }> {
    const deadline = Date.now() + (this.options.rereadWaitMs ?? 20_000);
    const stop = new AbortController();
    let lastError: unknown;
    while (Date.now() < deadline) {
      const connection = host.connection();
      if (connection) {
        try {
          const read = await readCleanupPreview(host.id, previewSource(host, connection), [request.kind], request.includeNamedVolumes);
          return { after: read.kinds[0] ?? null };
        } catch (error) {
          lastError = error;
        }
      }
      await pause(500, stop.signal);
    }
    const afterError =
      lastError === undefined
        ? new BerthError(
            'HOST_NOT_CONNECTED',
            `Host "${host.name}" did not answer again in time; open Cleanup once it is back to see what is left.`,
          ).toEnvelope()
        : toEnvelope(lastError);
    return { after: null, afterError };
  }

  private async record(entry: AuditEntry): Promise<void> {
    await this.audit.append(entry).catch((error: unknown) => {
      throw new BerthError(
        'FILE_NOT_WRITABLE',
        `The audit log could not be written (${error instanceof Error ? error.message : String(error)}).`,
      );
    });
  }
}

type PruneResultError = NonNullable<Extract<PruneResult, { outcome: 'unknown' }>['afterError']>;

function previewSource(host: PruneHost, connection: DockerConnection): PreviewSource {
  return { api: connection.api, readDiskUsage: () => host.readDiskUsage() ?? connection.api.get('/system/df') };
}

function checkConfirmation(host: PruneHost, request: PruneRequest): void {
  const what = `${cleanupKindLabels[request.kind].toLowerCase()}`;
  if (request.confirmation === undefined || request.confirmation.trim() === '')
    throw new BerthError(
      'PRODUCTION_CONFIRMATION_REQUIRED',
      `"${host.name}" is a production host: to prune ${what} here, type the host's name (${host.name}) to confirm.`,
    );
  if (request.confirmation.trim() !== host.name)
    throw new BerthError(
      'PRODUCTION_CONFIRMATION_MISMATCH',
      `The confirmation does not match: on production host "${host.name}" type its name exactly. Nothing was pruned.`,
    );
}
