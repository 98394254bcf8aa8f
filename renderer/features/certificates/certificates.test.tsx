// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HostCertificates } from '../../../shared/certificate-health';
import { cleanup, fakeLayout, renderApp } from '../../test/render-app';
import { summarizeHealth } from './describe-health';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

const hostButton = (name: string) => within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name });
const description = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

const entry = (
  role: 'ca' | 'client' | 'server',
  daysLeft: number,
  level: 'ok' | 'warning' | 'critical' | 'expired',
  problems: string[] = [],
) => ({
  role,
  subject: `CN=${role}`,
  notAfter: '2030-01-01T00:00:00.000Z',
  daysLeft,
  level,
  problems,
});

describe('summarizeHealth', () => {
  it.each([
    [[entry('ca', 900, 'ok'), entry('client', 12, 'warning')], 'warning', 'Cert 12 d', 'Client certificate expires in 12 days'],
    [[entry('server', 5, 'critical'), entry('client', 6, 'critical')], 'critical', 'Cert 5 d', 'Server certificate expires in 5 days'],
    [[entry('client', -3, 'expired', ['expired on 2029-12-29'])], 'expired', 'Cert expired', 'Client certificate expired 3 days ago'],
    [
      [entry('server', 200, 'critical', ['its names (DNS:a.example) do not include 10.0.0.5'])],
      'critical',
      'Cert problem',
      'Server certificate: its names (DNS:a.example) do not include 10.0.0.5',
    ],
    [[entry('ca', 400, 'ok'), entry('client', 300, 'ok')], 'ok', 'Certs OK', 'Certificates OK; the first expires in 300 days'],
  ] as const)('%j → %s', (entries, level, short, long) => {
    const certificates: HostCertificates = {
      checkedAt: 0,
      worst: level,
      entries: entries.map((e) => ({ ...e, problems: [...e.problems] })),
    };
    expect(summarizeHealth(certificates)).toEqual({ level, short, long });
  });

  it('says so when a certificate could not be read', () => {
    expect(
      summarizeHealth({ checkedAt: 0, worst: 'warning', entries: [entry('ca', 400, 'ok')], notes: ['Cannot read /c/cert.pem'] }),
    ).toEqual({
      level: 'warning',
      short: 'Cert unread',
      long: 'Cannot read /c/cert.pem',
    });
  });
});

describe('certificate health in the app', () => {
  it('warns in the sidebar and the fleet table, details each certificate on the dashboard, and renews the client certificate', async () => {
    const { bridge } = await renderApp();
    expect(description(hostButton('prod-api-01'))).toMatch(/Client certificate expires in 12 days/);
    expect(description(hostButton('prod-api-02'))).not.toMatch(/certificate/i);

    const panel = screen.getByRole('region', { name: 'Certificates' });
    const rows = within(within(panel).getByRole('table', { name: 'Certificates' }))
      .getAllByRole('row')
      .slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^CA certificateCN=Berth CA for 10\.20\.0\.11.*1460OK$/),
      expect.stringMatching(/^Client certificateCN=client.*12Expires soon$/),
      expect.stringMatching(/^Server certificateCN=10\.20\.0\.11.*300OK$/),
    ]);

    fireEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name: 'Fleet' }));
    const fleet = screen.getByRole('table', { name: 'Fleet' });
    const prodRow = within(fleet)
      .getAllByRole('row')
      .find((row) => row.textContent?.startsWith('prod-api-01'));
    expect(prodRow?.textContent).toMatch(/Client certificate expires in 12 days/);
    fireEvent.click(within(fleet).getByRole('button', { name: 'Certificates' }));
    expect(within(fleet).getAllByRole('row')[1]?.textContent).toMatch(/^prod-api-01/);
    fireEvent.click(hostButton('prod-api-01'));

    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(within(screen.getByRole('region', { name: 'Certificates' })).getByRole('button', { name: 'Renew client certificate' }));
    const form = screen.getByRole('form', { name: 'Renew client certificate' });
    expect((within(form).getByLabelText(/^CA certificate/) as HTMLInputElement).value).toBe('/etc/berth/certs/prod/ca.pem');
    expect((within(form).getByLabelText(/^CA key \(/) as HTMLInputElement).value).toBe('/etc/berth/certs/prod/ca-key.pem');
    fireEvent.change(within(form).getByLabelText('CA key passphrase'), { target: { value: 'wrong' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Renew' }));
    });
    expect(within(form).getByRole('alert').textContent).toMatch(/TLS_CA_PASSPHRASE_WRONG/);
    fireEvent.change(within(form).getByLabelText('CA key passphrase'), { target: { value: 'right one' } });
    await act(async () => {
      fireEvent.click(within(form).getByRole('button', { name: 'Renew' }));
    });
    await settle();
    expect(invoke).toHaveBeenCalledWith('tls:renew-client', {
      hostId: 'prod-api-01',
      caCertPath: '/etc/berth/certs/prod/ca.pem',
      caKeyPath: '/etc/berth/certs/prod/ca-key.pem',
      caPassphrase: 'right one',
      validityDays: 365,
    });
    expect(screen.getByRole('status', { name: 'Renewed client certificate' }).textContent).toMatch(/previous files are kept as/);
    expect(description(hostButton('prod-api-01'))).not.toMatch(/certificate expires/);
  });
});

describe('forgetting a changed host key', () => {
  it('asks the operator to type the host name first, then reconnects to review the new key', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(hostButton('edge-gw-02'));
    const alert = screen.getByRole('alertdialog', { name: 'Host key changed' });
    const forget = within(alert).getByRole('button', { name: 'Forget the old key and reconnect' });
    expect(forget).toHaveProperty('disabled', true);
    fireEvent.change(within(alert).getByLabelText(/to confirm/), { target: { value: 'edge-gw' } });
    expect(forget).toHaveProperty('disabled', true);
    fireEvent.change(within(alert).getByLabelText(/to confirm/), { target: { value: 'edge-gw-02' } });
    expect(forget).toHaveProperty('disabled', false);
    await act(async () => {
      fireEvent.click(forget);
    });
    expect(invoke).toHaveBeenCalledWith('hosts:forget-host-key', { hostId: 'edge-gw-02' });
    await settle();
    expect(screen.queryByRole('alertdialog', { name: 'Host key changed' })).toBeNull();
    const confirm = screen.getByRole('dialog', { name: 'Host key confirmation' });
    expect(within(confirm).getByText('SHA256:Zt0u2X9bGk1Qp7YwVd4hN8cRj3LmA5sE6fT1oUiPqWe')).toBeTruthy();
  });
});
