// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { HostKeyChanged } from './host-key-changed';

afterEach(cleanup);

const error = { code: 'SSH_HOST_KEY_CHANGED' as const, message: 'WARNING: the host key of build-01:22 has changed.' };

describe('HostKeyChanged', () => {
  it('shows a key of another type as a possible attack, with both types and fingerprints', () => {
    render(
      <HostKeyChanged
        error={error}
        hostKey={{
          host: 'build-01',
          port: 22,
          keyType: 'ssh-rsa',
          fingerprint: 'SHA256:rsaNOW',
          changed: true,
          knownKeyType: 'ssh-ed25519',
          knownFingerprint: 'SHA256:edOLD',
        }}
      />,
    );
    expect(screen.getByRole('heading', { name: 'Host key changed — possible attack' })).toBeTruthy();
    expect(screen.getByLabelText('Fingerprint on record (ssh-ed25519): SHA256:edOLD')).toBeTruthy();
    expect(screen.getByLabelText('Fingerprint presented now (ssh-rsa): SHA256:rsaNOW')).toBeTruthy();
    expect(screen.getByText(/A key of another type is a changed key, not a new host/)).toBeTruthy();
    expect(screen.getByText('ssh-keygen -lf /etc/ssh/ssh_host_rsa_key.pub')).toBeTruthy();
    expect(screen.queryByText(/never seen/)).toBeNull();
    expect(screen.queryByRole('button', { name: /accept/i })).toBeNull();
  });

  it('says nothing about key types when the type is the same', () => {
    render(
      <HostKeyChanged
        error={error}
        hostKey={{
          host: 'build-01',
          port: 22,
          keyType: 'ssh-ed25519',
          fingerprint: 'SHA256:new',
          changed: true,
          knownKeyType: 'ssh-ed25519',
          knownFingerprint: 'SHA256:old',
        }}
      />,
    );
    expect(screen.getByLabelText('Fingerprint on record (ssh-ed25519): SHA256:old')).toBeTruthy();
    expect(screen.queryByText(/A key of another type/)).toBeNull();
  });
});
