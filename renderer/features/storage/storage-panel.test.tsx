// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { StorageReading } from '../../../shared/snapshot';
import { btrfsLabStorage } from '../../lib/demo/fixture-readings';
import { StoragePanel } from './storage-panel';

afterEach(cleanup);

describe('the storage panel', () => {
  it('offers no toggle for a driver without status pairs', () => {
    const vfs = { ...btrfsLabStorage, driver: 'vfs', status: [], reading: { driver: 'vfs' } } as unknown as StorageReading;
    render(<StoragePanel storage={vfs} />);
    expect(screen.getByText('The daemon reported no driver status.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /driver status/ })).toBeNull();
  });

  it('starts collapsed when the facts above already read the pairs', () => {
    render(<StoragePanel storage={btrfsLabStorage} />);
    expect(screen.getByRole('button', { name: /Show driver status/ }).getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('table', { name: 'Driver status' })).toBeNull();
  });
});
