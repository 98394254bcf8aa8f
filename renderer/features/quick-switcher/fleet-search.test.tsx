// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fakeLayout, renderApp } from '../../test/render-app';

let restoreLayout: () => void;
beforeEach(() => {
  restoreLayout = fakeLayout();
});
afterEach(() => {
  cleanup();
  restoreLayout();
});

const palette = () => screen.getByRole('dialog', { name: 'Search the fleet' });
const labels = () =>
  within(palette())
    .queryAllByRole('option')
    .map((option) => option.getAttribute('aria-label') ?? '');

function search(query: string) {
  if (!screen.queryByRole('dialog', { name: 'Search the fleet' })) fireEvent.keyDown(window, { key: 'k', code: 'KeyK', ctrlKey: true });
  fireEvent.change(within(palette()).getByRole('combobox'), { target: { value: query } });
}

describe('fleet search over the demo', () => {
  it('finds containers and images on every host, grouped by kind with their host; Enter opens the container on its host', async () => {
    await renderApp();
    search('postgres');
    await waitFor(() => expect(labels().some((label) => label.startsWith('image postgres:16.2 on '))).toBe(true));
    const groups = within(palette())
      .getAllByRole('presentation')
      .filter((item) => item.classList.contains('search-group'))
      .map((item) => item.textContent);
    expect(groups).toEqual([expect.stringMatching(/^Containers · /), expect.stringMatching(/^Images · /)]);
    const first = labels()[0]!;
    expect(first).toMatch(/^container postgres-\d+ on \S+$/);
    const [, name = '', host = ''] = /^container (\S+) on (\S+)$/.exec(first)!;
    fireEvent.keyDown(within(palette()).getByRole('combobox'), { key: 'Enter' });
    expect(screen.queryByRole('dialog', { name: 'Search the fleet' })).toBeNull();
    expect(screen.getByRole('heading', { name: host })).toBeTruthy();
    expect(await screen.findByRole('region', { name: `Container ${name}` })).toBeTruthy();
  });

  it('says so when nothing matches, and lists hosts first when the query names one', async () => {
    await renderApp();
    search('zz-no-such-thing');
    expect(within(palette()).getByText('Nothing on any host matches “zz-no-such-thing”.')).toBeTruthy();
    search('legacy');
    expect(labels()[0]).toBe('legacy-build');
  });

  it('offers every matching container in the Containers view, which has a Host column and the same filters', async () => {
    await renderApp();
    search('api');
    const more = within(palette()).getByRole('option', { name: /^Show all \d+ matching containers$/ });
    fireEvent.click(more);
    const table = screen.getByRole('table', { name: 'Containers' });
    expect(within(table).getByRole('columnheader', { name: /Host/ })).toBeTruthy();
    expect((screen.getByRole('searchbox', { name: 'Search containers' }) as HTMLInputElement).value).toBe('api');
    expect(screen.getByRole('combobox', { name: 'Filter by host' })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Filter by state' })).toBeTruthy();
  });
});
