// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvokeReply } from '../../../shared/contract';
import { cleanup, fakeLayout, renderApp } from '../../test/render-app';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

const wizard = () => screen.getByRole('dialog', { name: 'TLS setup wizard' });
const inWizard = () => within(wizard());
const currentStep = () =>
  within(inWizard().getByRole('list', { name: 'Wizard steps' }))
    .getAllByRole('listitem')
    .find((item) => item.getAttribute('aria-current') === 'step')?.textContent;
const field = (name: string | RegExp) => inWizard().getByLabelText(name) as HTMLInputElement;
const type = (name: string | RegExp, value: string) => fireEvent.change(field(name), { target: { value } });
const click = async (name: string | RegExp) => {
  await act(async () => {
    fireEvent.click(inWizard().getByRole('button', { name }));
  });
};
const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

async function openFromTopBar() {
  const harness = await renderApp();
  fireEvent.click(screen.getByRole('button', { name: 'Set up TLS…' }));
  return harness;
}

describe('the TLS setup wizard', { timeout: 30_000 }, () => {
  it('lists its steps with the current one marked, and validates each step before Next', async () => {
    await openFromTopBar();
    const steps = within(inWizard().getByRole('list', { name: 'Wizard steps' })).getAllByRole('listitem');
    expect(steps.map((step) => step.textContent)).toEqual([
      '1Daemon',
      '2Keys',
      '3Generate',
      '4Configuration',
      '5Install over SSH',
      '6Verify and save',
    ]);
    expect(currentStep()).toBe('1Daemon');
    expect(inWizard().getByRole('button', { name: 'Back' })).toHaveProperty('disabled', true);

    await click('Next');
    expect(currentStep()).toBe('1Daemon');
    expect(inWizard().getByText('Give the IP address or DNS name clients use to reach the daemon.')).toBeTruthy();
    type(/^Address clients use/, '10.0.0.300');
    await click('Next');
    expect(inWizard().getByText(/mistyped IP address/)).toBeTruthy();
    expect(field(/^Address clients use/).getAttribute('aria-invalid')).toBe('true');
    type(/^Address clients use/, '10.20.0.12');
    type('Other names and addresses', 'docker.example.com, bad_name.example.com');
    await click('Next');
    expect(inWizard().getByText(/"bad_name.example.com" is neither an IP address nor a valid DNS name/)).toBeTruthy();
    type('Other names and addresses', 'docker.example.com');
    type('TLS port', '99999');
    await click('Next');
    expect(inWizard().getByText(/A port is a number from 1 to 65535/)).toBeTruthy();
    type('TLS port', '2376');
    await click('Next');
    expect(currentStep()).toBe('2Keys');

    expect((inWizard().getByRole('radio', { name: /EC P-256/ }) as HTMLInputElement).checked).toBe(true);
    type('Validity (days)', '0');
    type('CA key passphrase', 'abc');
    await click('Generate');
    expect(currentStep()).toBe('2Keys');
    expect(inWizard().getByText('Give a whole number of days from 1 to 3650.')).toBeTruthy();
    expect(inWizard().getByText('The passphrase needs at least 4 characters.')).toBeTruthy();
    type('Validity (days)', '90');
    type('CA key passphrase', 'open sesame');
    type('Repeat the passphrase', 'open sesam');
    await click('Generate');
    expect(inWizard().getByText('The two passphrases differ.')).toBeTruthy();
    type(/^Save the files in/, 'relative/dir');
    type('Repeat the passphrase', 'open sesame');
    await click('Generate');
    expect(inWizard().getByText(/Give an absolute directory/)).toBeTruthy();

    // Back keeps what was typed.
    await click('Back');
    expect(currentStep()).toBe('1Daemon');
    expect(field(/^Address clients use/).value).toBe('10.20.0.12');
    await click('Next');
    expect(field('Validity (days)').value).toBe('90');
  });

  it('walks a new address through generate, configuration, install over SSH, verify and save', async () => {
    const { bridge } = await openFromTopBar();
    const invoke = vi.spyOn(bridge, 'invoke');
    type(/^Address clients use/, '10.20.0.12');
    await click('Next');
    fireEvent.click(inWizard().getByRole('radio', { name: /RSA 4096/ }));
    type('CA key passphrase', 'open sesame');
    type('Repeat the passphrase', 'open sesame');
    await click('Generate');
    await settle();
    expect(currentStep()).toBe('3Generate');
    expect(inWizard().getByRole('progressbar', { name: 'Generating certificates' }).getAttribute('aria-valuenow')).toBe('100');
    const generated = inWizard().getByRole('status', { name: 'Generated certificates' });
    expect(generated.textContent).toMatch(/Six files written to ~\/.docker\/berth\/10.20.0.12/);
    expect(generated.textContent).toMatch(/RSA 4096/);
    expect(invoke).toHaveBeenCalledWith(
      'tls:generate',
      expect.objectContaining({ sans: ['IP:10.20.0.12'], keyType: 'rsa-4096', caPassphrase: 'open sesame', validityDays: 365 }),
    );

    await click('Next');
    await settle();
    expect(currentStep()).toBe('4Configuration');
    for (const title of [
      'daemon.json',
      'systemd drop-in',
      'DOCKER_OPTS line',
      'dockerd command line',
      'Client environment',
      'docker command',
      'curl command',
    ]) {
      expect(inWizard().getByRole('button', { name: `Copy ${title}` })).toBeTruthy();
    }
    expect(inWizard().getByText(/export DOCKER_HOST=tcp:\/\/10.20.0.12:2376/)).toBeTruthy();
    expect(inWizard().queryByRole('button', { name: 'Copy openssl commands' })).toBeNull();
    await act(async () => {
      fireEvent.click(inWizard().getByRole('switch', { name: 'Show openssl commands' }));
    });
    await settle();
    expect(inWizard().getByRole('button', { name: 'Copy openssl commands' })).toBeTruthy();
    expect(inWizard().getByText(/rsa_keygen_bits:4096/)).toBeTruthy();

    await click('Next');
    expect(currentStep()).toBe('5Install over SSH');
    // prod-api-02 is the SSH host at that address: chosen already.
    expect((inWizard().getByLabelText('SSH connection') as HTMLSelectElement).value).toBe('prod-api-02');
    expect(field('Certificate directory on the host').value).toBe('/etc/docker/tls');
    expect(field('Restart command').value).toBe('systemctl restart docker');
    expect(inWizard().getByRole('button', { name: 'Skip to verify' })).toBeTruthy();
    await click('Install');
    await settle();
    const steps = inWizard().getByRole('list', { name: 'Install steps' });
    expect(
      within(steps)
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('aria-label')),
    ).toEqual([
      'Check the host: Done',
      'Upload the CA and server certificate and key: Done',
      'Update daemon.json: Done',
      'Install the systemd drop-in: Done',
      'Restart Docker: Done',
      'Wait for the daemon over TLS: Done',
    ]);
    expect(inWizard().getByRole('status', { name: 'Install result' }).textContent).toMatch(/Installed: Docker [0-9.]* ?answers over TLS/);

    await click('Next');
    expect(currentStep()).toBe('6Verify and save');
    expect(inWizard().queryByRole('button', { name: 'Save as TLS host' })).toBeNull();
    await click('Verify connection');
    expect(inWizard().getByRole('status', { name: 'Verification result' }).textContent).toMatch(
      /Docker 24\.0\.7 answers over TLSv1\.3.*IP:10\.20\.0\.12/s,
    );
    type(/^Host name/, 'prod-api-02 (TLS)');
    await click('Save as TLS host');
    await settle();
    expect(inWizard().getByRole('status', { name: 'Saved host' }).textContent).toMatch(/Saved prod-api-02 \(TLS\).*Ready/s);
    const saved = invoke.mock.calls.find(([channel]) => channel === 'tls:save-host')?.[1];
    expect(saved).toEqual({ name: 'prod-api-02 (TLS)', host: '10.20.0.12', port: 2376, certDir: '~/.docker/berth/10.20.0.12' });
    await click('Open dashboard');
    expect(screen.queryByRole('dialog', { name: 'TLS setup wizard' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'prod-api-02 (TLS)' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Certificates' })).toBeTruthy();
    // No passphrase in anything the wizard was sent back.
    const replies = await Promise.all(invoke.mock.results.map((result) => result.value as Promise<InvokeReply<never>>));
    expect(JSON.stringify(replies)).not.toContain('open sesame');
  });

  it('opens from the plain-tcp warning with the host and its address filled in, and offers to switch it to TLS', async () => {
    await renderApp();
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name: 'legacy-build' }));
    fireEvent.click(screen.getByRole('button', { name: 'Secure with TLS…' }));
    expect((inWizard().getByRole('radio', { name: 'An existing host' }) as HTMLInputElement).checked).toBe(true);
    expect((inWizard().getByLabelText('Host') as HTMLSelectElement).value).toBe('legacy-build');
    expect(field(/^Address clients use/).value).toBe('10.30.0.7');
    await click('Next');
    expect(field(/^Save the files in/).value).toBe('~/.docker/berth/legacy-build');
    await click('Generate');
    await settle();
    await click('Next');
    await settle();
    await click('Next');
    // legacy-build has no SSH profile at its address: no SSH host is preselected, and Install asks for one.
    expect((inWizard().getByLabelText('SSH connection') as HTMLSelectElement).value).toBe('');
    await click('Install');
    expect(inWizard().getByText('Choose the SSH connection to the daemon’s host.')).toBeTruthy();
    await click('Skip to verify');
    await click('Verify connection');
    expect(field(/^Host name/).value).toBe('legacy-build');
    expect((inWizard().getByRole('checkbox', { name: /Switch legacy-build from plain tcp to TLS/ }) as HTMLInputElement).checked).toBe(
      true,
    );
  });

  it('never installs over an SSH host at another address without saying so and a confirmation', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name: 'legacy-build' }));
    fireEvent.click(screen.getByRole('button', { name: 'Secure with TLS…' }));
    await click('Next');
    await click('Generate');
    await settle();
    await click('Next');
    await settle();
    await click('Next');
    const select = inWizard().getByLabelText('SSH connection') as HTMLSelectElement;
    expect(select.value).toBe('');
    fireEvent.change(select, { target: { value: 'ci-runners' } });
    const warning = inWizard().getByRole('alert', { name: 'SSH host at another address' });
    expect(warning.textContent).toMatch(/ci-runners\.internal:22.*legacy-build.*10\.30\.0\.7/s);
    expect(inWizard().getByRole('button', { name: 'Install' })).toHaveProperty('disabled', true);
    fireEvent.click(within(warning).getByRole('checkbox'));
    expect(inWizard().getByRole('button', { name: 'Install' })).toHaveProperty('disabled', false);
    await click('Install');
    expect(invoke).toHaveBeenCalledWith('tls:install', expect.objectContaining({ hostId: 'ci-runners' }));
  });

  it('asks for the typed name before installing on a production daemon over an SSH host at another address', async () => {
    await renderApp();
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name: 'prod-api-01' }));
    fireEvent.click(screen.getByRole('button', { name: 'Set up TLS…' }));
    fireEvent.click(inWizard().getByRole('radio', { name: 'An existing host' }));
    fireEvent.change(inWizard().getByLabelText('Host'), { target: { value: 'prod-api-01' } });
    await click('Next');
    await click('Generate');
    await settle();
    await click('Next');
    await settle();
    await click('Next');
    fireEvent.change(inWizard().getByLabelText('SSH connection'), { target: { value: 'ci-runners' } });
    const warning = inWizard().getByRole('alert', { name: 'SSH host at another address' });
    expect(within(warning).queryByRole('checkbox')).toBeNull();
    fireEvent.change(within(warning).getByLabelText(/Type ci-runners to install there anyway/), { target: { value: 'ci-runner' } });
    expect(inWizard().getByRole('button', { name: 'Install' })).toHaveProperty('disabled', true);
    fireEvent.change(within(warning).getByLabelText(/Type ci-runners/), { target: { value: 'ci-runners' } });
    expect(inWizard().getByRole('button', { name: 'Install' })).toHaveProperty('disabled', false);
  });

  it('shows a failed install step with what to do and rolls back', async () => {
    await renderApp();
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name: 'prod-api-02' }));
    fireEvent.click(screen.getByRole('button', { name: 'Set up TLS…' }));
    fireEvent.click(inWizard().getByRole('radio', { name: 'An existing host' }));
    fireEvent.change(inWizard().getByLabelText('Host'), { target: { value: 'prod-api-02' } });
    await click('Next');
    await click('Generate');
    await settle();
    await click('Next');
    await settle();
    await click('Next');
    type('Restart command', 'systemctl restart docker --fail');
    await click('Install');
    await settle();
    const steps = within(inWizard().getByRole('list', { name: 'Install steps' })).getAllByRole('listitem');
    expect(steps.map((item) => item.getAttribute('aria-label'))).toEqual([
      'Check the host: Done',
      'Upload the CA and server certificate and key: Done',
      'Update daemon.json: Done',
      'Install the systemd drop-in: Done',
      'Restart Docker: Failed',
      'Wait for the daemon over TLS: Waiting',
    ]);
    expect(steps[4]?.textContent).toMatch(/Job for docker.service failed/);
    const alert = inWizard()
      .getAllByRole('alert')
      .find((element) => /The install failed/.test(element.textContent ?? ''));
    expect(alert?.textContent).toMatch(/TLS_INSTALL_COMMAND_FAILED.*journalctl -u docker.*roll back/s);
    await click('Roll back');
    await settle();
    expect(
      within(inWizard().getByRole('list', { name: 'Rollback steps' }))
        .getAllByRole('listitem')
        .map((item) => item.getAttribute('aria-label')),
    ).toEqual([
      'Restore daemon.json: Done',
      'Remove the systemd drop-in: Done',
      'Restore the certificate files: Done',
      'Restart Docker: Done',
    ]);
    expect(inWizard().getByText('The host is back to its previous Docker configuration.')).toBeTruthy();
  });

  it('shows generation progress as it is pushed, and cancels', async () => {
    const { bridge } = await openFromTopBar();
    let settleGenerate: (reply: unknown) => void = () => undefined;
    const original = bridge.invoke.bind(bridge);
    const invoke = vi.spyOn(bridge, 'invoke').mockImplementation(((channel: string, input: never) => {
      if (channel === 'tls:generate') return new Promise((resolve) => (settleGenerate = resolve as (reply: unknown) => void));
      return original(channel as never, input);
    }) as typeof bridge.invoke);
    type(/^Address clients use/, 'docker.example.com');
    await click('Next');
    await click('Generate');
    const jobId = (invoke.mock.calls.find(([channel]) => channel === 'tls:generate')?.[1] as { jobId: string }).jobId;
    act(() => {
      bridge.push('tls:progress', { jobId, step: 'ca-key', done: true, completed: 1, total: 7 });
      bridge.push('tls:progress', { jobId, step: 'ca-certificate', done: false, completed: 1, total: 7 });
      bridge.push('tls:progress', { jobId: 'someone-else', step: 'export', done: true, completed: 7, total: 7 });
    });
    const bar = inWizard().getByRole('progressbar', { name: 'Generating certificates' });
    expect(bar.getAttribute('aria-valuenow')).toBe('14');
    expect(bar.getAttribute('aria-valuetext')).toBe('CA certificate (14%)');
    expect(inWizard().getByRole('button', { name: 'Next' })).toHaveProperty('disabled', true);
    expect(inWizard().getByRole('button', { name: 'Back' })).toHaveProperty('disabled', true);
    await click('Cancel generation');
    expect(invoke).toHaveBeenCalledWith('tls:cancel', { jobId });
    await act(async () => {
      settleGenerate({
        ok: false,
        error: { code: 'TLS_GENERATION_CANCELLED', message: 'Certificate generation was cancelled; nothing was written.' },
      });
    });
    expect(inWizard().getByText('Generation cancelled; nothing was written.')).toBeTruthy();
    expect(inWizard().getByRole('button', { name: 'Generate certificates' })).toBeTruthy();
  });

  it('opens from the add-host form with the typed address', async () => {
    await renderApp();
    fireEvent.click(within(screen.getByRole('complementary', { name: 'Host sidebar' })).getByRole('button', { name: 'Add host' }));
    const form = screen.getByRole('dialog', { name: 'Add host' });
    fireEvent.click(within(form).getByRole('tab', { name: 'TCP' }));
    fireEvent.change(within(form).getByRole('textbox', { name: /^Host/ }), { target: { value: 'build-03.example.net' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Secure with TLS…' }));
    expect(screen.queryByRole('dialog', { name: 'Add host' })).toBeNull();
    expect((inWizard().getByRole('radio', { name: 'A new address' }) as HTMLInputElement).checked).toBe(true);
    expect(field(/^Address clients use/).value).toBe('build-03.example.net');
  });
});
