import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ResourcesChanged } from '../../../shared/resources.js';
import { ResourceChangeNotifier } from './resource-change-notifier.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ResourceChangeNotifier', () => {
  it('a burst of 10,000 events is one notice with every kind; a host sends at most one notice per interval', () => {
    const sent: ResourcesChanged[] = [];
    const notifier = new ResourceChangeNotifier((change) => sent.push(change), { intervalMs: 500, settleMs: 50 });
    for (let index = 0; index < 10_000; index += 1) notifier.changed('a', [index % 2 === 0 ? 'images' : 'volumes']);
    notifier.changed('a', ['networks']);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([{ hostId: 'a', kinds: ['images', 'networks', 'volumes'] }]);
    // Events right after a notice wait out the interval, then go as one.
    for (let index = 0; index < 1000; index += 1) notifier.changed('a', ['images']);
    vi.advanceTimersByTime(400);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([
      { hostId: 'a', kinds: ['images', 'networks', 'volumes'] },
      { hostId: 'a', kinds: ['images'] },
    ]);
  });

  it('hosts are independent, and a forgotten host sends nothing', () => {
    const sent: ResourcesChanged[] = [];
    const notifier = new ResourceChangeNotifier((change) => sent.push(change));
    notifier.changed('a', ['images']);
    notifier.changed('b', ['networks']);
    notifier.forget('a');
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([{ hostId: 'b', kinds: ['networks'] }]);
    notifier.changed('b', ['images']);
    notifier.dispose();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(1);
  });
});
