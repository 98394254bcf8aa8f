import { z } from 'zod';
import type { ErrorEnvelope } from './errors.js';
import type { RedactedTransport } from './host-view.js';

/**
 * Importing hosts from the user's ~/.ssh/config (spread into shared/contract.ts). The main
 * process reads and resolves the file; the renderer gets each alias as an SSH transport with
 * key file paths and agent settings only — ssh configs hold no secrets, and none is sent.
 */
export const sshConfigInvokeSchemas = {
  /** Every Host alias of ~/.ssh/config (Includes and `Host *` applied), resolved as ssh would. */
  'sshconfig:list': z.object({}).strict(),
};

/** One Host alias: the transport it becomes, or why it cannot be imported. */
export interface SshConfigEntry {
  alias: string;
  transport?: Extract<RedactedTransport, { type: 'ssh' }>;
  error?: ErrorEnvelope;
  /** What differs from ssh for this alias (directives Berth does not honour). */
  notes: string[];
}

export interface SshConfigListing {
  /** The file read first. */
  file: string;
  /** False when there is no such file: nothing to import, not an error. */
  found: boolean;
  entries: SshConfigEntry[];
  /** About the file as a whole: unknown directives, Includes that matched no file (with file and line). */
  notes: string[];
}

export interface SshConfigInvokeResults {
  'sshconfig:list': SshConfigListing;
}
