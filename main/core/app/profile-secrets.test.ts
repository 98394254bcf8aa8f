import { describe, expect, it } from 'vitest';
import { profileDraftSchema } from '../../../shared/host-view.js';
import type { HostProfile } from '../../../shared/profile.js';
import { profileFromDraft, restoreProfile, splitProfile } from './profile-secrets.js';
import { scrubSecrets, secretStringsIn } from './scrub-secrets.js';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----\n';
const ssh: HostProfile = {
  id: 'edge',
  name: 'edge',
  tags: [],
  transport: {
    type: 'ssh',
    host: 'edge.example',
    port: 22,
    user: 'deploy',
    auth: { method: 'key', keyPath: '/k', passphrase: 'pp-1234' },
    remoteSocket: '/var/run/docker.sock',
    jumpHosts: [{ host: 'bastion', port: 22, user: 'j', auth: { method: 'password', password: 'pw-5678' } }],
  },
};
const tls: HostProfile = {
  id: 'db',
  name: 'db',
  tags: [],
  transport: {
    type: 'tls',
    host: 'db',
    port: 2376,
    ca: { kind: 'path', path: '/ca' },
    cert: { kind: 'path', path: '/cert' },
    key: { kind: 'pem', pem: PEM },
  },
};

describe('splitting and restoring profiles', () => {
  it.each([ssh, tls])('round-trips %s through (stored profile, secrets)', (profile) => {
    const { stored, secrets } = splitProfile(profile);
    expect(JSON.stringify(stored)).not.toMatch(/pp-1234|pw-5678|MIIEvQ/);
    expect(restoreProfile(stored, secrets)).toEqual({ profile, missing: [] });
  });

  it('names the secrets a restore could not find', () => {
    const { stored } = splitProfile(ssh);
    const { profile, missing } = restoreProfile(stored, {});
    expect(missing).toEqual(['ssh-passphrase', 'jump-password']);
    expect(profile.transport).toMatchObject({ auth: { method: 'key', keyPath: '/k' }, jumpHosts: [{ auth: { password: '' } }] });
    expect(() => restoreProfile(splitProfile(tls).stored, {})).toThrow(/no longer in Berth's secret store/);
  });

  it('fills a draft from the stored secrets only when keepStoredSecrets is on', () => {
    const { secrets } = splitProfile(ssh);
    const draft = profileDraftSchema.parse({
      ...ssh,
      transport: {
        ...ssh.transport,
        auth: { method: 'key', keyPath: '/k' },
        jumpHosts: [{ host: 'bastion', user: 'j', auth: { method: 'password', password: '' } }],
      },
    });
    expect(profileFromDraft(draft, secrets)).toEqual(ssh);
    expect(profileFromDraft({ ...draft, keepStoredSecrets: false }, secrets).transport).toMatchObject({
      auth: { method: 'key', keyPath: '/k' },
      jumpHosts: [{ auth: { password: '' } }],
    });
  });
});

describe('scrubbing', () => {
  it('finds secrets in inputs and removes them, whole or line by line', () => {
    expect(secretStringsIn({ draft: { transport: { auth: { password: 'p1' }, key: { pem: PEM } } } })).toEqual(['p1', PEM]);
    const text = `failed with pw-5678 and MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7 and ab`;
    expect(scrubSecrets(text, ['pw-5678', PEM, 'ab'])).toBe('failed with [secret] and [secret] and ab');
  });
});
