import type { CertificateHealthEntry, HostCertificates } from '../../../shared/certificate-health';
import type { InvokeInput, PushChannel, PushEvents } from '../../../shared/contract';
import type { HostView, RedactedProfile } from '../../../shared/host-view';
import { formatHostPort } from '../../../shared/profile';
import type { HostStatus } from '../../../shared/snapshot';
import {
  type TlsCertificateSummary,
  type TlsConfiguration,
  type TlsGenerateResult,
  type TlsInstallResultView,
  type TlsInvokeChannel,
  type TlsInvokeResults,
  type TlsRollbackResultView,
  type TlsStepReport,
  type TlsVerifyResult,
  tlsDefaults,
  tlsGenerationSteps,
  tlsInstallStepList,
  tlsRollbackStepList,
} from '../../../shared/tls-contract';
import { fail } from './demo-failure';
import type { DemoHost } from './demo-hosts';

/**
 * The TLS wizard and certificate health for the demo bridge: a generation that reports its steps
 * over time and can be cancelled, configuration text like the main side writes it, an install over
 * "SSH" whose restart fails when the restart command mentions "fail" (to show rollback), verify,
 * save, health and renewal. Nothing here is real cryptography.
 */
export interface DemoTlsContext {
  hosts: Map<string, DemoHost>;
  push<P extends PushChannel>(channel: P, payload: PushEvents[P]): void;
  /** Resolves after `ms` when live, at once otherwise. */
  sleep(ms: number): Promise<void>;
  now(): number;
  view(host: DemoHost): HostView;
  pushHosts(): void;
  setStatus(hostId: string, status: HostStatus): void;
  /** connecting → ready with a snapshot. */
  connect(host: DemoHost): void;
}

interface DemoSet {
  outDir: string;
  sans: string[];
  validityDays: number;
  keyType: string;
  createdAt: number;
}

const DAY = 86_400_000;

export class DemoTls {
  private readonly sets = new Map<string, DemoSet>();
  private readonly jobs = new Map<string, { cancelled: boolean; running: boolean; outDir: string }>();
  private readonly installs = new Map<string, { remoteDir: string; hostId: string }>();
  private nextId = 1;

  constructor(private readonly context: DemoTlsContext) {}

  answer<C extends TlsInvokeChannel>(channel: C, input: InvokeInput<C>): Promise<TlsInvokeResults[C]> {
    const handlers: { [K in TlsInvokeChannel]: (input: InvokeInput<K>) => Promise<TlsInvokeResults[K]> } = {
      'tls:generate': (i) => this.generate(i),
      'tls:cancel': async ({ jobId }) => {
        const job = this.jobs.get(jobId);
        if (!job?.running) return { cancelled: false };
        job.cancelled = true;
        return { cancelled: true };
      },
      'tls:configuration': async (i) => this.configuration(i),
      'tls:install': (i) => this.install(i),
      'tls:rollback': (i) => this.rollback(i),
      'tls:verify': async (i) => this.verify(i),
      'tls:save-host': async (i) => this.saveHost(i),
      'tls:health': async ({ hostId }) => {
        const host = this.require(hostId);
        if (!host.certificates) fail('INVALID_ARGUMENT', `Host "${host.profile.name}" does not connect over TLS.`);
        host.certificates = { ...host.certificates, checkedAt: this.context.now() };
        this.context.pushHosts();
        return host.certificates;
      },
      'tls:renew-client': async (i) => this.renew(i),
    };
    return (handlers[channel] as (input: InvokeInput<C>) => Promise<TlsInvokeResults[C]>)(input);
  }

  private async generate(input: InvokeInput<'tls:generate'>): Promise<TlsGenerateResult> {
    const jobId = input.jobId ?? `demo-job-${this.nextId++}`;
    const outDir = input.outDir.replace(/\/+$/, '');
    if (!/^(\/|~)/.test(outDir)) fail('INVALID_ARGUMENT', 'tls:generate: outDir: give an absolute path (or one starting with ~/).');
    if (this.sets.has(outDir) && !input.overwrite) {
      fail(
        'TLS_FILES_EXIST',
        `${outDir} already holds ca.pem, ca-key.pem, server-cert.pem, server-key.pem, cert.pem, key.pem. Berth does not replace certificates unasked, since daemons and clients may still use them: choose another directory, or replace them on purpose.`,
      );
    }
    const job = { cancelled: false, running: true, outDir };
    this.jobs.set(jobId, job);
    const keyType = input.keyType ?? tlsDefaults.keyType;
    const perStep = keyType === 'rsa-4096' ? 700 : keyType === 'rsa-2048' ? 300 : 160;
    const total = tlsGenerationSteps.length;
    try {
      let completed = 0;
      for (const step of tlsGenerationSteps) {
        this.context.push('tls:progress', { jobId, step: step.id, done: false, completed, total });
        await this.context.sleep(step.id.endsWith('key') ? perStep : 120);
        if (job.cancelled) fail('TLS_GENERATION_CANCELLED', 'Certificate generation was cancelled; nothing was written.');
        completed += 1;
        this.context.push('tls:progress', { jobId, step: step.id, done: true, completed, total });
      }
    } finally {
      job.running = false;
    }
    const sans = [...input.sans.map(formatSanText), ...(input.includeLoopback === false ? [] : ['IP:127.0.0.1', 'DNS:localhost'])];
    const validityDays = input.validityDays ?? tlsDefaults.validityDays;
    const set: DemoSet = { outDir, sans: [...new Set(sans)], validityDays, keyType, createdAt: this.context.now() };
    this.sets.set(outDir, set);
    const names = ['ca.pem', 'ca-key.pem', 'server-cert.pem', 'server-key.pem', 'cert.pem', 'key.pem'] as const;
    return {
      jobId,
      outDir,
      files: names.map((name) => ({ name, path: `${outDir}/${name}`, mode: 0o400 })),
      sans: set.sans,
      caKeyEncrypted: input.caPassphrase !== undefined,
      certificates: {
        ca: this.summary(set, 'ca'),
        server: this.summary(set, 'server'),
        client: this.summary(set, 'client'),
      },
    };
  }

  private summary(set: DemoSet, role: 'ca' | 'server' | 'client'): TlsCertificateSummary {
    const first = set.sans[0]?.replace(/^(IP|DNS):/, '') ?? 'localhost';
    const subject = role === 'ca' ? `CN=Berth CA for ${first}` : role === 'server' ? `CN=${first}` : 'CN=client';
    const notBefore = new Date(set.createdAt - 5 * 60_000).toISOString();
    const notAfter = new Date(set.createdAt + set.validityDays * DAY).toISOString();
    const label = set.keyType === 'ec-p256' ? 'EC P-256' : set.keyType === 'rsa-2048' ? 'RSA 2048' : 'RSA 4096';
    const seed = [...`${set.outDir}${role}`].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 7);
    const fingerprint = Array.from({ length: 32 }, (_, i) =>
      (((seed >>> (i % 24)) + i * 37) & 0xff).toString(16).padStart(2, '0').toUpperCase(),
    ).join(':');
    return {
      subject,
      issuer: `CN=Berth CA for ${first}`,
      serialNumber: fingerprint.replace(/:/g, '').slice(0, 32),
      sans: role === 'server' ? set.sans.map(parseSanText) : [],
      keyUsages: role === 'ca' ? ['keyCertSign', 'cRLSign'] : ['digitalSignature'],
      extendedKeyUsages: role === 'ca' ? [] : [role === 'server' ? 'serverAuth' : 'clientAuth'],
      isCA: role === 'ca',
      role,
      notBefore,
      notAfter,
      daysLeft: set.validityDays - 1,
      expiry: set.validityDays <= 7 ? 'critical' : set.validityDays <= 30 ? 'warning' : 'ok',
      fingerprintSha256: fingerprint,
      publicKey: { label },
      signatureAlgorithm: set.keyType === 'ec-p256' ? 'ECDSA with SHA-256' : 'RSASSA-PKCS1-v1_5 with SHA-256',
    };
  }

  private configuration(input: InvokeInput<'tls:configuration'>): TlsConfiguration {
    const port = input.port ?? tlsDefaults.port;
    const remoteDir = input.remoteDir ?? tlsDefaults.remoteDir;
    const hostPort = formatHostPort(input.host, port);
    const bind = `0.0.0.0:${port}`;
    const flags = `--tlsverify --tlscacert=${remoteDir}/ca.pem --tlscert=${remoteDir}/server-cert.pem --tlskey=${remoteDir}/server-key.pem -H=${bind}`;
    const daemonJson = {
      tlsverify: true,
      tlscacert: `${remoteDir}/ca.pem`,
      tlscert: `${remoteDir}/server-cert.pem`,
      tlskey: `${remoteDir}/server-key.pem`,
      hosts: ['unix:///var/run/docker.sock', `tcp://${bind}`],
    };
    const file = (name: string) => `${input.certDir}/${name}`;
    const openssl = input.openssl
      ? [
          '#!/usr/bin/env bash',
          'set -euo pipefail',
          '',
          '# Keep every file private to you while you work',
          'umask 077',
          '',
          '# CA key',
          `openssl genpkey ${input.openssl.keyType === 'ec-p256' || input.openssl.keyType === undefined ? '-algorithm EC -pkeyopt ec_paramgen_curve:P-256' : `-algorithm RSA -pkeyopt rsa_keygen_bits:${input.openssl.keyType === 'rsa-4096' ? 4096 : 2048}`} -out ca-key.pem`,
          '',
          '# Server certificate extensions: every address clients use goes in subjectAltName',
          `subjectAltName = ${input.openssl.sans.map(formatSanText).join(', ')}`,
          '',
          '# Check the server certificate',
          'openssl verify -CAfile ca.pem -purpose sslserver server-cert.pem',
          '',
        ].join('\n')
      : undefined;
    return {
      daemon: {
        daemonJsonPath: '/etc/docker/daemon.json',
        daemonJsonText: `${JSON.stringify(daemonJson, null, 2)}\n`,
        systemdDropInPath: '/etc/systemd/system/docker.service.d/override.conf',
        systemdDropIn: '[Service]\nExecStart=\nExecStart=/usr/bin/dockerd\n',
        dockerOptsLine: `DOCKER_OPTS="${flags} -H unix:///var/run/docker.sock"`,
        dockerdCommand: `/usr/bin/dockerd ${flags} -H unix:///var/run/docker.sock`,
        applyCommands: ['sudo systemctl daemon-reload', 'sudo systemctl restart docker'],
        notes: [
          `Copy ca.pem, server-cert.pem and server-key.pem to ${remoteDir} on the daemon's host (owned by root, mode 0400); ca-key.pem stays off that host.`,
          'Put the options in one place only: dockerd refuses to start when daemon.json and its command line both set the same option.',
        ],
      },
      client: {
        dockerHost: `tcp://${hostPort}`,
        environment: `export DOCKER_HOST=tcp://${hostPort} DOCKER_CERT_PATH=${input.certDir} DOCKER_TLS_VERIFY=1`,
        dockerCommand: `docker -H tcp://${hostPort} --tlsverify --tlscacert ${file('ca.pem')} --tlscert ${file('cert.pem')} --tlskey ${file('key.pem')} version`,
        curlCommand: `curl --cert ${file('cert.pem')} --key ${file('key.pem')} --cacert ${file('ca.pem')} https://${hostPort}/version`,
      },
      ...(openssl ? { openssl: { script: openssl, steps: [] } } : {}),
    };
  }

  private async install(input: InvokeInput<'tls:install'>): Promise<TlsInstallResultView> {
    const host = this.require(input.hostId);
    const transport = host.profile.transport;
    if (transport.type !== 'ssh')
      fail('INVALID_ARGUMENT', `Host "${host.profile.name}" is not reached over SSH, so Berth cannot install the certificates on it.`);
    const installId = input.installId ?? `demo-install-${this.nextId++}`;
    const remoteDir = input.remoteDir ?? tlsDefaults.remoteDir;
    const restartCommand = input.restartCommand ?? tlsDefaults.restartCommand;
    const daemonJsonPath = input.daemonJsonPath ?? tlsDefaults.daemonJsonPath;
    const port = input.port ?? tlsDefaults.port;
    const failing = /fail/.test(restartCommand);
    const outputs: Record<string, string> = {
      preflight: `connected to ${transport.user}@${formatHostPort(transport.host, transport.port)}\nuid 0 (root): may write ${remoteDir} and ${daemonJsonPath}\ndockerd 24.0.7 runs under systemd (docker.service)\nthe server certificate names ${input.clientHost ?? transport.host}\n`,
      upload: `created ${remoteDir}\nca.pem → ${remoteDir}/ca.pem (mode 0444)\nserver-cert.pem → ${remoteDir}/server-cert.pem (mode 0444)\nserver-key.pem → ${remoteDir}/server-key.pem (mode 0400)\n`,
      'daemon-json': `kept the previous file as ${daemonJsonPath}.berth-backup-20250102T030405Z\nadded tlsverify, tlscacert, tlscert, tlskey\nadded tcp://${input.tcpHost ?? '0.0.0.0'}:${port} to hosts\n`,
      systemd:
        'wrote /etc/systemd/system/docker.service.d/berth-tls.conf:\n[Service]\nExecStart=\nExecStart=/usr/bin/dockerd\n$ systemctl daemon-reload\n(exit status 0)\n',
      restart: failing
        ? `$ ${restartCommand}\nJob for docker.service failed because the control process exited with error code.\nSee "systemctl status docker.service" and "journalctl -xeu docker.service" for details.\n(exit status 1)\n`
        : `$ ${restartCommand}\n(exit status 0)\n`,
      wait: `connecting to tcp://${formatHostPort(input.clientHost ?? transport.host, port)} with the new client certificate\nDocker 24.0.7 (API 1.43) answers over TLSv1.3\n`,
    };
    const steps: TlsStepReport[] = [];
    for (const { id, title } of tlsInstallStepList) {
      const running: TlsStepReport = { id, title, state: 'running', output: '' };
      this.context.push('tls:install-step', { installId, phase: 'install', step: running });
      await this.context.sleep(id === 'restart' || id === 'wait' ? 900 : 450);
      if (id === 'restart' && failing) {
        const error = {
          code: 'TLS_INSTALL_COMMAND_FAILED' as const,
          message: `"${restartCommand}" failed (exit status 1) on ${transport.host}. Find out why dockerd did not start (journalctl -u docker, or the daemon log), then fix it and run the install again, or roll back to the previous configuration.`,
        };
        const failed: TlsStepReport = { ...running, state: 'failed', output: outputs[id] ?? '', error };
        steps.push(failed);
        this.context.push('tls:install-step', { installId, phase: 'install', step: failed });
        this.installs.set(installId, { remoteDir, hostId: host.profile.id });
        return {
          installId,
          outcome: 'failed',
          steps,
          error,
          canRollback: true,
          rollbackInstructions: {
            summary: `To return ${transport.user}@${transport.host}:${transport.port} to its previous Docker configuration, use Roll back, or run these commands there:`,
            commands: [
              `cp -p '${daemonJsonPath}.berth-backup-20250102T030405Z' '${daemonJsonPath}'`,
              `rm -f '${remoteDir}/ca.pem'`,
              `rm -f '${remoteDir}/server-cert.pem'`,
              `rm -f '${remoteDir}/server-key.pem'`,
              `rmdir '${remoteDir}'`,
              restartCommand,
            ],
          },
        };
      }
      const done: TlsStepReport = { ...running, state: 'done', output: outputs[id] ?? '' };
      steps.push(done);
      this.context.push('tls:install-step', { installId, phase: 'install', step: done });
    }
    this.installs.set(installId, { remoteDir, hostId: host.profile.id });
    return {
      installId,
      outcome: 'installed',
      steps,
      canRollback: true,
      rollbackInstructions: { summary: 'Use Roll back to undo the install.', commands: [] },
      daemon: this.daemonAnswer(input.clientHost ?? transport.host),
    };
  }

  private async rollback(input: InvokeInput<'tls:rollback'>): Promise<TlsRollbackResultView> {
    const install = this.installs.get(input.installId);
    if (!install) fail('INVALID_ARGUMENT', `There is no finished install ${input.installId} in this session to roll back.`);
    const steps: TlsStepReport[] = [];
    for (const { id, title } of tlsRollbackStepList) {
      this.context.push('tls:install-step', {
        installId: input.installId,
        phase: 'rollback',
        step: { id, title, state: 'running', output: '' },
      });
      await this.context.sleep(350);
      const output =
        id === 'restore-files' ? `removed the directory ${install.remoteDir}\n` : id === 'restart' ? '(exit status 0)\n' : 'restored\n';
      const step: TlsStepReport = { id, title, state: 'done', output };
      steps.push(step);
      this.context.push('tls:install-step', { installId: input.installId, phase: 'rollback', step });
    }
    return { installId: input.installId, outcome: 'rolled-back', steps };
  }

  private daemonAnswer(host: string): TlsVerifyResult {
    const set = [...this.sets.values()].at(-1);
    const server = set ? this.summary(set, 'server') : undefined;
    return {
      serverVersion: '24.0.7',
      apiVersion: '1.43',
      os: 'linux',
      arch: 'amd64',
      protocol: 'TLSv1.3',
      serverCertificate: {
        subject: server?.subject ?? `CN=${host}`,
        issuer: server?.issuer ?? `CN=Berth CA for ${host}`,
        notBefore: server?.notBefore ?? new Date(this.context.now()).toISOString(),
        notAfter: server?.notAfter ?? new Date(this.context.now() + 365 * DAY).toISOString(),
        sans: server?.sans ?? [{ type: 'ip', value: host }],
        fingerprintSha256: server?.fingerprintSha256 ?? 'AA:BB',
      },
    };
  }

  private verify(input: InvokeInput<'tls:verify'>): TlsVerifyResult {
    const set = this.sets.get(input.certDir.replace(/\/+$/, ''));
    if (!set)
      fail(
        'FILE_UNREADABLE',
        `Cannot read ${input.certDir}/ca.pem: it does not exist. Point the wizard at the directory the certificates were written to.`,
      );
    if (/^10\.99\.|unreachable/.test(input.host)) {
      fail(
        'CONNECTION_REFUSED',
        `${formatHostPort(input.host, input.port ?? 2376)} refused the connection. Is dockerd running and listening on that address?`,
      );
    }
    const names = set.sans.map((san) => san.replace(/^(IP|DNS):/, ''));
    if (!names.includes(input.serverName ?? input.host)) {
      fail(
        'TLS_HOSTNAME_MISMATCH',
        `The daemon's certificate names ${set.sans.join(', ')}, not ${input.serverName ?? input.host}. Generate a certificate that names the address clients use.`,
      );
    }
    return this.daemonAnswer(input.host);
  }

  private saveHost(input: InvokeInput<'tls:save-host'>): HostView {
    const existing = input.hostId ? this.context.hosts.get(input.hostId) : undefined;
    const id = existing?.profile.id ?? input.hostId ?? this.newId(input.name);
    const dir = input.certDir.replace(/\/+$/, '');
    const profile: RedactedProfile = {
      id,
      name: input.name,
      tags: input.tags ?? existing?.profile.tags ?? [],
      ...((input.color ?? existing?.profile.color) ? { color: input.color ?? existing?.profile.color } : {}),
      transport: {
        type: 'tls',
        host: input.host,
        port: input.port ?? 2376,
        ca: { kind: 'path', path: `${dir}/ca.pem` },
        cert: { kind: 'path', path: `${dir}/cert.pem` },
        key: { kind: 'path', path: `${dir}/key.pem` },
        ...(input.serverName ? { serverName: input.serverName } : {}),
      },
    };
    const set = this.sets.get(dir);
    const host: DemoHost = { profile, status: { state: 'connecting' }, snapshot: existing?.snapshot ?? null };
    if (set) host.certificates = this.health(set, input.host);
    this.context.hosts.set(id, host);
    this.context.pushHosts();
    this.context.connect(host);
    return this.context.view(host);
  }

  private health(set: DemoSet, _address: string): HostCertificates {
    const entries: CertificateHealthEntry[] = (['ca', 'client', 'server'] as const).map((role) => {
      const summary = this.summary(set, role);
      const level = summary.daysLeft <= 7 ? 'critical' : summary.daysLeft <= 30 ? 'warning' : 'ok';
      return { role, subject: summary.subject, notAfter: summary.notAfter, daysLeft: summary.daysLeft, level, problems: [] };
    });
    const worst = entries.some((e) => e.level === 'critical') ? 'critical' : entries.some((e) => e.level === 'warning') ? 'warning' : 'ok';
    return { checkedAt: this.context.now(), worst, entries };
  }

  private renew(input: InvokeInput<'tls:renew-client'>) {
    const host = this.require(input.hostId);
    if (host.profile.transport.type !== 'tls' || !host.certificates)
      fail('INVALID_ARGUMENT', `Host "${host.profile.name}" does not connect over TLS.`);
    if (input.caPassphrase === 'wrong')
      fail('TLS_CA_PASSPHRASE_WRONG', 'The passphrase does not unlock the CA key (ca-key.pem). Check it and try again.');
    const validityDays = input.validityDays ?? 365;
    const now = this.context.now();
    const notAfter = new Date(now + validityDays * DAY).toISOString();
    const entries = host.certificates.entries.map((entry) =>
      entry.role === 'client' ? { ...entry, notAfter, daysLeft: validityDays - 1, level: 'ok' as const, problems: [] } : entry,
    );
    host.certificates = { checkedAt: now, worst: entries.some((e) => e.level === 'warning') ? 'warning' : 'ok', entries };
    const certPath = host.profile.transport.cert.kind === 'path' ? host.profile.transport.cert.path : '/etc/berth/certs/cert.pem';
    const keyPath = certPath.replace(/cert\.pem$/, 'key.pem');
    this.context.pushHosts();
    this.context.connect(host);
    const set: DemoSet = { outDir: certPath.replace(/\/cert\.pem$/, ''), sans: [], validityDays, keyType: 'ec-p256', createdAt: now };
    return {
      certPath,
      keyPath,
      backups: [`${certPath}.berth-backup-20250102T030405Z`, `${keyPath}.berth-backup-20250102T030405Z`],
      certificate: this.summary(set, 'client'),
      cappedToCa: false,
    };
  }

  private require(hostId: string): DemoHost {
    const host = this.context.hosts.get(hostId);
    if (!host) fail('INVALID_ARGUMENT', `No host with id "${hostId}".`);
    return host;
  }

  private newId(name: string): string {
    const base =
      name
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'tls-host';
    let id = base;
    for (let i = 2; this.context.hosts.has(id); i++) id = `${base}-${i}`;
    return id;
  }
}

function formatSanText(text: string): string {
  const trimmed = text.trim();
  if (/^(ip|dns):/i.test(trimmed)) return trimmed.replace(/^ip:/i, 'IP:').replace(/^dns:/i, 'DNS:');
  return /^[\d.]+$|:/.test(trimmed) ? `IP:${trimmed}` : `DNS:${trimmed.toLowerCase()}`;
}

function parseSanText(text: string): { type: 'ip' | 'dns'; value: string } {
  return text.startsWith('IP:') ? { type: 'ip', value: text.slice(3) } : { type: 'dns', value: text.replace(/^DNS:/, '') };
}
