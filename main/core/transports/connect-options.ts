import type { KnownHosts } from '../ssh/known-hosts.js';

/** What every transport needs to open a connection. */
export interface ConnectOptions {
  /** Deadline for every request (and for the SSH handshake). */
  timeoutMs: number;
  knownHosts: KnownHosts;
}
