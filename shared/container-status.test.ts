import { describe, expect, it } from 'vitest';
import { currentStatus, humanDuration, parseHumanDuration, statusSinceOf } from './container-status.js';

describe('container status durations', () => {
  it('words durations as docker ps does', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(1_000)).toBe('1 second');
    expect(humanDuration(59_000)).toBe('59 seconds');
    expect(humanDuration(90_000)).toBe('About a minute');
    expect(humanDuration(11 * 60_000)).toBe('11 minutes');
    expect(humanDuration(65 * 60_000)).toBe('About an hour');
    expect(humanDuration(47 * 3600_000)).toBe('47 hours');
    expect(humanDuration(3 * 86400_000)).toBe('3 days');
    expect(humanDuration(20 * 86400_000)).toBe('2 weeks');
    expect(humanDuration(90 * 86400_000)).toBe('3 months');
    expect(humanDuration(800 * 86400_000)).toBe('2 years');
  });

  it('reads every phrase it writes back to a duration that words the same', () => {
    for (const ms of [
      0,
      1_000,
      7_000,
      60_000,
      11 * 60_000,
      3600_000,
      5 * 3600_000,
      3 * 86400_000,
      20 * 86400_000,
      90 * 86400_000,
      900 * 86400_000,
    ]) {
      const phrase = humanDuration(ms);
      expect(humanDuration(parseHumanDuration(phrase)!)).toBe(phrase);
    }
    expect(parseHumanDuration('soon')).toBeUndefined();
  });

  it('anchors only the statuses that carry a duration', () => {
    const at = 1_000_000_000;
    expect(statusSinceOf('Up 3 hours (Paused)', at)).toBe(at - 3 * 3600_000);
    expect(statusSinceOf('Exited (137) 5 minutes ago', at)).toBe(at - 5 * 60_000);
    expect(statusSinceOf('Restarting (1) Less than a second ago', at)).toBe(at);
    expect(statusSinceOf('Created', at)).toBeUndefined();
    expect(statusSinceOf('Removal In Progress', at)).toBeUndefined();
    expect(currentStatus('Created', undefined, at)).toBe('Created');
    expect(currentStatus('Up 2 minutes (health: starting)', at - 2 * 60_000, at + 60_000)).toBe('Up 3 minutes (health: starting)');
  });
});
