import { describe, expect, it } from 'vitest';
import { redactProfile } from '../../../shared/host-view.js';
import type { HostProfile } from '../../../shared/profile.js';
import { MAX_JUMP_HOSTS } from '../../../shared/profile.js';
import {
  fillSecrets,
  jumpIndexOfRole,
  type JumpSecretRole,
  jumpSecretRole,
  markedRoles,
  type SecretRole,
  secretFields,
} from '../../../shared/secret-fields.js';
import { storedProfileSchema } from '../store/profile-store.js';
import { profileFromDraft, restoreProfile, splitProfile } from './profile-secrets.js';

/**
 * Every row of the secret table, driven through everything that loops over it. A new row needs
 * only a sample here (the Record type makes it required): redaction, the secret store's split and
 * restore, a draft's merge and the lock check then work for it with no other change.
 */
const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';
const base = { id: 'h1', name: 'h1', tags: [] };
const hop = { host: 'bastion', port: 22, user: 'j' };
const ssh = { type: 'ssh', host: 'edge', port: 22, user: 'deploy', remoteSocket: '/var/run/docker.sock' } as const;
const fixedSamples: Record<Exclude<SecretRole, JumpSecretRole>, { profile: HostProfile; secret: string }> = {
  'ssh-passphrase': {
    secret: 'pp-ssh-1234',
    profile: { ...base, transport: { ...ssh, auth: { method: 'key', keyPath: '/k', passphrase: 'pp-ssh-1234' } } },
  },
  'ssh-password': {
    secret: 'pw-ssh-1234',
    profile: { ...base, transport: { ...ssh, auth: { method: 'password', password: 'pw-ssh-1234' } } },
  },
  'tls-key': {
    secret: PEM,
    profile: {
      ...base,
      transport: {
        type: 'tls',
        host: 'db',
        port: 2376,
        ca: { kind: 'path', path: '/ca' },
        cert: { kind: 'path', path: '/c' },
        key: { kind: 'pem', pem: PEM },
      },
    },
  },
};

/** Jump host `index` of a chain of `index + 1` hops holds the secret; the hops before it hold none. */
function jumpSample(index: number, secret: 'passphrase' | 'password'): { profile: HostProfile; secret: string } {
  const value = `${secret}-jump${index}-1234`;
  const auth =
    secret === 'passphrase'
      ? { method: 'key' as const, keyPath: '/j', passphrase: value }
      : { method: 'password' as const, password: value };
  const jumpHosts = Array.from({ length: index + 1 }, (_, at) => ({
    ...hop,
    host: `bastion${at}`,
    auth: at === index ? auth : { method: 'agent' as const },
  }));
  return { secret: value, profile: { ...base, transport: { ...ssh, auth: { method: 'agent' }, jumpHosts } } };
}

const samples: Partial<Record<SecretRole, { profile: HostProfile; secret: string }>> = { ...fixedSamples };
for (let index = 0; index < MAX_JUMP_HOSTS; index++) {
  samples[jumpSecretRole(index, 'passphrase')] = jumpSample(index, 'passphrase');
  samples[jumpSecretRole(index, 'password')] = jumpSample(index, 'password');
}

describe.each(secretFields.map((field) => [field.role, field]))('the secret field %s', (role, field) => {
  const { profile, secret } = samples[role]!;

  it('round-trips redact → split → restore, and the redacted form is what the profile store accepts', () => {
    const { stored, secrets } = splitProfile(profile);
    expect(secrets).toEqual({ [role]: secret });
    expect(stored).toEqual(redactProfile(profile));
    expect(JSON.stringify(stored)).not.toContain(secret.includes('\n') ? secret.split('\n')[1] : secret);
    expect(storedProfileSchema.parse(stored)).toEqual(stored);
    expect(markedRoles(stored.transport)).toEqual([role]);
    expect(restoreProfile(stored, secrets)).toEqual({ profile, missing: [] });
  });

  it(field.required ? 'cannot be restored without its secret' : 'is restored without its secret, and named as missing', () => {
    const { stored } = splitProfile(profile);
    if (field.required) expect(() => restoreProfile(stored, {})).toThrow(/no longer in Berth's secret store/);
    else expect(restoreProfile(stored, {}).missing).toEqual([role]);
  });

  it('is taken from the stored secrets when a draft leaves it out, and only with keepStoredSecrets', () => {
    const { stored, secrets } = splitProfile(profile);
    // The draft the renderer sends back for an unchanged host: every secret left out.
    const draft = { ...profile, transport: fillSecrets(stored.transport, {}).transport as HostProfile['transport'] };
    expect(splitProfile(draft as HostProfile).secrets).toEqual({});
    expect(profileFromDraft({ ...draft, keepStoredSecrets: true }, secrets)).toEqual(profile);
    if (field.required) {
      expect(() => profileFromDraft({ ...draft, keepStoredSecrets: false }, secrets)).toThrow(/keepStoredSecrets is false/);
      expect(() => profileFromDraft({ ...draft, keepStoredSecrets: true }, {})).toThrow(/No pasted client key is stored/);
    } else {
      expect(splitProfile(profileFromDraft({ ...draft, keepStoredSecrets: false }, secrets)).secrets).toEqual({});
    }
  });
});

describe('the secret table', () => {
  it('has one row per role, each with a label for messages', () => {
    const roles = secretFields.map((field) => field.role);
    expect(new Set(roles).size).toBe(roles.length);
    expect(Object.keys(samples).sort()).toEqual([...roles].sort());
    for (const field of secretFields) expect(field.label).toMatch(/\w/);
  });

  it('names every jump host of the longest chain, the first with the roles it had before chains', () => {
    expect(jumpSecretRole(0, 'passphrase')).toBe('jump-passphrase');
    expect(jumpSecretRole(1, 'password')).toBe('jump2-password');
    for (let index = 0; index < MAX_JUMP_HOSTS; index++) expect(jumpIndexOfRole(jumpSecretRole(index, 'password'))).toBe(index);
    expect(jumpIndexOfRole('ssh-password')).toBeUndefined();
  });

  it('reads a profile saved with one jumpHost (before chains) as a one-hop list, its secret role unchanged', () => {
    const legacy = {
      ...base,
      transport: { ...ssh, auth: { method: 'agent' }, jumpHost: { ...hop, auth: { method: 'password', hasPassword: true } } },
    };
    const read = storedProfileSchema.parse(legacy);
    expect(read.transport).toEqual({
      ...ssh,
      auth: { method: 'agent' },
      jumpHosts: [{ ...hop, auth: { method: 'password', hasPassword: true } }],
    });
    expect(markedRoles(read.transport)).toEqual(['jump-password']);
  });

  it('leaves transports without secrets alone', () => {
    const tcp: HostProfile = { ...base, transport: { type: 'tcp', host: 'h', port: 2375 } };
    expect(splitProfile(tcp)).toEqual({ stored: tcp, secrets: {} });
    expect(markedRoles(tcp.transport)).toEqual([]);
  });
});
