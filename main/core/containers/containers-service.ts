import type { InvokeResults } from '../../../shared/contract.js';
import type { ContainersInvokeChannel } from '../../../shared/containers-contract.js';
import type { ParsedInput } from '../app/validate-input.js';
import type { HostRegistry } from '../app/host-registry.js';
import { BerthError } from '../errors.js';
import type { DockerConnection } from '../transports/docker-connection.js';
import { type StreamClient, StreamRegistry } from './stream-registry.js';

export interface ContainersServiceTestOptions {
  osUser?: string;
}

export interface ContainersServiceOptions extends ContainersServiceTestOptions {
  hosts: HostRegistry;
  connectionOf(hostId: string): DockerConnection | null;
  auditDir?: string | undefined;
}

type ContainersHandlers = {
  [C in ContainersInvokeChannel]: (input: ParsedInput<C>, context: { client?: StreamClient }) => Promise<InvokeResults[C]>;
};

/** The container channels: detail, logs, exec, stats, actions and the audit log. */
export class ContainersService {
  private readonly streams = new StreamRegistry();

  constructor(private readonly options: ContainersServiceOptions) {}

  handlers(): ContainersHandlers {
    const pending = async (): Promise<never> => {
      throw new BerthError('INTERNAL', 'Container features are not wired in this build yet.');
    };
    void this.options;
    return {
      'containers:inspect': pending,
      'logs:open': pending,
      'logs:close': pending,
      'exec:open': pending,
      'exec:input': pending,
      'exec:resize': pending,
      'exec:close': pending,
      'stats:open': pending,
      'stats:close': pending,
      'stats:top': pending,
      'containers:action': pending,
      'containers:rename': pending,
      'audit:list': pending,
    };
  }

  closeClientStreams(clientKey: string): void {
    void this.streams.closeClient(clientKey);
  }

  dispose(): Promise<void> {
    return this.streams.closeAll();
  }
}
