import { randomUUID } from 'node:crypto';
import type { TlsInstallResultView, TlsRollbackResultView, TlsStepReport } from '../../../shared/tls-contract.js';
import type { HostProfile } from '../../../shared/profile.js';
import { BerthError } from '../errors.js';
import type { KnownHosts } from '../ssh/known-hosts.js';
import { type TlsInstallDependencies, type TlsInstallResult, installTlsOverSsh } from '../tls/install/index.js';
import type { ParsedInput } from './validate-input.js';
import { readInstallSet } from './wizard-files.js';

export type InstallStepSink = (event: { installId: string; phase: 'install' | 'rollback'; step: TlsStepReport }) => void;

interface InstallJob {
  state: 'installing' | 'finished' | 'rolling-back';
  controller: AbortController;
  result?: TlsInstallResult;
}

const MAX_REMEMBERED = 20;

/**
 * tls:install and tls:rollback: installTlsOverSsh over the SSH profile of a saved host, each step
 * pushed as it changes. The install's result (with what it changed and how to undo it) stays here,
 * keyed by installId, so the wizard can roll back; nothing of it but paths and output leaves.
 */
export class InstallJobs {
  private readonly jobs = new Map<string, InstallJob>();

  constructor(
    private readonly steps: InstallStepSink,
    private readonly options: { knownHosts: KnownHosts; dependencies?: Partial<TlsInstallDependencies> },
  ) {}

  async install(
    input: Omit<ParsedInput<'tls:install'>, 'certDir' | 'jobId' | 'hostId'>,
    sshProfile: HostProfile,
    certDir: string,
  ): Promise<TlsInstallResultView> {
    const installId = input.installId ?? randomUUID();
    const existing = this.jobs.get(installId);
    if (existing && existing.state !== 'finished') throw new BerthError('INVALID_ARGUMENT', `Install ${installId} is still running.`);
    const transport = sshProfile.transport;
    if (transport.type !== 'ssh') {
      throw new BerthError(
        'INVALID_ARGUMENT',
        `Host "${sshProfile.name}" is not reached over SSH, so Berth cannot install the certificates on it. Copy the files and apply the configuration by hand.`,
      );
    }
    const certificates = await readInstallSet(certDir);
    const job: InstallJob = { state: 'installing', controller: new AbortController() };
    this.remember(installId, job);
    try {
      const result = await installTlsOverSsh(
        {
          ssh: { transport, knownHosts: this.options.knownHosts },
          certificates,
          remoteDir: input.remoteDir,
          daemonJsonPath: input.daemonJsonPath,
          tcpHost: input.tcpHost,
          port: input.port,
          restartCommand: input.restartCommand,
          useSystemdDropIn: input.useSystemdDropIn,
          ...(input.clientHost !== undefined ? { clientHost: input.clientHost } : {}),
          signal: job.controller.signal,
        },
        (step) => this.steps({ installId, phase: 'install', step }),
        this.options.dependencies,
      );
      job.result = result;
      return {
        installId,
        outcome: result.outcome,
        steps: result.steps,
        error: result.error?.toEnvelope(),
        canRollback: result.changes !== undefined,
        rollbackInstructions: result.rollbackInstructions,
        daemon: result.daemon,
      };
    } finally {
      job.state = 'finished';
    }
  }

  async rollback(input: ParsedInput<'tls:rollback'>): Promise<TlsRollbackResultView> {
    const job = this.jobs.get(input.installId);
    if (!job?.result)
      throw new BerthError('INVALID_ARGUMENT', `There is no finished install ${input.installId} in this session to roll back.`);
    if (job.state !== 'finished') throw new BerthError('INVALID_ARGUMENT', `Install ${input.installId} is busy; wait for it to finish.`);
    job.state = 'rolling-back';
    job.controller = new AbortController();
    try {
      const result = await job.result.rollback(
        { ...(input.restartCommand !== undefined ? { restartCommand: input.restartCommand } : {}), signal: job.controller.signal },
        (step) => this.steps({ installId: input.installId, phase: 'rollback', step }),
      );
      return { installId: input.installId, outcome: result.outcome, steps: result.steps, error: result.error?.toEnvelope() };
    } finally {
      job.state = 'finished';
    }
  }

  /** Stops a running install or rollback; false when there is none by that id. */
  cancel(installId: string): boolean {
    const job = this.jobs.get(installId);
    if (!job || job.state === 'finished') return false;
    job.controller.abort();
    return true;
  }

  dispose(): void {
    for (const job of this.jobs.values()) job.controller.abort();
  }

  private remember(installId: string, job: InstallJob): void {
    this.jobs.delete(installId);
    this.jobs.set(installId, job);
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= MAX_REMEMBERED) break;
      if (old.state === 'finished') this.jobs.delete(id);
    }
  }
}
