import { describe, expect, it } from 'vitest';
import { BerthError } from '../errors.js';
import { mapJumpForwardError, mapSshError, type SshTarget } from './ssh-errors.js';

const target: SshTarget = { host: 'db.example', port: 2222, user: 'ops', auth: 'key', credentialPath: '/keys/id', phase: 'tcp' };

function sshError(message: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(message), fields);
}

describe('mapSshError', () => {
  it.each([
    ['connect ECONNREFUSED 10.0.0.1:2222', { level: 'client-socket', code: 'ECONNREFUSED' }, 'CONNECTION_REFUSED'],
    ['getaddrinfo ENOTFOUND db.example', { level: 'client-socket', code: 'ENOTFOUND' }, 'HOST_NOT_FOUND'],
    ['getaddrinfo EAI_AGAIN db.example', { level: 'client-socket', code: 'EAI_AGAIN' }, 'HOST_NOT_FOUND'],
    ['connect EHOSTUNREACH', { level: 'client-socket', code: 'EHOSTUNREACH' }, 'CONNECTION_REFUSED'],
    ['connect ETIMEDOUT', { level: 'client-socket', code: 'ETIMEDOUT' }, 'TIMEOUT'],
    ['read ECONNRESET', { level: 'client-socket', code: 'ECONNRESET' }, 'CONNECTION_RESET'],
    ['Timed out while waiting for handshake', { level: 'client-timeout' }, 'TIMEOUT'],
    ['Keepalive timeout', { level: 'client-timeout' }, 'CONNECTION_RESET'],
    ['All configured authentication methods failed', { level: 'client-authentication' }, 'SSH_AUTH_FAILED'],
    ['Failed to connect to agent', { level: 'agent' }, 'SSH_AGENT_UNAVAILABLE'],
    ['Connection lost before handshake', { level: 'protocol' }, 'CONNECTION_RESET'],
    ['Handshake failed: no matching key exchange algorithm', { level: 'handshake' }, 'CONNECTION_RESET'],
  ])('%s → %s', (message, fields, code) => {
    const mapped = mapSshError(sshError(message, fields), target, 5000);
    expect(mapped).toBeInstanceOf(BerthError);
    expect(mapped.code).toBe(code);
  });

  it('treats a server disconnect during authentication as an auth failure', () => {
    const mapped = mapSshError(sshError('Too many authentication failures', { code: 2 }), { ...target, phase: 'auth' }, 5000);
    expect(mapped.code).toBe('SSH_AUTH_FAILED');
    expect(mapped.message).toContain('Too many authentication failures');
  });

  it('says where the timeout happened and names the jump host', () => {
    const handshake = mapSshError(
      sshError('Timed out while waiting for handshake', { level: 'client-timeout' }),
      { ...target, phase: 'handshake', via: 'ops@bastion:22' },
      2500,
    );
    expect(handshake.message).toBe(
      'db.example:2222 (through the jump host ops@bastion:22) accepted the connection but completed no SSH handshake within 2.5 s. Is an SSH server (sshd) listening on that port?',
    );
  });

  it('gives auth advice per method', () => {
    const failed = sshError('All configured authentication methods failed', { level: 'client-authentication' });
    expect(mapSshError(failed, target, 1).message).toContain('/keys/id');
    expect(mapSshError(failed, { ...target, auth: 'agent' }, 1).message).toContain('ssh-add');
    expect(mapSshError(failed, { ...target, auth: 'password' }, 1).message).toContain('PasswordAuthentication');
  });

  it('passes BerthErrors through unchanged', () => {
    const original = new BerthError('SSH_HOST_KEY_CHANGED', 'changed');
    expect(mapSshError(original, target, 1)).toBe(original);
  });
});

describe('mapJumpForwardError', () => {
  const viaJump = { ...target, via: 'ops@bastion:22' };
  it.each([
    ['(SSH) Channel open failure: Connection refused', 'CONNECTION_REFUSED'],
    ['(SSH) Channel open failure: Name or service not known', 'HOST_NOT_FOUND'],
    ['(SSH) Channel open failure: administratively prohibited: open failed', 'SSH_FORWARDING_REFUSED'],
    ['No response from server', 'CONNECTION_RESET'],
  ])('%s → %s', (message, code) => {
    expect(mapJumpForwardError(new Error(message), viaJump).code).toBe(code);
  });
});
