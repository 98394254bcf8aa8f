import { mkdtempSync } from 'node:fs';
import { copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { HostProfile } from '../../shared/profile.js';
import { KnownHosts } from '../../main/core/ssh/known-hosts.js';
import { type LabDaemonName, type LabManifest, loadLabManifest } from '../lab/manifest.js';

/** The lab manifest; throws "the Berth lab is not running" so integration tests fail, never skip. */
export function requireLab(): LabManifest {
  return loadLabManifest();
}

/** A host profile for one lab daemon, as an operator would enter it. */
export function labProfile(manifest: LabManifest, daemon: LabDaemonName): HostProfile {
  return { id: `lab-${daemon}`, name: `lab ${daemon}`, tags: [], transport: manifest.daemons[daemon].transport };
}

/** A writable copy of the lab's known_hosts, so tests never change the lab's own file. */
export function labKnownHosts(manifest: LabManifest): KnownHosts {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-known-hosts-'));
  const file = path.join(dir, 'known_hosts');
  copyFileSync(manifest.ssh.knownHostsPath, file);
  return new KnownHosts({ file });
}

/** An empty known_hosts in a fresh temp dir. */
export function emptyKnownHosts(): KnownHosts {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-known-hosts-'));
  return new KnownHosts({ file: path.join(dir, 'known_hosts') });
}
