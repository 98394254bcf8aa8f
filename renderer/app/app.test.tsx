// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fakeLayout, renderApp } from '../test/render-app';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

const hostsNav = () => screen.getByRole('navigation', { name: 'Hosts' });
const hostButton = (name: string) => within(hostsNav()).getByRole('button', { name });
const dashboard = () => screen.getByRole('region', { name: /^Dashboard of / });
/** The text an element's aria-describedby points at. */
const description = (element: HTMLElement) =>
  (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');

describe('the app over the demo bridge', () => {
  it('lists every host with its status, production hosts marked', async () => {
    await renderApp();
    const nav = hostsNav();
    expect(
      within(nav)
        .getAllByRole('button')
        .filter((button) => !button.hasAttribute('aria-pressed'))
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual(['prod-api-01', 'prod-api-02', 'legacy-build', 'staging-db', 'edge-gw-01', 'edge-gw-02', 'ci-runners', 'local']);
    expect(within(nav).getAllByText('PRODUCTION')).toHaveLength(2);
    expect(hostButton('prod-api-01').getAttribute('aria-current')).toBe('true');
    expect(description(hostButton('staging-db'))).toMatch(/Reconnecting · attempt 3/);
    expect(within(nav).getByText(/CONNECTION_REFUSED/)).toBeTruthy();
    expect(description(hostButton('edge-gw-01'))).toMatch(/Confirm host key/);
    expect(within(dashboard()).getByText('PRODUCTION')).toBeTruthy();
  });

  it('switches to the cached snapshot synchronously, without waiting for the main side', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(hostButton('legacy-build'));
    // No await: the devicemapper dashboard is already there.
    expect(screen.getByRole('heading', { name: 'legacy-build' })).toBeTruthy();
    expect(screen.getByRole('meter', { name: 'Data space' }).getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByRole('meter', { name: 'Metadata space' }).getAttribute('aria-valuenow')).toBe('6');
    expect(screen.getByText(/Unencrypted tcp/)).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Storage warnings' }).textContent).toMatch(
      /POOL_DATA_HIGH.*POOL_BELOW_MIN_FREE_SPACE.*LOOP_LVM.*DRIVER_REMOVED/s,
    );
    expect(invoke).not.toHaveBeenCalled();
  });

  it('keeps an offline host’s snapshot visible, marked with its age', async () => {
    await renderApp();
    fireEvent.click(hostButton('staging-db'));
    expect(screen.getByRole('status', { name: 'Offline snapshot' }).textContent).toMatch(
      /offline — data from 3 min ago.*attempt 3.*CONNECTION_REFUSED/s,
    );
    expect(screen.getByRole('table', { name: 'Containers' })).toBeTruthy();
  });

  it('opens the quick switcher with Ctrl+K, searches fuzzily and switches on Enter', async () => {
    await renderApp();
    fireEvent.keyDown(window, { key: 'k', code: 'KeyK', ctrlKey: true });
    const dialog = screen.getByRole('dialog', { name: 'Search the fleet' });
    const input = within(dialog).getByRole('combobox', { name: 'Search hosts, containers, compose projects and images' });
    fireEvent.change(input, { target: { value: 'cirun' } });
    expect(
      within(dialog)
        .getAllByRole('option')
        .map((option) => option.getAttribute('aria-label')),
    ).toEqual(['ci-runners']);
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(screen.queryByRole('dialog', { name: 'Search the fleet' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'ci-runners' })).toBeTruthy();
  });

  it('lists recently used hosts first in the switcher', async () => {
    await renderApp();
    fireEvent.click(hostButton('local'));
    fireEvent.click(hostButton('legacy-build'));
    fireEvent.keyDown(window, { key: 'k', code: 'KeyK', metaKey: true });
    const options = within(screen.getByRole('dialog', { name: 'Search the fleet' })).getAllByRole('option');
    expect(options.slice(0, 2).map((option) => option.getAttribute('aria-label'))).toEqual(['legacy-build', 'local']);
    fireEvent.keyDown(within(screen.getByRole('dialog', { name: 'Search the fleet' })).getByRole('combobox'), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Search the fleet' })).toBeNull();
  });

  it('jumps to the first nine hosts with Alt+1…9 in a browser tab, leaving Ctrl+1…9 to the browser', async () => {
    await renderApp();
    fireEvent.keyDown(window, { key: '3', code: 'Digit3', altKey: true });
    expect(screen.getByRole('heading', { name: 'legacy-build' })).toBeTruthy();
    fireEvent.keyDown(window, { key: '7', code: 'Digit7', altKey: true });
    expect(screen.getByRole('heading', { name: 'ci-runners' })).toBeTruthy();
    fireEvent.keyDown(window, { key: '3', code: 'Digit3', ctrlKey: true });
    expect(screen.getByRole('heading', { name: 'ci-runners' })).toBeTruthy();
    expect(hostButton('legacy-build').textContent).toContain('Alt+3');
  });

  it('filters the sidebar by tag and groups it', async () => {
    await renderApp();
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by tag' }), { target: { value: 'edge' } });
    expect(
      within(hostsNav())
        .getAllByRole('button')
        .filter((button) => !button.hasAttribute('aria-pressed'))
        .map((button) => button.getAttribute('aria-label')),
    ).toEqual(['edge-gw-01', 'edge-gw-02']);
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by tag' }), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Group by tag' }));
    expect(within(hostsNav()).getByRole('group', { name: 'production' })).toBeTruthy();
    expect(within(within(hostsNav()).getByRole('group', { name: 'Untagged' })).getByRole('button', { name: 'local' })).toBeTruthy();
  });
});

describe('host keys', () => {
  it('asks to confirm an unknown key with its fingerprint, and accepting connects', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(hostButton('edge-gw-01'));
    const dialog = screen.getByRole('dialog', { name: 'Host key confirmation' });
    expect(within(dialog).getByText('SHA256:4Jx8kq0bQmV3z2bN1cYHfUe7pT9sWgL5rA6dKiO0nZs')).toBeTruthy();
    expect(within(dialog).getByText('ssh-ed25519')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('heading', { name: /Confirm the SSH host key/ }));
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Accept always' }));
    });
    expect(invoke).toHaveBeenCalledWith('hosts:accept-host-key', { hostId: 'edge-gw-01', persist: true });
    expect(screen.queryByRole('dialog', { name: 'Host key confirmation' })).toBeNull();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(description(hostButton('edge-gw-01'))).toMatch(/Ready/);
    expect(screen.getByRole('table', { name: 'Containers' })).toBeTruthy();
  });

  it('shows a changed key as a possible attack: both fingerprints, how to fix, no way to accept', async () => {
    await renderApp();
    fireEvent.click(hostButton('edge-gw-02'));
    const alert = screen.getByRole('alertdialog', { name: 'Host key changed' });
    expect(within(alert).getByText(/possible attack/)).toBeTruthy();
    expect(within(alert).getByText('SHA256:m3Kp9Lx2Vb7Qn4Wc8Rt1Ys6Ud0Fg5Hj2Ak9Ze3Xc7Bv')).toBeTruthy();
    expect(within(alert).getByText('SHA256:Zt0u2X9bGk1Qp7YwVd4hN8cRj3LmA5sE6fT1oUiPqWe')).toBeTruthy();
    expect(within(alert).getByText('How to fix')).toBeTruthy();
    expect(within(alert).queryByRole('button', { name: /accept/i })).toBeNull();
    fireEvent.click(within(alert).getByRole('button', { name: 'Close' }));
    // Still on the dashboard, as an alert, and still without an accept button anywhere.
    expect(screen.getByRole('alert', { name: 'Host key changed' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /accept/i })).toBeNull();
    expect(screen.queryByRole('dialog', { name: 'Host key confirmation' })).toBeNull();
  });
});

describe('fleet', () => {
  it('shows every host in one table; a row click switches', async () => {
    await renderApp();
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name: 'Fleet' }));
    const table = screen.getByRole('table', { name: 'Fleet' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(9);
    const legacy = rows.find((row) => within(row).queryByRole('button', { name: 'legacy-build' }))!;
    // Alone in its tag group, legacy-build drifts from nothing, however old its engine.
    expect(legacy.textContent).toMatch(/1\.12\.1/);
    expect(legacy.textContent).not.toMatch(/differs from/);
    expect(legacy.textContent).toMatch(/pool 100 %/);
    expect(within(table).getAllByText('PRODUCTION')).toHaveLength(2);
    fireEvent.click(within(table).getByRole('button', { name: 'Engine / API' }));
    expect(
      within(table)
        .getByRole('columnheader', { name: /Engine/ })
        .getAttribute('aria-sort'),
    ).toBe('ascending');
    fireEvent.click(legacy);
    expect(screen.getByRole('heading', { name: 'legacy-build' })).toBeTruthy();
  });
});

describe('containers', () => {
  it('renders 5,000 containers virtualized, and searches them', async () => {
    await renderApp();
    fireEvent.click(hostButton('ci-runners'));
    const table = screen.getByRole('table', { name: 'Containers' });
    expect(table.getAttribute('aria-rowcount')).toBe('5001');
    const rendered = within(table).getAllByRole('row').length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(80);
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter by state' }), { target: { value: 'dead' } });
    const dead = Number(screen.getByRole('table', { name: 'Containers' }).getAttribute('aria-rowcount')) - 1;
    expect(dead).toBeGreaterThan(0);
    expect(dead).toBeLessThan(200);
    expect(screen.getByText(`${dead} ${dead === 1 ? 'match' : 'matches'}`)).toBeTruthy();
  });
});

describe('adding and editing hosts', () => {
  it('says what is wrong with a pasted URL it cannot read, and clears that when the URL changes', async () => {
    await renderApp();
    fireEvent.click(within(screen.getByRole('complementary', { name: 'Host sidebar' })).getByRole('button', { name: 'Add host' }));
    const dialog = screen.getByRole('dialog', { name: 'Add host' });
    const url = within(dialog).getByRole('textbox', { name: 'Docker endpoint URL' });
    fireEvent.change(url, { target: { value: 'ftp://10.0.0.5' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Fill from URL' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/UNSUPPORTED_SCHEME.*ftp/s);
    fireEvent.change(url, { target: { value: 'tcp://10.0.0.5' } });
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });

  it('warns about plain tcp, tests the connection and adds the host', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(within(screen.getByRole('complementary', { name: 'Host sidebar' })).getByRole('button', { name: 'Add host' }));
    const dialog = screen.getByRole('dialog', { name: 'Add host' });
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Docker endpoint URL' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Docker endpoint URL' }), { target: { value: 'tcp://10.0.0.5:2375' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Fill from URL' }));
    });
    expect(within(dialog).getByRole('tab', { name: 'TCP' }).getAttribute('aria-selected')).toBe('true');
    expect((within(dialog).getByRole('textbox', { name: /^Host/ }) as HTMLInputElement).value).toBe('10.0.0.5');
    // Parsed in the page by the shared parser, with no round trip an early Add host could overtake.
    expect(invoke.mock.calls.some(([channel]) => channel === 'endpoint:parse')).toBe(false);
    expect(within(dialog).getByRole('note', { name: 'Unencrypted connection warning' }).textContent).toMatch(
      /root access to that host.*2375.*2376/s,
    );
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Name/ }), { target: { value: 'build-02' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    });
    expect(within(dialog).getByRole('status', { name: 'Connection test result' }).textContent).toMatch(
      /Docker Engine 24\.0\.7 \(API 1\.43\)/,
    );
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Add host' }));
    });
    expect(screen.queryByRole('dialog', { name: 'Add host' })).toBeNull();
    const saved = invoke.mock.calls.find(([channel]) => channel === 'hosts:save')?.[1] as {
      draft: { name: string; transport: unknown; keepStoredSecrets: boolean };
    };
    expect(saved.draft).toMatchObject({
      name: 'build-02',
      transport: { type: 'tcp', host: '10.0.0.5', port: 2375 },
      keepStoredSecrets: false,
    });
    expect(hostButton('build-02').getAttribute('aria-current')).toBe('true');
  });

  it('shows the specific error code when the test fails, and field errors before sending anything', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(within(screen.getByRole('complementary', { name: 'Host sidebar' })).getByRole('button', { name: 'Add host' }));
    const dialog = screen.getByRole('dialog', { name: 'Add host' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    expect(within(dialog).getByText('a name is required')).toBeTruthy();
    // Only the docker contexts were asked for (the form offers them); nothing was tested.
    expect(invoke.mock.calls.map(([channel]) => channel)).toEqual(['contexts:list']);
    fireEvent.click(within(dialog).getByRole('tab', { name: 'TLS' }));
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Name/ }), { target: { value: 'x' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: /^Host/ }), { target: { value: '10.99.0.1' } });
    for (const label of ['CA certificate file', 'Client certificate file', 'Client key file']) {
      // The browser shell's path fields are comboboxes: they complete typed paths.
      fireEvent.change(within(dialog).getByRole('combobox', { name: label }), { target: { value: `/certs/${label}.pem` } });
    }
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Test connection' }));
    });
    expect(within(dialog).getByRole('alert').textContent).toMatch(/CONNECTION_REFUSED.*refused the connection/s);
  });

  it('edits a host without ever showing stored secrets, and keeps them', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(within(dashboard()).getByRole('button', { name: 'Edit host' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit host' });
    expect(within(dialog).getByText('stored')).toBeTruthy();
    expect((within(dialog).getByRole('textbox', { name: 'Client key PEM' }) as HTMLTextAreaElement).value).toBe('');
    expect((within(dialog).getByRole('checkbox', { name: /Production host/ }) as HTMLInputElement).checked).toBe(true);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    });
    const saved = invoke.mock.calls.find(([channel]) => channel === 'hosts:save')?.[1] as {
      draft: { transport: { key: unknown }; keepStoredSecrets: boolean };
    };
    expect(saved.draft.keepStoredSecrets).toBe(true);
    expect(saved.draft.transport.key).toEqual({ kind: 'stored' });
  });

  it('makes removing a production host take its typed name', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(within(dashboard()).getByRole('button', { name: 'Edit host' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit host' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove host…' }));
    const remove = within(dialog).getByRole('button', { name: 'Remove host' }) as HTMLButtonElement;
    expect(remove.disabled).toBe(true);
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Type “prod-api-01”/ }), { target: { value: 'prod-api-01' } });
    expect(remove.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(remove);
    });
    expect(invoke).toHaveBeenCalledWith('hosts:remove', { hostId: 'prod-api-01' });
    expect(within(hostsNav()).queryByRole('button', { name: 'prod-api-01' })).toBeNull();
  });
});

describe('first start', () => {
  it('offers the local daemon when one answers', async () => {
    await renderApp({ scenario: 'first-start' });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getByRole('group', { name: 'Local daemon found' }).textContent).toMatch(/unix:\/\/\/demo\/sample-local\/docker\.sock/);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Add local daemon' }));
    });
    expect(hostButton('local')).toBeTruthy();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getByRole('heading', { name: 'local' })).toBeTruthy();
  });
});

describe('master passphrase', () => {
  it('asks for the passphrase while secrets are locked, and waiting hosts connect once it is right', async () => {
    await renderApp({ scenario: 'locked' });
    const region = screen.getByRole('region', { name: 'Secrets locked' });
    const input = within(region).getByLabelText('Master passphrase');
    fireEvent.change(input, { target: { value: 'wrong' } });
    await act(async () => {
      fireEvent.click(within(region).getByRole('button', { name: 'Unlock' }));
    });
    expect(within(region).getByRole('alert').textContent).toMatch(/SECRETS_PASSPHRASE_WRONG/);
    fireEvent.change(input, { target: { value: 'correct horse' } });
    await act(async () => {
      fireEvent.click(within(region).getByRole('button', { name: 'Unlock' }));
    });
    expect(screen.queryByRole('region', { name: 'Secrets locked' })).toBeNull();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(description(hostButton('prod-api-01'))).toMatch(/Ready/);
  });

  it('offers to set one when secrets are unprotected', async () => {
    const { bridge } = await renderApp();
    const invoke = vi.spyOn(bridge, 'invoke');
    fireEvent.click(
      within(screen.getByRole('note', { name: 'Start-up warnings' })).getByRole('button', { name: 'Set a master passphrase…' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Master passphrase' });
    fireEvent.change(within(dialog).getByLabelText('New passphrase'), { target: { value: 'short' } });
    fireEvent.change(within(dialog).getByLabelText('Repeat the new passphrase'), { target: { value: 'short' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Set passphrase' }));
    expect(within(dialog).getByText(/at least 8 characters/, { selector: '.field-error' })).toBeTruthy();
    fireEvent.change(within(dialog).getByLabelText('New passphrase'), { target: { value: 'long enough' } });
    fireEvent.change(within(dialog).getByLabelText('Repeat the new passphrase'), { target: { value: 'long enough' } });
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Set passphrase' }));
    });
    expect(invoke).toHaveBeenCalledWith('secrets:set-master-passphrase', { passphrase: 'long enough' });
    expect(screen.queryByRole('dialog', { name: 'Master passphrase' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Change master passphrase' })).toBeTruthy();
  });
});
