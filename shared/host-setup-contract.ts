/**
 * The add-host flow's helpers in main: local paths (completion, the Electron file dialog, a
 * certificate folder) and the docker CLI's contexts. Paths and names cross to the renderer; file
 * contents never do (TLS material is read in main when a host connects).
 */
import { z } from 'zod';
import type { ErrorEnvelope } from './errors.js';
import type { HostView } from './host-view.js';
import type { Transport } from './profile.js';

/** At most this many entries answer one completion: enough to pick from, too few to crawl a disk with. */
export const pathCompletionLimit = 200;

const localPath = (min = 0) =>
  z
    .string()
    .min(min, 'a path is required')
    .max(4096)
    .refine((value) => !value.includes('\0'), 'a path holds no NUL character');

/** What a file chooser is for: it sets the dialog's title and whether it picks a folder. */
export const pathPurposes = ['ca', 'cert', 'key', 'ssh-key', 'cert-folder'] as const;
export type PathPurpose = (typeof pathPurposes)[number];

export const hostSetupInvokeSchemas = {
  /**
   * Entries of the folder a typed path points into whose names start with its last part (as a
   * shell completes): names and kinds only, at most `pathCompletionLimit`. Hidden entries only when
   * the typed part starts with a dot. `~` is the home folder; a relative path is taken from there.
   */
  'files:complete': z.object({ prefix: localPath(), foldersOnly: z.boolean().optional() }).strict(),
  /** Electron's open dialog for a certificate, key or folder; `{path: null}` when cancelled. Not in the browser shell. */
  'files:choose': z.object({ purpose: z.enum(pathPurposes), defaultPath: localPath().optional() }).strict(),
  /**
   * A docker certificate folder (DOCKER_CERT_PATH): the paths of its ca.pem, cert.pem and key.pem,
   * each checked to be a readable PEM file; CERT_FOLDER_INCOMPLETE names the missing or unreadable ones.
   */
  'certs:folder': z.object({ path: localPath(1) }).strict(),
  /** The docker CLI's contexts ($DOCKER_CONFIG, else ~/.docker), the current one marked. */
  'contexts:list': z.object({}).strict(),
  /** Saves a docker context as a host (TLS files stay where the context keeps them) and connects. */
  'contexts:import': z
    .object({
      name: z.string().min(1).max(256),
      hostName: z.string().trim().min(1).max(100).optional(),
      tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
    })
    .strict(),
} as const;

export type HostSetupInvokeChannel = keyof typeof hostSetupInvokeSchemas;

export interface PathEntry {
  name: string;
  /** The full path to put in the field (a folder ends with a separator). */
  path: string;
  kind: 'file' | 'folder' | 'other';
}

export interface PathCompletion {
  /** The folder listed, as an absolute path. */
  folder: string;
  entries: PathEntry[];
  /** More entries matched than `pathCompletionLimit`: type more of the name. */
  truncated: boolean;
  /** Why the folder could not be listed (it does not exist, permission denied). */
  problem?: string;
}

export interface CertificateFolder {
  folder: string;
  ca: string;
  cert: string;
  key: string;
}

/** How a context's daemon is secured, as the list shows it. */
export type ContextTls = 'none' | 'verified' | 'skip-verify' | 'ssh';

export interface DockerContextChoice {
  name: string;
  description?: string;
  /** The docker CLI's current context (config.json's currentContext). */
  current: boolean;
  /** The docker endpoint as the context holds it (tcp://…, ssh://…, unix://…). */
  endpoint: string;
  tls: ContextTls;
  /**
   * The transport Berth would use, when it can use the context: TLS files as paths (read in main
   * when the host connects), SSH through the agent. Absent when refused.
   */
  transport?: Transport;
  /** Why Berth cannot use it (SkipTLSVerify, a named pipe off Windows, missing TLS files, …). */
  refusal?: ErrorEnvelope;
}

export interface DockerContextList {
  configDir: string;
  current: string;
  contexts: DockerContextChoice[];
  /** Contexts whose files could not be read. */
  problems: string[];
}

export interface HostSetupInvokeResults {
  'files:complete': PathCompletion;
  'files:choose': { path: string | null };
  'certs:folder': CertificateFolder;
  'contexts:list': DockerContextList;
  'contexts:import': HostView;
}

/** Something main did on its own that the operator should see: e.g. a `.dockercontext` file opened with Berth. */
export interface AppNotice {
  kind: 'context-imported' | 'context-import-failed';
  message: string;
  /** The failure, when it failed. */
  error?: ErrorEnvelope;
  /** The host that appeared, when it worked. */
  hostId?: string;
}

export interface HostSetupPushEvents {
  'app:notice': AppNotice;
}
