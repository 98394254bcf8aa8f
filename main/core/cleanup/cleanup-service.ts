import type { InvokeResults } from '../../../shared/contract.js';
import type { CleanupInvokeChannel } from '../../../shared/cleanup-contract.js';
import { isProduction, isReadOnly } from '../../../shared/profile.js';
import type { HostSnapshot } from '../../../shared/snapshot.js';
import type { HostRegistry } from '../app/host-registry.js';
import type { ParsedInput } from '../app/validate-input.js';
import type { AuditLog } from '../containers/audit-log.js';
import { osUserName } from '../containers/containers-service.js';
import { type ConnectionSource, requireConnection } from '../containers/container-access.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { readFreeSpace } from './free-space.js';
import { readCleanupPreview } from './prune-preview-reader.js';
import { type PruneHost, PruneRunner, type PruneRunnerOptions, previewSource } from './prune-runner.js';

export interface CleanupServiceOptions {
  hosts: HostRegistry;
  connectionOf(hostId: string): DockerConnection | null;
  snapshotOf(hostId: string): HostSnapshot | null;
  /** The session's paced /system/df, or null while the host is not ready. */
  readDiskUsage(hostId: string): Promise<unknown> | null;
  /** The audit log container actions write to: prunes go in the same file. */
  audit: AuditLog;
  osUser?: string;
  testHooks?: PruneRunnerOptions;
}

type CleanupHandlers = { [C in CleanupInvokeChannel]: (input: ParsedInput<C>) => Promise<InvokeResults[C]> };

/** The cleanup channels: prune previews, prunes (through PruneRunner) and free space on the data root. */
export class CleanupService {
  private readonly runner: PruneRunner;

  constructor(private readonly options: CleanupServiceOptions) {
    this.runner = new PruneRunner(options.audit, options.osUser ?? osUserName(), options.testHooks);
  }

  handlers(): CleanupHandlers {
    return {
      'cleanup:preview': async ({ hostId, kinds, includeNamedVolumes }) => {
        const host = this.pruneHost(hostId);
        const connection = requireConnection(host.connection, host.name);
        return readCleanupPreview(hostId, previewSource(host, connection), kinds, includeNamedVolumes);
      },
      'cleanup:prune': async ({ hostId, ...request }) => this.runner.run(this.pruneHost(hostId), request),
      'cleanup:free-space': async ({ hostId }) => {
        const host = this.pruneHost(hostId);
        const connection = requireConnection(host.connection, host.name);
        return readFreeSpace(connection, this.options.snapshotOf(hostId)?.summary.dockerRootDir);
      },
    };
  }

  private pruneHost(hostId: string): PruneHost {
    this.options.hosts.requireConnectable(hostId);
    const { profile } = this.options.hosts.view(hostId);
    const connection: ConnectionSource = () => this.options.connectionOf(hostId);
    return {
      id: hostId,
      name: profile.name,
      readOnly: isReadOnly(profile),
      production: isProduction(profile),
      connection,
      readDiskUsage: () => this.options.readDiskUsage(hostId),
    };
  }
}
