import type { AppInfo, PushChannel, PushEvents } from '../../shared/contract';
import type { ErrorEnvelope } from '../../shared/errors';
import type { HostView } from '../../shared/host-view';
import type { AppNotice } from '../../shared/host-setup-contract';
import type { HostSnapshot, HostStatus } from '../../shared/snapshot';
import { type SnapshotPatch, applySnapshotPatch } from '../../shared/snapshot-patch';
import { type BerthApi, toApiError } from './api';
import { type PreferenceStorage, isStringArray, readJson } from './preferences';
import { share, shareSnapshot } from './share-snapshot';

export type LoadPhase = 'loading' | 'ready' | 'error';
export type MainView = 'dashboard' | 'fleet' | 'containers' | 'audit' | 'timeline' | 'alerts' | 'settings';

/** A container to open in its host's dashboard (fleet search, fleet containers view). */
export interface ContainerRequest {
  hostId: string;
  containerId: string;
}

/** Filters to apply in the fleet containers view when it opens (a search result); `seq` makes each request new. */
export interface FleetContainersRequest {
  hostId: string | null;
  query: string;
  seq: number;
}

export interface StoreState {
  phase: LoadPhase;
  loadError: ErrorEnvelope | null;
  /** In the order the main process lists them. */
  hosts: readonly HostView[];
  /** The latest snapshot per host, kept when the host goes offline. */
  snapshots: Readonly<Record<string, HostSnapshot>>;
  selectedHostId: string | null;
  /** Most recently selected first. */
  recentHostIds: readonly string[];
  /** Hosts the operator pinned: listed first in the sidebar and always in view (held live). */
  pinnedHostIds: readonly string[];
  view: MainView;
  /** Start-up facts (secret storage, master passphrase, warnings); null until read. */
  appInfo: AppInfo | null;
  /** Per host: why its latest snapshot did not arrive (too large to send); cleared by the next one. */
  pushErrors: Readonly<Record<string, ErrorEnvelope>>;
  /** What main did on its own (a `.dockercontext` file opened with Berth), newest last, until dismissed. */
  notices: readonly AppNotice[];
  /** Set by openContainer, taken by the dashboard of that host. */
  containerRequest: ContainerRequest | null;
  fleetContainersRequest: FleetContainersRequest | null;
}

export type StoreApi = Pick<BerthApi, 'on' | 'ready' | 'listHosts' | 'snapshot' | 'appInfo'>;

const RECENT_KEY = 'berth.recentHosts';
const SELECTED_KEY = 'berth.selectedHost';
const PINNED_KEY = 'berth.pinnedHosts';
const MAX_RECENT = 20;
const MAX_NOTICES = 5;

/**
 * Holds every host with its status and the latest snapshot per host, fed by pushes. Updates
 * are immutable and touch only the host they concern, so components selecting one host (or
 * one row) keep their references when another host changes. Read it with
 * useSyncExternalStore (see useStoreState in services.tsx).
 */
export class HostStore {
  private state: StoreState;
  private readonly listeners = new Set<() => void>();
  private readonly disposers: Array<() => void> = [];
  /** Hosts whose status was pushed while a hosts:list request was in flight: the push is newer. */
  private statusPushedDuringList: Set<string> | null = null;
  private readonly snapshotRequests = new Map<string, Promise<void>>();
  /**
   * Hosts whose held snapshot missed a change (a push of theirs was too large to send): patches
   * cannot be applied to it, so the next patch asks for the whole snapshot instead.
   */
  private readonly behind = new Set<string>();

  constructor(
    private readonly api: StoreApi,
    private readonly preferences: PreferenceStorage,
  ) {
    const selected = preferences.get(SELECTED_KEY);
    this.state = {
      phase: 'loading',
      loadError: null,
      hosts: [],
      snapshots: {},
      selectedHostId: selected && selected !== '' ? selected : null,
      recentHostIds: readJson(preferences, RECENT_KEY, isStringArray, []),
      pinnedHostIds: readJson(preferences, PINNED_KEY, isStringArray, []),
      view: 'dashboard',
      appInfo: null,
      pushErrors: {},
      notices: [],
      containerRequest: null,
      fleetContainersRequest: null,
    };
  }

  getState = (): StoreState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Attaches the push listeners, tells the main side it may flush its queue, then loads. */
  async start(): Promise<void> {
    this.disposers.push(
      this.api.on('host:status', (payload) => this.applyStatus(payload)),
      this.api.on('host:snapshot', (payload) => this.applySnapshot(payload)),
      this.api.on('host:containers-patch', (payload) => this.applyPatch({ channel: 'host:containers-patch', payload })),
      this.api.on('host:disk-usage', (payload) => this.applyPatch({ channel: 'host:disk-usage', payload })),
      this.api.on('hosts:changed', (payload) => this.applyHosts(payload.hosts)),
      this.api.on('push:too-large', (payload) => this.applyPushTooLarge(payload)),
      this.api.on('app:notice', (notice) => this.applyNotice(notice)),
    );
    this.api.ready();
    await Promise.all([this.load(), this.loadAppInfo()]);
  }

  async loadAppInfo(): Promise<void> {
    try {
      this.setAppInfo(await this.api.appInfo());
    } catch {
      // Start-up facts are advisory: without them the app works, minus the notices.
    }
  }

  /** What app:info, secrets:unlock or secrets:set-master-passphrase answered. */
  setAppInfo(appInfo: AppInfo): void {
    this.set({ appInfo });
  }

  dispose(): void {
    for (const dispose of this.disposers.splice(0)) dispose();
    this.listeners.clear();
  }

  async load(): Promise<void> {
    this.set({ phase: 'loading', loadError: null });
    this.statusPushedDuringList = new Set();
    let hosts: HostView[];
    try {
      hosts = await this.api.listHosts();
    } catch (error) {
      this.statusPushedDuringList = null;
      this.set({ phase: 'error', loadError: toApiError(error).toEnvelope() });
      return;
    }
    const pushed = this.statusPushedDuringList;
    this.statusPushedDuringList = null;
    const current = new Map(this.state.hosts.map((host) => [host.profile.id, host]));
    const merged = hosts.map((host) => {
      const known = current.get(host.profile.id);
      return known && pushed.has(host.profile.id) ? { ...host, status: known.status } : host;
    });
    this.applyHosts(merged);
    this.set({ phase: 'ready' });
    await Promise.all(merged.map((host) => this.fetchSnapshot(host.profile.id)));
  }

  /** Reads a host's cached snapshot from the main side unless one is already here (or `stale` says it is behind). */
  fetchSnapshot(hostId: string, stale = false): Promise<void> {
    if (this.state.snapshots[hostId] && !stale) return Promise.resolve();
    const inFlight = this.snapshotRequests.get(hostId);
    if (inFlight) return inFlight;
    const request = this.api
      .snapshot(hostId)
      .then((snapshot) => {
        if (snapshot) this.applySnapshot({ hostId, snapshot });
      })
      .catch(() => {
        // No snapshot yet is not an error the operator can act on; the status says why.
      })
      .finally(() => this.snapshotRequests.delete(hostId));
    this.snapshotRequests.set(hostId, request);
    return request;
  }

  applyStatus({ hostId, status }: PushEvents['host:status']): void {
    this.statusPushedDuringList?.add(hostId);
    this.updateHost(hostId, (host) => (sameStatus(host.status, status) ? host : { ...host, status }));
  }

  /**
   * A new snapshot for one host. Only that host's entry in `snapshots` changes (and, through
   * structural sharing, only the parts of it that differ); the host list is left alone, so the
   * sidebar and the other hosts do not re-render. HostView.lastSeenAt is what the main side said
   * at listing time: read the last-seen time with lastSeenOf().
   */
  applySnapshot({ hostId, snapshot }: PushEvents['host:snapshot']): void {
    const prev = this.state.snapshots[hostId];
    if (prev && snapshot.updatedAt < prev.updatedAt) return;
    const shared = shareSnapshot(prev, snapshot);
    this.behind.delete(hostId);
    if (shared !== prev) this.set({ snapshots: { ...this.state.snapshots, [hostId]: shared } });
    if (this.state.pushErrors[hostId]) {
      const { [hostId]: _cleared, ...pushErrors } = this.state.pushErrors;
      this.set({ pushErrors });
    }
  }

  /**
   * A change to one host's snapshot (containers, disk usage), applied to the held snapshot with
   * structural sharing: untouched rows keep their objects (and their place), so only the changed
   * rows re-render. A patch older than the held snapshot is already in it; one for a host with
   * no snapshot here (or one that missed a change) fetches the whole snapshot instead.
   */
  applyPatch(patch: SnapshotPatch): void {
    const { hostId, updatedAt } = patch.payload;
    const prev = this.state.snapshots[hostId];
    if (!prev || this.behind.has(hostId)) {
      void this.fetchSnapshot(hostId, true);
      return;
    }
    if (updatedAt < prev.updatedAt) return;
    this.set({ snapshots: { ...this.state.snapshots, [hostId]: applySnapshotPatch(prev, patch, share) } });
  }

  /** A notice from main; a host it added is selected, so the operator sees it at once. */
  applyNotice(notice: AppNotice): void {
    this.set({ notices: [...this.state.notices, notice].slice(-MAX_NOTICES) });
    if (notice.hostId) this.select(notice.hostId);
  }

  dismissNotice(notice: AppNotice): void {
    this.set({ notices: this.state.notices.filter((each) => each !== notice) });
  }

  /** The browser shell dropped a push that was too large to send: the host's dashboard says so. */
  applyPushTooLarge({ channel, hostId, error }: PushEvents['push:too-large']): void {
    if (hostId === undefined) {
      console.error(error.message);
      return;
    }
    // The held snapshot lacks what was dropped: later patches would build on a gap.
    if (snapshotChannels.has(channel)) this.behind.add(hostId);
    this.set({ pushErrors: { ...this.state.pushErrors, [hostId]: error } });
  }

  /** Replaces the host list (keeping unchanged HostView objects) and forgets removed hosts. */
  applyHosts(hosts: readonly HostView[]): void {
    const previous = new Map(this.state.hosts.map((host) => [host.profile.id, host]));
    const next = hosts.map((host) => {
      const old = previous.get(host.profile.id);
      return old && JSON.stringify(old) === JSON.stringify(host) ? old : host;
    });
    const ids = new Set(next.map((host) => host.profile.id));
    let snapshots = this.state.snapshots;
    if (Object.keys(snapshots).some((id) => !ids.has(id))) {
      snapshots = Object.fromEntries(Object.entries(snapshots).filter(([id]) => ids.has(id)));
    }
    const selected = this.state.selectedHostId;
    const selectedHostId = selected !== null && ids.has(selected) ? selected : (next[0]?.profile.id ?? null);
    const recentHostIds = this.state.recentHostIds.filter((id) => ids.has(id));
    const pinnedHostIds = this.state.pinnedHostIds.filter((id) => ids.has(id));
    this.set({ hosts: next, snapshots, selectedHostId, recentHostIds, pinnedHostIds });
  }

  /** Adds or replaces one host, e.g. with what hosts:save answered. */
  upsertHost(view: HostView): void {
    const exists = this.state.hosts.some((host) => host.profile.id === view.profile.id);
    this.applyHosts(
      exists ? this.state.hosts.map((host) => (host.profile.id === view.profile.id ? view : host)) : [...this.state.hosts, view],
    );
  }

  removeHost(hostId: string): void {
    this.applyHosts(this.state.hosts.filter((host) => host.profile.id !== hostId));
  }

  /** Switches to a host: its cached snapshot renders at once; live data follows by push. */
  select(hostId: string): void {
    if (!this.state.hosts.some((host) => host.profile.id === hostId)) return;
    const recentHostIds = [hostId, ...this.state.recentHostIds.filter((id) => id !== hostId)].slice(0, MAX_RECENT);
    this.set({ selectedHostId: hostId, view: 'dashboard', recentHostIds });
    this.preferences.set(SELECTED_KEY, hostId);
    this.preferences.set(RECENT_KEY, JSON.stringify(recentHostIds));
    void this.fetchSnapshot(hostId);
  }

  /** Pins a host (or unpins a pinned one); remembered across restarts. */
  togglePin(hostId: string): void {
    const pinned = this.state.pinnedHostIds.includes(hostId);
    if (!pinned && !this.state.hosts.some((host) => host.profile.id === hostId)) return;
    const pinnedHostIds = pinned ? this.state.pinnedHostIds.filter((id) => id !== hostId) : [...this.state.pinnedHostIds, hostId];
    this.set({ pinnedHostIds });
    this.preferences.set(PINNED_KEY, JSON.stringify(pinnedHostIds));
  }

  setView(view: MainView): void {
    if (this.state.view !== view) this.set({ view });
  }

  /** Switches to the host and opens the container's detail there. */
  openContainer(hostId: string, containerId: string): void {
    if (!this.state.hosts.some((host) => host.profile.id === hostId)) return;
    this.select(hostId);
    this.set({ containerRequest: { hostId, containerId } });
  }

  /** The dashboard took the request (opened the detail). */
  clearContainerRequest(): void {
    if (this.state.containerRequest !== null) this.set({ containerRequest: null });
  }

  /** Opens the fleet containers view filtered to a host (or every host) and a query. */
  showFleetContainers(hostId: string | null, query: string): void {
    const seq = (this.state.fleetContainersRequest?.seq ?? 0) + 1;
    this.set({ view: 'containers', fleetContainersRequest: { hostId, query, seq } });
  }

  private updateHost(hostId: string, update: (host: HostView) => HostView): void {
    const index = this.state.hosts.findIndex((host) => host.profile.id === hostId);
    const host = index === -1 ? undefined : this.state.hosts[index];
    if (!host) return;
    const next = update(host);
    if (next === host) return;
    const hosts = this.state.hosts.slice();
    hosts[index] = next;
    this.set({ hosts });
  }

  private set(patch: Partial<StoreState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of [...this.listeners]) listener();
  }
}

/** Pushes that carry (part of) a host's snapshot. */
const snapshotChannels = new Set<PushChannel>(['host:snapshot', 'host:containers-patch', 'host:disk-usage']);

function sameStatus(a: HostStatus, b: HostStatus): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** When Berth last had data from a host: the newer of the listed time and the cached snapshot's. */
export function lastSeenOf(host: HostView, snapshot: HostSnapshot | undefined): number | null {
  const fromSnapshot = snapshot?.updatedAt ?? null;
  if (host.lastSeenAt === null) return fromSnapshot;
  return fromSnapshot === null ? host.lastSeenAt : Math.max(host.lastSeenAt, fromSnapshot);
}

export function findHost(state: StoreState, hostId: string | null): HostView | undefined {
  return hostId === null ? undefined : state.hosts.find((host) => host.profile.id === hostId);
}
