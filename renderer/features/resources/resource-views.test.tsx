// @vitest-environment jsdom
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BerthBridge, InvokeChannel, InvokeReply, PushChannel, PushEvents } from '../../../shared/contract';
import type { HostView } from '../../../shared/host-view';
import type { ContainerSummary } from '../../../shared/snapshot';
import type { ImageRow, NetworkRow, ResourceList } from '../../../shared/resources';
import { createApi } from '../../lib/api';
import { DemoBridge } from '../../lib/demo-bridge';
import { HostStore } from '../../lib/host-store';
import { memoryPreferences } from '../../lib/preferences';
import { ServicesProvider } from '../../lib/services';
import { cleanup, fakeLayout } from '../../test/render-app';
import { ComposeView, ImagesView, NetworksView } from './index';

/**
 * The resource views over a bridge that answers the resource channels with rows shaped as main
 * sends them (the demo bridge answers everything else), records every invoke, and lets a test push
 * `resources:changed` like main does after the daemon's events.
 */
class RecordingBridge implements BerthBridge {
  readonly calls: Array<{ channel: string; input: unknown }> = [];
  readonly answers = new Map<string, (input: Record<string, unknown>) => unknown>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  /** Reads held until the test lets them go (to see that only one runs at a time). */
  hold: Array<() => void> | null = null;
  constructor(private readonly demo: DemoBridge) {}

  async invoke<C extends InvokeChannel>(channel: C, input: never): Promise<InvokeReply<C>> {
    this.calls.push({ channel, input });
    const answer = this.answers.get(channel);
    if (!answer) return this.demo.invoke(channel, input);
    if (this.hold) await new Promise<void>((resolve) => this.hold!.push(resolve));
    try {
      return { ok: true, value: answer(input as Record<string, unknown>) } as InvokeReply<C>;
    } catch (error) {
      return { ok: false, error: error as { code: 'RESOURCE_IN_USE'; message: string } } as InvokeReply<C>;
    }
  }
  on<P extends PushChannel>(channel: P, listener: (payload: PushEvents[P]) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    this.listeners.set(channel, set);
    return () => set.delete(listener as (payload: unknown) => void);
  }
  ready(): void {}
  push<P extends PushChannel>(channel: P, payload: PushEvents[P]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }
  count(channel: string): number {
    return this.calls.filter((call) => call.channel === channel).length;
  }
}

function image(id: string, tags: string[], sizeBytes: number, users: ImageRow['users'] = { running: 0, all: 0, names: [] }): ImageRow {
  return {
    id: `sha256:${id.padEnd(64, '0')}`,
    tags,
    digests: [],
    dangling: tags.length === 0,
    created: 1_700_000_000,
    sizeBytes,
    sharedSizeBytes: 1_000,
    users,
  };
}

const list = <Row,>(rows: Row[]): ResourceList<Row> => ({ hostId: 'local', rows, listed: rows.length, readAt: 0, notes: [] });

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

async function setup(profile: Partial<HostView['profile']> = {}) {
  const bridge = new RecordingBridge(new DemoBridge({ scenario: 'fleet', live: false }));
  const api = createApi(bridge);
  const store = new HostStore(api, memoryPreferences());
  const hosts = await api.listHosts();
  const base = hosts.find((host) => host.profile.id === 'local')!;
  const host: HostView = { ...base, profile: { ...base.profile, ...profile } };
  const wrap = (node: React.ReactNode) => (
    <ServicesProvider services={{ api, store, preferences: memoryPreferences() }}>{node}</ServicesProvider>
  );
  return { bridge, host, wrap };
}

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[0]!.textContent);

describe('Images view', () => {
  it("shows every tag, an image's tags together also when sorted, dangling marked; filters and searches", async () => {
    const { bridge, host, wrap } = await setup();
    bridge.answers.set('images:list', () =>
      list([
        image('aa', ['web:2', 'web:1'], 50_000_000, { running: 1, all: 2, names: ['web-1', 'web-old'] }),
        image('bb', [], 10_000_000),
        image('cc', ['db:16'], 90_000_000),
      ]),
    );
    render(wrap(<ImagesView host={host} />));
    const table = await screen.findByRole('table', { name: 'Images' });
    expect(rowTexts(table)).toEqual(['web:1', 'web:2', '<none>:<none> dangling', 'db:16']);
    fireEvent.click(within(table).getByRole('button', { name: /Size/ }));
    // Largest first; web's two tags stay next to each other.
    expect(rowTexts(table)).toEqual(['db:16', 'web:1', 'web:2', '<none>:<none> dangling']);
    expect(within(table).getAllByRole('row')[2]!.textContent).toContain('1 running / 2');
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter images' }), { target: { value: 'dangling' } });
    await waitFor(() => expect(rowTexts(screen.getByRole('table', { name: 'Images' }))).toEqual(['<none>:<none> dangling']));
    fireEvent.change(screen.getByRole('combobox', { name: 'Filter images' }), { target: { value: 'all' } });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search images' }), { target: { value: 'web-old' } });
    await waitFor(() => expect(rowTexts(screen.getByRole('table', { name: 'Images' }))).toEqual(['web:1', 'web:2']));
  });

  it('reads again on resources:changed for its host and kind only, never two reads at once', async () => {
    const { bridge, host, wrap } = await setup();
    let version = 1;
    bridge.answers.set('images:list', () => list([image('aa', [`app:${version}`], 1)]));
    render(wrap(<ImagesView host={host} />));
    await screen.findByText('app:1');
    expect(bridge.count('images:list')).toBe(1);
    act(() => bridge.push('resources:changed', { hostId: 'other', kinds: ['images'] }));
    act(() => bridge.push('resources:changed', { hostId: 'local', kinds: ['volumes'] }));
    expect(bridge.count('images:list')).toBe(1);
    bridge.hold = [];
    version = 2;
    act(() => {
      for (let index = 0; index < 50; index += 1) bridge.push('resources:changed', { hostId: 'local', kinds: ['images'] });
    });
    // One read in flight, one more queued for the burst.
    expect(bridge.count('images:list')).toBe(2);
    const release = async () => {
      const held = bridge.hold!.splice(0);
      await act(async () => held.forEach((resolve) => resolve()));
    };
    await release();
    await waitFor(() => expect(bridge.count('images:list')).toBe(3));
    await release();
    await screen.findByText('app:2');
    expect(bridge.count('images:list')).toBe(3);
  });

  it("removal asks first, sends the tag, and shows the daemon's refusal naming the container", async () => {
    const { bridge, host, wrap } = await setup();
    bridge.answers.set('images:list', () => list([image('aa', ['web:1'], 1, { running: 1, all: 1, names: ['web-1'] })]));
    bridge.answers.set('resources:remove', () => {
      throw { code: 'RESOURCE_IN_USE', message: 'Image "web:1" is used by container web-1. Remove the container first.' };
    });
    render(wrap(<ImagesView host={host} />));
    fireEvent.click(await screen.findByRole('button', { name: 'Remove image web:1' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove image web:1' });
    expect(dialog.textContent).toContain('Used by web-1');
    fireEvent.click(within(dialog).getByRole('checkbox'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('used by container web-1');
    expect(bridge.calls.find((call) => call.channel === 'resources:remove')?.input).toEqual({
      hostId: 'local',
      kind: 'images',
      ref: 'web:1',
      force: true,
    });
  });

  it('a production host needs the ref typed; a read-only host shows Remove disabled with the reason', async () => {
    const production = await setup({ tags: ['production'] });
    production.bridge.answers.set('images:list', () => list([image('aa', ['web:1'], 1)]));
    production.bridge.answers.set('resources:remove', () => ({ kind: 'images', ref: 'web:1', report: ['Untagged: web:1'] }));
    render(production.wrap(<ImagesView host={production.host} />));
    fireEvent.click(await screen.findByRole('button', { name: 'Remove image web:1' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByRole('button', { name: 'Remove' })).toHaveProperty('disabled', true);
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Confirmation' }), { target: { value: 'web:1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove' }));
    expect((await screen.findByText(/Removed web:1/)).textContent).toContain('Untagged: web:1');
    expect(production.bridge.calls.find((call) => call.channel === 'resources:remove')?.input).toMatchObject({ confirmation: 'web:1' });
    cleanup();

    const readOnly = await setup({ readOnly: true });
    readOnly.bridge.answers.set('images:list', () => list([image('aa', ['web:1'], 1)]));
    render(readOnly.wrap(<ImagesView host={readOnly.host} />));
    const button = await screen.findByRole('button', { name: 'Remove image web:1' });
    expect(button).toHaveProperty('disabled', true);
    expect(button.getAttribute('title')).toContain('read-only');
  });
});

describe('Networks view', () => {
  it('shows attached containers with addresses; a built-in network cannot be removed', async () => {
    const { bridge, host, wrap } = await setup();
    const network = (name: string, builtIn: boolean, endpoints: NetworkRow['endpoints'] = []): NetworkRow => ({
      id: `${name}-id`,
      name,
      driver: 'bridge',
      scope: 'local',
      internal: name === 'backend',
      attachable: false,
      builtIn,
      subnets: [{ subnet: '10.1.0.0/24', gateway: '10.1.0.1' }],
      created: '2026-01-01T00:00:00Z',
      endpoints,
    });
    bridge.answers.set('networks:list', () =>
      list([
        network('bridge', true),
        network('backend', false, [{ containerId: 'c1', name: 'api-1', state: 'running', ipv4: '10.1.0.2/24', ipv6: '', macAddress: '' }]),
      ]),
    );
    render(wrap(<NetworksView host={host} />));
    const table = await screen.findByRole('table', { name: 'Networks' });
    expect(within(table).getByText('api-1 10.1.0.2/24')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove network bridge' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Remove network backend' })).toHaveProperty('disabled', false);
  });
});

describe('Compose view', () => {
  const member = (name: string, service: string, state: ContainerSummary['state']): ContainerSummary => ({
    id: `${name}-id`,
    names: [`/${name}`],
    image: 'busybox',
    state,
    status: '',
    ports: [],
    created: 0,
    labels: {
      'com.docker.compose.project': 'demo',
      'com.docker.compose.service': service,
      'com.docker.compose.container-number': '1',
      'com.docker.compose.project.working_dir': '/srv/demo',
      'com.docker.compose.project.config_files': '/srv/demo/compose.yaml',
    },
  });

  it('groups containers into "3/3 running" with services, and Stop asks first listing the stop order', async () => {
    const { bridge, host, wrap } = await setup();
    bridge.answers.set('compose:action', (input) => ({
      action: input.action,
      results: ['demo-web-1', 'demo-db-1', 'demo-api-1'].map((name) => ({ containerId: `${name}-id`, name, ok: true })),
    }));
    const containers = [
      member('demo-web-1', 'web', 'running'),
      member('demo-api-1', 'api', 'running'),
      member('demo-db-1', 'db', 'running'),
    ];
    render(wrap(<ComposeView host={host} containers={containers} />));
    const table = screen.getByRole('table', { name: 'Compose projects' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row.textContent).toContain('3/3 running');
    expect(row.textContent).toContain('api 1/1 · db 1/1 · web 1/1');
    expect(row.textContent).toContain('/srv/demo/compose.yaml');
    fireEvent.click(screen.getByRole('button', { name: 'Stop project demo' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Stop project demo' });
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((item) => item.textContent?.split(' ')[0]),
    ).toEqual(['demo-web-1', 'demo-db-1', 'demo-api-1']);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stop 3' }));
    expect(await screen.findByText(/demo-web-1 → demo-db-1 → demo-api-1/)).toBeTruthy();
    expect(bridge.calls.find((call) => call.channel === 'compose:action')?.input).toEqual({
      hostId: 'local',
      project: 'demo',
      action: 'stop',
    });
  });
});

describe('the host view’s tabs', () => {
  it('switch between Containers and the resource views with the mouse and the arrow keys', async () => {
    const { renderApp } = await import('../../test/render-app');
    await renderApp();
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name: 'ci-runners' }));
    const tabs = screen.getByRole('tablist', { name: 'Host views' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map((tab) => tab.textContent?.replace(/\d[\d,]*$/, '')),
    ).toEqual(['Containers', 'Images', 'Volumes', 'Networks', 'Compose']);
    expect(screen.getByRole('table', { name: 'Containers' })).toBeTruthy();
    fireEvent.click(within(tabs).getByRole('tab', { name: 'Images' }));
    const images = await screen.findByRole('table', { name: 'Images' });
    expect(within(images).getAllByRole('row').length).toBeGreaterThan(1);
    expect(screen.queryByRole('table', { name: 'Containers' })).toBeNull();
    fireEvent.keyDown(within(tabs).getByRole('tab', { name: 'Images' }), { key: 'ArrowRight' });
    expect(within(tabs).getByRole('tab', { name: 'Volumes' }).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByText('No volumes on this host.')).toBeTruthy();
    fireEvent.click(within(tabs).getByRole('tab', { name: 'Networks' }));
    expect(await screen.findByRole('button', { name: 'Remove network bridge' })).toHaveProperty('disabled', true);
  });
});
