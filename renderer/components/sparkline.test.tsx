// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Sparkline, sparklinePath } from './sparkline';

afterEach(cleanup);

describe('sparklinePath', () => {
  it('draws a young series from the right edge', () => {
    const { line } = sparklinePath([0, 10], 5, 10, 100, 12);
    expect(line).toBe('M75.0,11.0L100.0,1.0');
  });

  it('breaks the line at gaps and clamps values to the scale', () => {
    const { line, area } = sparklinePath([5, null, 50, -3], 4, 10, 30, 12);
    expect(line).toBe('M0.0,6.0M20.0,1.0L30.0,11.0');
    expect(area.match(/Z/g)).toHaveLength(2);
  });

  it('draws nothing for an empty series', () => {
    expect(sparklinePath([], 10, 1, 100, 10)).toEqual({ line: '', area: '' });
  });
});

describe('Sparkline', () => {
  it('is an image with its label', () => {
    render(<Sparkline values={[1, 2, 3]} capacity={60} label="CPU over the last 2 minutes" />);
    const chart = screen.getByRole('img', { name: 'CPU over the last 2 minutes' });
    expect(chart.querySelector('.sparkline-line')?.getAttribute('d')).toMatch(/^M/);
  });
});
