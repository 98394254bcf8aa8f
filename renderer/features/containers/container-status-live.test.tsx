// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/snapshot';
import { ContainerRow } from './container-row';

afterEach(cleanup);

const readAt = Date.UTC(2026, 0, 10, 12, 0, 0);

function row(container: ContainerSummary, now: number) {
  const ignore = () => undefined;
  return (
    <ContainerRow
      container={container}
      rowKey={container.id}
      rowIndex={2}
      top={0}
      height={30}
      now={now}
      selected={false}
      active={false}
      onToggle={ignore}
      onOpen={ignore}
    />
  );
}

function container(state: ContainerSummary['state'], status: string): ContainerSummary {
  return {
    id: 'c1',
    names: ['web'],
    image: 'busybox',
    state,
    status,
    statusSince: readAt - 11 * 60_000,
    ports: [],
    created: (readAt - 3600_000) / 1000,
    labels: {},
  };
}

describe('the Status column', () => {
  it('keeps counting like the Created column instead of staying as the daemon wrote it', () => {
    const running = container('running', 'Up 11 minutes (healthy)');
    const { rerender } = render(row(running, readAt));
    expect(screen.getByText('Up 11 minutes (healthy)')).toBeTruthy();
    rerender(row(running, readAt + 20 * 60_000));
    expect(screen.getByText('Up 31 minutes (healthy)')).toBeTruthy();
    rerender(row(running, readAt + 3 * 3600_000));
    expect(screen.getByText('Up 3 hours (healthy)')).toBeTruthy();
  });

  it('words an exited container against now', () => {
    const exited = container('exited', 'Exited (0) 11 minutes ago');
    const { rerender } = render(row(exited, readAt));
    rerender(row(exited, readAt + 49 * 60_000));
    expect(screen.getByText('Exited (0) About an hour ago')).toBeTruthy();
  });
});
