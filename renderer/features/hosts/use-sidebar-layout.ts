import { useCallback, useState } from 'react';
import { useServices } from '../../lib/services';
import type { SidebarLayout } from './layout-hosts';

const KEY = 'berth.sidebarLayout';

function read(text: string | null): SidebarLayout {
  try {
    const value: unknown = text === null ? null : JSON.parse(text);
    if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      return {
        groupByTag: record.groupByTag === true,
        tagFilter: typeof record.tagFilter === 'string' ? record.tagFilter : null,
      };
    }
  } catch {
    // fall through to the default
  }
  return { groupByTag: false, tagFilter: null };
}

/** Sidebar grouping and tag filter, remembered across restarts. */
export function useSidebarLayout(): [SidebarLayout, (layout: SidebarLayout) => void] {
  const { preferences } = useServices();
  const [layout, setLayout] = useState(() => read(preferences.get(KEY)));
  const update = useCallback(
    (next: SidebarLayout) => {
      setLayout(next);
      preferences.set(KEY, JSON.stringify(next));
    },
    [preferences],
  );
  return [layout, update];
}
