import { describe, expect, it } from 'vitest';
import type { RedactedProfile } from '../../../shared/host-view';
import { draftFromForm, fieldOfIssue } from './form-draft';
import {
  applyParsedEndpoint,
  emptyForm,
  emptyJumpHost,
  formFromProfile,
  hasProductionTag,
  parseTags,
  withProductionTag,
} from './form-state';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

function draftOf(profile: RedactedProfile) {
  const result = draftFromForm(formFromProfile(profile));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.draft;
}

describe('formFromProfile → draftFromForm', () => {
  it('round-trips a TLS host and keeps a stored pasted key as { kind: "stored" }', () => {
    const profile: RedactedProfile = {
      id: 'prod-1',
      name: 'prod-1',
      color: '#3e63dd',
      tags: ['production', 'eu'],
      transport: {
        type: 'tls',
        host: '10.0.0.5',
        port: 2376,
        ca: { kind: 'path', path: '/certs/ca.pem' },
        cert: { kind: 'pem', pem: PEM },
        key: { kind: 'stored' },
        serverName: 'docker.example.net',
      },
    };
    expect(draftOf(profile)).toEqual({
      id: 'prod-1',
      name: 'prod-1',
      color: '#3e63dd',
      tags: ['production', 'eu'],
      transport: {
        type: 'tls',
        host: '10.0.0.5',
        port: 2376,
        ca: { kind: 'path', path: '/certs/ca.pem' },
        cert: { kind: 'pem', pem: `${PEM}\n` },
        key: { kind: 'stored' },
        serverName: 'docker.example.net',
      },
      keepStoredSecrets: true,
    });
  });

  it('replaces a stored key when a new one is pasted', () => {
    const form = formFromProfile({
      id: 'h',
      name: 'h',
      tags: [],
      transport: {
        type: 'tls',
        host: 'h',
        port: 2376,
        ca: { kind: 'path', path: '/ca' },
        cert: { kind: 'path', path: '/cert' },
        key: { kind: 'stored' },
      },
    });
    const result = draftFromForm({ ...form, key: { ...form.key, pem: PEM.replaceAll('CERTIFICATE', 'PRIVATE KEY') } });
    expect(result.ok && result.draft.transport.type === 'tls' && result.draft.transport.key.kind).toBe('pem');
  });

  it('sends an empty password and no passphrase to keep stored SSH secrets, and never shows them', () => {
    const profile: RedactedProfile = {
      id: 'ssh-1',
      name: 'ssh-1',
      tags: [],
      transport: {
        type: 'ssh',
        host: 'build-01',
        port: 22,
        user: 'deploy',
        auth: { method: 'password', hasPassword: true },
        remoteSocket: '/run/docker.sock',
        jumpHosts: [
          { host: 'bastion', port: 2222, user: 'ops', auth: { method: 'key', keyPath: '~/.ssh/id', hasPassphrase: true } },
          { host: 'inner', port: 22, user: 'ops', auth: { method: 'agent' } },
        ],
      },
    };
    const form = formFromProfile(profile);
    expect(form.auth).toMatchObject({ method: 'password', password: '', passwordStored: true });
    expect(form.jumpHosts.map((hop) => hop.host)).toEqual(['bastion', 'inner']);
    expect(form.jumpHosts[0]?.auth).toMatchObject({ method: 'key', passphrase: '', passphraseStored: true });
    expect(draftOf(profile).transport).toEqual({
      type: 'ssh',
      host: 'build-01',
      port: 22,
      user: 'deploy',
      auth: { method: 'password', password: '' },
      remoteSocket: '/run/docker.sock',
      jumpHosts: [
        { host: 'bastion', port: 2222, user: 'ops', auth: { method: 'key', keyPath: '~/.ssh/id' } },
        { host: 'inner', port: 22, user: 'ops', auth: { method: 'agent' } },
      ],
    });
  });

  it('puts the errors of a jump host next to its own fields', () => {
    const form = {
      ...emptyForm('j'),
      name: 'j',
      tab: 'ssh' as const,
      host: 'h',
      sshUser: 'u',
      jumpHosts: [emptyJumpHost(), { ...emptyJumpHost(), host: 'b', user: 'o', port: 'x' }],
    };
    const result = draftFromForm(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      'jumpHosts.0.host': 'a host name or address is required',
      'jumpHosts.0.user': 'an SSH user is required',
      'jumpHosts.1.port': 'a port is a number from 1 to 65535',
    });
  });

  it('maps a local socket or a named pipe', () => {
    expect(
      draftOf({ id: 'l', name: 'local', tags: [], transport: { type: 'unix', socketPath: '/var/run/docker.sock' } }).transport,
    ).toEqual({ type: 'unix', socketPath: '/var/run/docker.sock' });
    expect(draftOf({ id: 'w', name: 'win', tags: [], transport: { type: 'npipe', pipePath: '//./pipe/docker_engine' } }).transport).toEqual(
      { type: 'npipe', pipePath: '//./pipe/docker_engine' },
    );
  });
});

describe('draftFromForm validation', () => {
  it('puts the schema messages next to the fields', () => {
    const result = draftFromForm({ ...emptyForm('new-1'), tab: 'ssh', auth: { ...emptyForm().auth, method: 'password' } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      name: 'a name is required',
      host: 'a host name or address is required',
      sshUser: 'an SSH user is required',
      'auth.password': 'a password is required',
    });
  });

  it('checks ports and TLS files', () => {
    const result = draftFromForm({ ...emptyForm('new-2'), name: 'x', tab: 'tls', host: 'docker-1', tlsPort: '99999' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.tlsPort).toMatch(/1 to 65535/);
    expect(result.errors.ca).toBe('a file path is required');
    expect(result.errors.key).toBe('a file path is required');
  });

  it('a new host sends keepStoredSecrets: false; empty ports take the transport defaults', () => {
    const result = draftFromForm({ ...emptyForm('new-3'), name: 'build', tab: 'tcp', host: '10.0.0.5', tcpPort: '' });
    expect(result).toEqual({
      ok: true,
      draft: { id: 'new-3', name: 'build', tags: [], transport: { type: 'tcp', host: '10.0.0.5', port: 2375 }, keepStoredSecrets: false },
    });
  });
});

describe('fieldOfIssue', () => {
  it('maps schema paths to form fields', () => {
    expect(fieldOfIssue(['transport', 'port'], 'tls')).toBe('tlsPort');
    expect(fieldOfIssue(['transport', 'auth', 'keyPath'], 'ssh')).toBe('auth.keyPath');
    expect(fieldOfIssue(['transport', 'jumpHosts', 1, 'auth', 'keyPath'], 'ssh')).toBe('jumpHosts.1.auth.keyPath');
    expect(fieldOfIssue(['transport', 'jumpHosts', 0, 'host'], 'ssh')).toBe('jumpHosts.0.host');
    expect(fieldOfIssue(['transport', 'jumpHosts'], 'ssh')).toBe('jumpHosts');
    expect(fieldOfIssue(['transport', 'ca', 'path'], 'tls')).toBe('ca');
    expect(fieldOfIssue(['tags', 2], 'tcp')).toBe('tags');
  });
});

describe('applyParsedEndpoint', () => {
  it('fills the tab and fields the URL names, keeping the rest', () => {
    const base = { ...emptyForm('x'), name: 'keep me' };
    expect(applyParsedEndpoint(base, { transport: { type: 'tcp', host: '10.0.0.5', port: 2375 } })).toMatchObject({
      tab: 'tcp',
      host: '10.0.0.5',
      tcpPort: '2375',
      name: 'keep me',
    });
    expect(
      applyParsedEndpoint(base, {
        transport: { type: 'ssh', host: 'b', port: 2222, user: 'deploy', auth: { method: 'agent' }, remoteSocket: '/run/docker.sock' },
      }),
    ).toMatchObject({
      tab: 'ssh',
      sshUser: 'deploy',
      sshPort: '2222',
      remoteSocket: '/run/docker.sock',
      auth: { method: 'agent' },
    });
    expect(
      applyParsedEndpoint(base, {
        transport: {
          type: 'tls',
          host: 'h',
          port: 2376,
          ca: { kind: 'path', path: '/c/ca.pem' },
          cert: { kind: 'path', path: '/c/cert.pem' },
          key: { kind: 'path', path: '/c/key.pem' },
        },
      }),
    ).toMatchObject({
      tab: 'tls',
      ca: { mode: 'path', path: '/c/ca.pem' },
      key: { mode: 'path', path: '/c/key.pem' },
    });
    expect(applyParsedEndpoint(base, { transport: { type: 'unix', socketPath: '/run/user/1000/docker.sock' } })).toMatchObject({
      tab: 'local',
      socketPath: '/run/user/1000/docker.sock',
    });
  });
});

describe('tags', () => {
  it('parses comma-separated tags without duplicates and toggles production', () => {
    expect(parseTags(' a, b,,A , c ')).toEqual(['a', 'b', 'c']);
    const form = withProductionTag({ ...emptyForm('t'), tags: 'eu' }, true);
    expect(form.tags).toBe('production, eu');
    expect(hasProductionTag(form)).toBe(true);
    expect(withProductionTag({ ...form, tags: 'Production, eu' }, false).tags).toBe('eu');
  });
});

describe('a pasted tcp:// endpoint on a non-standard port', () => {
  it('also fills the TLS port, since docker writes TLS endpoints as tcp:// too', () => {
    const form = applyParsedEndpoint(emptyForm(), { transport: { type: 'tcp', host: '127.0.0.1', port: 23760 } });
    expect(form).toMatchObject({ tab: 'tcp', tcpPort: '23760', tlsPort: '23760' });
    expect(applyParsedEndpoint(emptyForm(), { transport: { type: 'tcp', host: 'h', port: 2375 } })).toMatchObject({ tlsPort: '2376' });
  });

  it("opens the TLS tab for docker's TLS port 2376, keeping the address", () => {
    expect(applyParsedEndpoint(emptyForm(), { transport: { type: 'tcp', host: '10.0.0.5', port: 2376 } })).toMatchObject({
      tab: 'tls',
      host: '10.0.0.5',
      tlsPort: '2376',
    });
  });
});
