import { describe, expect, it } from 'vitest';
import { truncationLines } from './truncation-note';

describe('truncationLines', () => {
  it('says how many containers are shown of how many the daemon listed', () => {
    expect(truncationLines({ containers: { kept: 10_000, listed: 40_000 } })).toEqual([
      'Showing 10,000 of 40,000 containers — the daemon listed more than Berth keeps (the newest 10,000). The counts cover all 40,000.',
    ]);
  });

  it('mentions shortened fields and /info, and nothing when nothing was cut', () => {
    expect(truncationLines({ containersWithCutFields: 1, daemonInfoCut: true })).toEqual([
      '1 container had names, labels, ports or texts longer than Berth keeps; they are shortened (…).',
      'Some of what the daemon reports in /info was longer than Berth keeps; it is shortened (…).',
    ]);
    expect(truncationLines(undefined)).toEqual([]);
    expect(truncationLines({})).toEqual([]);
  });
});
