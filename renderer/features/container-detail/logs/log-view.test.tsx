// @vitest-environment jsdom
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeLayout } from '../../../test/render-app';
import { FilteredLines } from './filtered-lines';
import { compileFilter } from './log-filter';
import { LogStore } from './log-store';
import { LogView } from './log-view';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout(360, 900);
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

function filled(count: number): LogStore {
  const store = new LogStore(1000);
  store.append(
    Array.from({ length: count }, (_, i) => ({
      stream: i % 10 === 0 ? ('stderr' as const) : ('stdout' as const),
      text: i === 3 ? '\u001b[31mred <b>not html</b>\u001b[0m' : `line ${i}`,
      timestamp: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
    })),
  );
  return store;
}

describe('LogView', () => {
  it('renders only the rows in view, with colours as classes and markup as text', () => {
    const store = filled(800);
    render(
      <LogView store={store} lines={new FilteredLines(store, null)} showTimestamps={false} follow={false} onFollowChange={() => {}} />,
    );
    const rows = screen.getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    const red = within(rows[3]!).getByText('red <b>not html</b>');
    expect(red.className).toBe('ansi-fg-1');
    expect(rows[3]!.querySelector('b')).toBeNull();
    expect(rows[0]!.getAttribute('data-stream')).toBe('stderr');
    expect(rows[1]!.getAttribute('data-stream')).toBe('stdout');
  });

  it('shows only matching lines with the matches highlighted, and timestamps when asked', () => {
    const store = filled(200);
    const compiled = compileFilter('line 1\\d$', { regex: true, caseSensitive: false });
    if (!compiled.ok) throw new Error(compiled.error);
    render(
      <LogView store={store} lines={new FilteredLines(store, compiled.filter)} showTimestamps follow={false} onFollowChange={() => {}} />,
    );
    const rows = screen.getAllByRole('listitem');
    expect(rows).toHaveLength(10);
    expect(rows[0]!.querySelector('mark')?.textContent).toBe('line 10');
    expect(rows[0]!.querySelector('.log-ts')?.textContent).toBe('2026-01-01T00:00:10Z');
  });

  it('keeps the newest line in view while following, and leaves follow when scrolled up', async () => {
    const store = filled(500);
    const lines = new FilteredLines(store, null);
    const onFollowChange = vi.fn();
    render(<LogView store={store} lines={lines} showTimestamps={false} follow onFollowChange={onFollowChange} />);
    const view = screen.getByLabelText('Log lines');
    // The viewport is 360 px high (fakeLayout): the last row's bottom edge at the viewport's.
    expect(view.scrollTop).toBe(500 * 18 - 360);
    expect(screen.getAllByRole('listitem').at(-1)?.textContent).toBe('line 499');
    // The view re-renders by itself, at the next animation frame, when lines arrive.
    await act(async () => {
      store.append([{ stream: 'stdout', text: 'newest' }]);
      await new Promise((resolve) => requestAnimationFrame(resolve));
    });
    expect(view.scrollTop).toBe(501 * 18 - 360);
    expect(screen.getAllByRole('listitem').at(-1)?.textContent).toBe('newest');
    // A browser fires scroll for the programmatic move too.
    act(() => {
      view.dispatchEvent(new Event('scroll'));
    });
    expect(onFollowChange).not.toHaveBeenCalled();
    act(() => {
      view.scrollTop = 100;
      view.dispatchEvent(new Event('scroll'));
    });
    expect(onFollowChange).toHaveBeenCalledWith(false);
  });

  it('draws the rows at the scroll position when not following', () => {
    const store = filled(800);
    render(
      <LogView store={store} lines={new FilteredLines(store, null)} showTimestamps={false} follow={false} onFollowChange={() => {}} />,
    );
    const view = screen.getByLabelText('Log lines');
    act(() => {
      view.scrollTop = 400 * 18;
      view.dispatchEvent(new Event('scroll'));
    });
    const texts = screen.getAllByRole('listitem').map((row) => row.textContent);
    expect(texts).toContain('line 400');
    expect(texts).not.toContain('line 0');
    expect(texts.length).toBeLessThan(100);
  });
});
