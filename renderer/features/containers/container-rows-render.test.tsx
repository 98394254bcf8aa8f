// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fakeLayout, renderApp } from '../../test/render-app';

// Count row renders: every ContainerRow render formats its name once.
const counter = vi.hoisted(() => ({ names: 0 }));
vi.mock('../../lib/format', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../lib/format')>();
  return {
    ...original,
    containerName: (...args: Parameters<typeof original.containerName>) => {
      counter.names += 1;
      return original.containerName(...args);
    },
  };
});

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

describe('container rows under pushes', () => {
  it('re-render only the row whose container changed; pushes for other hosts render none', async () => {
    const { bridge, store } = await renderApp();
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Hosts' })).getByRole('button', { name: 'ci-runners' }));
    const table = screen.getByRole('table', { name: 'Containers' });
    const visible = within(table).getAllByRole('row').length - 1;
    expect(visible).toBeGreaterThan(10);

    const current = store.getState().snapshots['ci-runners']!;
    // As the main side sends it: a whole new snapshot (structured clone), one container changed.
    const next = structuredClone(current);
    next.containers[3] = { ...next.containers[3]!, state: 'exited', status: 'Exited (137) 1 second ago', statusSince: Date.now() - 1_000 };
    next.updatedAt = current.updatedAt + 1;
    counter.names = 0;
    act(() => bridge.setSnapshot('ci-runners', next));
    expect(counter.names).toBe(1);
    expect(within(table).getByText('Exited (137) 1 second ago')).toBeTruthy();

    const other = structuredClone(store.getState().snapshots['prod-api-01']!);
    other.updatedAt += 1;
    other.containers[0] = { ...other.containers[0]!, status: 'Up 1 second', statusSince: Date.now() - 1_000 };
    counter.names = 0;
    act(() => bridge.setSnapshot('prod-api-01', other));
    act(() => bridge.setStatus('staging-db', { state: 'connecting' }));
    expect(counter.names).toBe(0);
  });
});
