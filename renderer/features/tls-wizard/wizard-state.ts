import type { HostView } from '../../../shared/host-view';
import { type TlsKeyType, tlsDefaults } from '../../../shared/tls-contract';
import { checkAddress, checkAddresses, splitAddresses } from './address-validation';

/** The wizard's steps, in order. */
export const wizardSteps = [
  { id: 'daemon', title: 'Daemon' },
  { id: 'keys', title: 'Keys' },
  { id: 'generate', title: 'Generate' },
  { id: 'configure', title: 'Configuration' },
  { id: 'install', title: 'Install over SSH' },
  { id: 'verify', title: 'Verify and save' },
] as const;
export type WizardStepId = (typeof wizardSteps)[number]['id'];

/** Where the wizard was opened from: a host (plain-tcp warning, dashboard), an address (add-host form), or nothing. */
export interface TlsWizardLaunch {
  hostId?: string;
  address?: string;
}

export interface WizardForm {
  target: 'existing' | 'new';
  hostId: string;
  /** The address clients (and Berth) use: the first name in the certificate. */
  address: string;
  port: string;
  /** More names and addresses, separated by commas, spaces or lines. */
  extraNames: string;
  includeLoopback: boolean;
  keyType: TlsKeyType;
  validityDays: string;
  caPassphrase: string;
  caPassphraseConfirm: string;
  outDir: string;
  overwrite: boolean;
  sshHostId: string;
  remoteDir: string;
  daemonJsonPath: string;
  restartCommand: string;
  listenAddress: string;
  systemd: 'auto' | 'yes' | 'no';
  serverName: string;
  hostName: string;
  /** Switch the launching plain-tcp host to TLS instead of adding a new host. */
  replaceHost: boolean;
}

export type WizardErrors = Partial<Record<keyof WizardForm, string>>;

/** The address part of a host's transport, if it has one. */
export function addressOf(host: HostView | undefined): string {
  const transport = host?.profile.transport;
  return transport && 'host' in transport ? transport.host : '';
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'daemon'
  );
}

/** The SSH host that can install on `host`: itself when it is an SSH host, else one at the same address. */
export function sshHostFor(hosts: readonly HostView[], host: HostView | undefined, address: string): string {
  if (host?.profile.transport.type === 'ssh') return host.profile.id;
  const match = hosts.find((candidate) => candidate.profile.transport.type === 'ssh' && addressOf(candidate) === address);
  return match?.profile.id ?? '';
}

/** Applies what follows from choosing a host (or a new address): address, names, where to save, install target. */
export function withTarget(
  form: WizardForm,
  hosts: readonly HostView[],
  target: 'existing' | 'new',
  hostId: string,
  address?: string,
): WizardForm {
  const host = target === 'existing' ? hosts.find((candidate) => candidate.profile.id === hostId) : undefined;
  const nextAddress = address ?? (host ? addressOf(host) : form.address);
  const plainTcp = host?.profile.transport.type === 'tcp';
  const hostName = host ? (plainTcp ? host.profile.name : `${host.profile.name} (TLS)`) : nextAddress;
  return {
    ...form,
    target,
    hostId: host?.profile.id ?? '',
    address: nextAddress,
    outDir: `~/.docker/berth/${slug(host?.profile.name ?? (nextAddress || 'daemon'))}`,
    sshHostId: sshHostFor(hosts, host, nextAddress),
    hostName,
    replaceHost: plainTcp,
  };
}

/** A new address typed: the defaults that followed the old one (directory, name, SSH host) follow the new one. */
export function withAddress(form: WizardForm, hosts: readonly HostView[], address: string): WizardForm {
  const host = form.target === 'existing' ? hosts.find((candidate) => candidate.profile.id === form.hostId) : undefined;
  const next = { ...form, address, sshHostId: sshHostFor(hosts, host, address.trim()) };
  if (form.target === 'new') {
    if (form.outDir === `~/.docker/berth/${slug(form.address.trim() || 'daemon')}`)
      next.outDir = `~/.docker/berth/${slug(address.trim() || 'daemon')}`;
    if (form.hostName === form.address.trim()) next.hostName = address.trim();
  }
  return next;
}

export function initialForm(hosts: readonly HostView[], launch: TlsWizardLaunch): WizardForm {
  const base: WizardForm = {
    target: 'new',
    hostId: '',
    address: '',
    port: String(tlsDefaults.port),
    extraNames: '',
    includeLoopback: true,
    keyType: tlsDefaults.keyType,
    validityDays: String(tlsDefaults.validityDays),
    caPassphrase: '',
    caPassphraseConfirm: '',
    outDir: '~/.docker/berth/daemon',
    overwrite: false,
    sshHostId: '',
    remoteDir: tlsDefaults.remoteDir,
    daemonJsonPath: tlsDefaults.daemonJsonPath,
    restartCommand: tlsDefaults.restartCommand,
    listenAddress: tlsDefaults.tcpHost,
    systemd: 'auto',
    serverName: '',
    hostName: '',
    replaceHost: false,
  };
  const host = launch.hostId ? hosts.find((candidate) => candidate.profile.id === launch.hostId) : undefined;
  if (host) return withTarget(base, hosts, 'existing', host.profile.id);
  return withTarget(base, hosts, 'new', '', launch.address ?? '');
}

/** Every name the server certificate will carry (before loopback), as typed. */
export function namesOf(form: WizardForm): string[] {
  return [form.address, ...splitAddresses(form.extraNames)].filter((name) => name.trim() !== '');
}

export function parsePort(text: string): number | undefined {
  const value = Number(text.trim());
  return /^\d+$/.test(text.trim()) && value >= 1 && value <= 65535 ? value : undefined;
}

const absolute = /^(\/|~(\/|$)|[A-Za-z]:[\\/])/;

export function validateDaemon(form: WizardForm): WizardErrors {
  const errors: WizardErrors = {};
  if (form.target === 'existing' && form.hostId === '') errors.hostId = 'Choose the host whose daemon you secure.';
  const address = checkAddress(form.address);
  if (!address.ok)
    errors.address = form.address.trim() === '' ? 'Give the IP address or DNS name clients use to reach the daemon.' : address.error;
  const extra = checkAddresses(splitAddresses(form.extraNames));
  if (!extra.ok) errors.extraNames = extra.error;
  if (parsePort(form.port) === undefined) errors.port = 'A port is a number from 1 to 65535 (2376 by convention for TLS).';
  return errors;
}

export function validateKeys(form: WizardForm): WizardErrors {
  const errors: WizardErrors = {};
  const days = Number(form.validityDays.trim());
  if (!/^\d+$/.test(form.validityDays.trim()) || days < 1 || days > 3650)
    errors.validityDays = 'Give a whole number of days from 1 to 3650.';
  if (form.caPassphrase !== '' && form.caPassphrase.length < 4) errors.caPassphrase = 'The passphrase needs at least 4 characters.';
  else if (form.caPassphrase !== form.caPassphraseConfirm) errors.caPassphraseConfirm = 'The two passphrases differ.';
  if (!absolute.test(form.outDir.trim())) errors.outDir = 'Give an absolute directory, or one under your home directory (~/…).';
  return errors;
}

export function validateInstall(form: WizardForm): WizardErrors {
  const errors: WizardErrors = {};
  if (form.sshHostId === '') errors.sshHostId = 'Choose the SSH connection to the daemon’s host.';
  for (const field of ['remoteDir', 'daemonJsonPath'] as const) {
    if (!form[field].trim().startsWith('/')) errors[field] = 'Give an absolute path on the host (starting with /).';
  }
  if (form.restartCommand.trim() === '') errors.restartCommand = 'Give the command that restarts Docker on the host.';
  const listen = checkAddress(form.listenAddress);
  if (!listen.ok || listen.kind !== 'ip') errors.listenAddress = 'Give the IP address dockerd listens on (0.0.0.0 for every interface).';
  return errors;
}

export function validateVerify(form: WizardForm): WizardErrors {
  const errors: WizardErrors = {};
  const address = checkAddress(form.address);
  if (!address.ok) errors.address = address.error;
  if (parsePort(form.port) === undefined) errors.port = 'A port is a number from 1 to 65535.';
  if (form.serverName.trim() !== '' && !checkAddress(form.serverName).ok)
    errors.serverName = 'Give a DNS name or an IP the certificate holds.';
  if (form.hostName.trim() === '') errors.hostName = 'Give the host a name.';
  return errors;
}

/** What a generation depends on: when it changes, an earlier result no longer fits. */
export function generationKey(form: WizardForm): string {
  return JSON.stringify([namesOf(form), form.includeLoopback, form.keyType, form.validityDays, form.caPassphrase, form.outDir.trim()]);
}
