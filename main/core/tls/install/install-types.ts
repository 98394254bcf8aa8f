import { tlsInstallStepList, tlsRollbackStepList } from '../../../../shared/tls-contract.js';
import type { BerthError } from '../../errors.js';
import type { CertificateSet } from '../generate-certificate-set.js';
import type { InstallSshOptions } from './ssh-remote-host.js';
import type { TlsHostVerification } from './verify-tls-host.js';

/**
 * The install's and the rollback's steps, in order, as the wizard lists them before it starts.
 * The lists live in the contract the renderer shares; the installer reports the same ids.
 */
export const tlsInstallSteps = tlsInstallStepList;
export type TlsInstallStepId = (typeof tlsInstallSteps)[number]['id'];

export const tlsRollbackSteps = tlsRollbackStepList;
export type TlsRollbackStepId = (typeof tlsRollbackSteps)[number]['id'];

export type StepState = 'running' | 'done' | 'skipped' | 'failed';

/** One step as the UI shows it. Sent whole on every change; `output` only grows. */
export interface StepReport<Id extends string = string> {
  id: Id;
  title: string;
  state: StepState;
  /** What the step did and saw: paths, modes, command output. Never key material. */
  output: string;
  /** Set when state is failed: what went wrong and what to do. */
  error?: { code: BerthError['code']; message: string };
}
export type TlsInstallStep = StepReport<TlsInstallStepId>;
export type TlsRollbackStep = StepReport<TlsRollbackStepId>;

/** The files the daemon's host receives. The CA's private key never leaves this machine; the client pair only verifies the result. */
export type InstallCertificates = Pick<CertificateSet, 'caCert' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey'>;

export interface TlsInstallOptions {
  ssh: InstallSshOptions;
  certificates: InstallCertificates;
  /** Directory on the host for ca.pem, server-cert.pem, server-key.pem. Default /etc/docker/tls. */
  remoteDir?: string;
  /** Default /etc/docker/daemon.json. */
  daemonJsonPath?: string;
  /** Address dockerd binds the TLS port to. Default 0.0.0.0 (every interface). */
  tcpHost?: string;
  /** Default 2376. */
  port?: number;
  /** Run over SSH to apply the configuration. Default `systemctl restart docker`. */
  restartCommand?: string;
  /** Default `systemctl daemon-reload`; run after the drop-in is written. */
  daemonReloadCommand?: string;
  /** 'auto' (default): when the host runs systemd and has a docker.service. */
  useSystemdDropIn?: 'auto' | 'yes' | 'no';
  /** Default /etc/systemd/system/docker.service.d/berth-tls.conf. */
  systemdDropInPath?: string;
  /** Address Berth connects to when verifying; default the SSH host. The server certificate must name it. */
  clientHost?: string;
  /** How long to wait for the daemon to answer over TLS after the restart. Default 60 s. */
  waitTimeoutMs?: number;
  /** Deadline for the restart and daemon-reload commands. Default 120 s. */
  commandTimeoutMs?: number;
  signal?: AbortSignal;
}

/** A file the install replaced or created, and where its previous version was kept. */
export interface ChangedFile {
  path: string;
  /** The previous version (a hard link or copy); undefined when the file did not exist before. */
  backupPath: string | undefined;
}

/** Everything the install changed on the host: plain data, so it survives IPC and can be stored. */
export interface TlsInstallChanges {
  /** user@host:port, for messages. */
  target: string;
  daemonJson: ChangedFile | undefined;
  certificateFiles: ChangedFile[];
  /** Directories the install created, outermost first. */
  createdDirectories: string[];
  systemdDropIn: ChangedFile | undefined;
  /** The restart command was run (whatever its outcome): rollback restarts again. */
  restarted: boolean;
  restartCommand: string;
  daemonReloadCommand: string;
}

export interface RollbackInstructions {
  summary: string;
  /** Shell commands to run on the host, in order, to undo the install by hand. */
  commands: string[];
}

export type TlsInstallOutcome = 'installed' | 'failed' | 'cancelled';

export interface TlsInstallResult {
  outcome: TlsInstallOutcome;
  /** Each step reported, in order, in its final state. */
  steps: TlsInstallStep[];
  /** Why the install stopped (failed or cancelled). */
  error: BerthError | undefined;
  /** What changed on the host; undefined when nothing did. */
  changes: TlsInstallChanges | undefined;
  rollbackInstructions: RollbackInstructions;
  /** What answered over TLS once the install succeeded. */
  daemon: TlsHostVerification | undefined;
  /** Undoes `changes` over a new SSH connection (see rollbackTlsInstall). */
  rollback(options?: TlsRollbackOverrides, onStep?: (step: TlsRollbackStep) => void): Promise<TlsRollbackResult>;
}

export interface TlsRollbackOverrides {
  /** Restart with this instead of the install's command (e.g. when that command was the problem). */
  restartCommand?: string;
  signal?: AbortSignal;
}

export interface TlsRollbackResult {
  outcome: 'rolled-back' | 'failed' | 'cancelled';
  steps: TlsRollbackStep[];
  /** The first failure; rollback carries on with the other steps after one fails. */
  error: BerthError | undefined;
}
