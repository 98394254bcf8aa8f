import type { ImageSummary } from '../../../shared/docker/images';
import type { HostImages } from '../../../shared/search-contract';
import type { BerthApi } from '../../lib/api';

/** What changes of a host's images are gathered for before asking main again. */
const ASK_DELAY_MS = 150;

/**
 * Every host's images as main's ImageCatalog reads them (`search:images`), held between
 * searches. While a search is open (`watch`), an `images:changed` push asks again for the hosts
 * that changed (only those come back: the request carries the versions held).
 */
export class FleetImages {
  private readonly held = new Map<string, { version: number; images: readonly ImageSummary[] }>();
  private view: ReadonlyMap<string, readonly ImageSummary[]> = new Map();
  private readonly listeners = new Set<() => void>();
  private watchers = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asking = false;
  private askAgain = false;
  private stopPush: (() => void) | undefined;

  constructor(private readonly api: Pick<BerthApi, 'invoke' | 'on'>) {}

  /** hostId → images, a new Map object whenever anything changed. */
  getImages = (): ReadonlyMap<string, readonly ImageSummary[]> => this.view;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Keeps the images current until the returned function is called. */
  watch(): () => void {
    this.watchers += 1;
    if (this.watchers === 1) this.stopPush = this.api.on('images:changed', () => this.askSoon());
    void this.ask();
    return () => {
      this.watchers -= 1;
      if (this.watchers === 0) {
        this.stopPush?.();
        clearTimeout(this.timer);
      }
    };
  }

  private askSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ask(), ASK_DELAY_MS);
  }

  private async ask(): Promise<void> {
    if (this.asking) {
      this.askAgain = true;
      return;
    }
    this.asking = true;
    try {
      const known = Object.fromEntries([...this.held].map(([id, held]) => [id, held.version]));
      const answer = await this.api.invoke('search:images', { known });
      this.apply(answer.changed, answer.gone);
      // Main sent part of a large fleet's images: the rest comes with the next ask.
      if (answer.more) this.askAgain = true;
    } catch {
      // Images are extra: without them the search still finds hosts, containers and projects.
    } finally {
      this.asking = false;
      if (this.askAgain && this.watchers > 0) {
        this.askAgain = false;
        void this.ask();
      }
    }
  }

  private apply(changed: readonly HostImages[], gone: readonly string[]): void {
    if (changed.length === 0 && gone.length === 0) return;
    for (const host of changed) this.held.set(host.hostId, { version: host.version, images: 'images' in host ? host.images : [] });
    for (const id of gone) this.held.delete(id);
    this.view = new Map([...this.held].map(([id, held]) => [id, held.images]));
    for (const listener of [...this.listeners]) listener();
  }
}

const perApi = new WeakMap<object, FleetImages>();

/** One FleetImages per API (per window), so a search opened again starts with what it had. */
export function fleetImagesFor(api: Pick<BerthApi, 'invoke' | 'on'>): FleetImages {
  let images = perApi.get(api);
  if (!images) perApi.set(api, (images = new FleetImages(api)));
  return images;
}
