// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostCertificates } from '../../../shared/certificate-health';
import { cleanup, fakeLayout, renderApp } from '../../test/render-app';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

const misnamed: HostCertificates = {
  checkedAt: Date.now(),
  worst: 'critical',
  entries: [
    {
      role: 'server',
      subject: 'CN=not-this-host.example',
      notAfter: '2027-06-01T00:00:00.000Z',
      daysLeft: 180,
      level: 'critical',
      problems: ['its names (DNS:not-this-host.example) do not include 10.40.0.9, the address Berth connects to'],
      names: ['DNS:not-this-host.example'],
    },
  ],
};

describe('a server certificate for another name', { timeout: 20_000 }, () => {
  it('names what the certificate covers and sets the server name in one click', async () => {
    const { bridge, api } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    const hosts = await api.listHosts();
    const staging = hosts.find((host) => host.profile.id === 'staging-db')!;
    const error = {
      code: 'TLS_HOSTNAME_MISMATCH' as const,
      message: 'The daemon’s certificate is for DNS:not-this-host.example, not for 10.40.0.9.',
    };
    act(() => {
      bridge.push('hosts:changed', {
        hosts: hosts.map((host) => (host === staging ? { ...staging, status: { state: 'failed', error }, certificates: misnamed } : host)),
      });
    });
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name: 'staging-db' }));
    const panel = screen.getByRole('region', { name: 'Certificates' });
    expect(within(panel).getByText('DNS:not-this-host.example')).toBeTruthy();
    await act(async () => {
      fireEvent.click(within(panel).getByRole('button', { name: 'Use server name not-this-host.example' }));
    });
    expect(invoke).toHaveBeenCalledWith('hosts:save', {
      draft: expect.objectContaining({
        id: 'staging-db',
        transport: expect.objectContaining({ type: 'tls', host: '10.40.0.9', serverName: 'not-this-host.example' }),
        keepStoredSecrets: true,
      }),
    });
  });
});
