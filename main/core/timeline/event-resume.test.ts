import { describe, expect, it } from 'vitest';
import type { DockerEvent } from '../events-stream.js';
import { EventResumeCursor, eventKey } from './event-resume.js';

const second = 1_700_000_000e9;
const event = (offsetMicros: number, action = 'start', id = 'c1'): DockerEvent => ({
  type: 'container',
  action,
  id,
  attributes: {},
  timeNano: second + offsetMicros * 1000,
});

describe('EventResumeCursor', () => {
  it('has no resume point before the first event, then resumes at the whole second of the last one', () => {
    const cursor = new EventResumeCursor();
    expect(cursor.sinceSeconds()).toBeUndefined();
    expect(cursor.accept(event(1.5e6))).toBe(true);
    expect(cursor.sinceSeconds()).toBe(1_700_000_001);
  });

  it("resumes from the first stream's since when the stream broke before any event", () => {
    const cursor = new EventResumeCursor();
    cursor.opened(1_700_000_000);
    cursor.opened(1_700_000_050);
    expect(cursor.sinceSeconds()).toBe(1_700_000_000);
    cursor.accept(event(3e6));
    expect(cursor.sinceSeconds()).toBe(1_700_000_003);
  });

  it('drops the events of the boundary second that were seen, keeps the unseen ones in order', () => {
    const cursor = new EventResumeCursor();
    const seen = [event(100, 'create'), event(200, 'start'), event(300, 'die')];
    for (const each of seen) expect(cursor.accept(each)).toBe(true);
    // The stream breaks; the daemon re-sends from the start of the second, plus what happened meanwhile.
    const resent = [...seen, event(300, 'die', 'c2'), event(2e6, 'destroy')];
    expect(resent.filter((each) => cursor.accept(each)).map((each) => eventKey(each))).toEqual([
      eventKey(event(300, 'die', 'c2')),
      eventKey(event(2e6, 'destroy')),
    ]);
    // Nothing is taken twice even when the same batch comes a third time.
    expect(resent.filter((each) => cursor.accept(each))).toEqual([]);
  });

  it('starts from a stored resume point (after a restart) and drops events older than its second', () => {
    const cursor = new EventResumeCursor({ timeNano: second + 500_000, keys: [eventKey(event(500))] });
    expect(cursor.sinceSeconds()).toBe(1_700_000_000);
    expect(cursor.accept(event(-1))).toBe(false);
    expect(cursor.accept(event(500))).toBe(false);
    expect(cursor.accept(event(500, 'stop'))).toBe(true);
    expect(cursor.point()).toEqual({ timeNano: second + 500_000, keys: [eventKey(event(500)), eventKey(event(500, 'stop'))] });
  });

  it('moves on to the second a bounded read reached, keeping the keys of that second when it holds the last event', () => {
    const cursor = new EventResumeCursor();
    cursor.opened(1_700_000_000);
    cursor.readThrough(second + 4.2e9);
    expect(cursor.sinceSeconds()).toBe(1_700_000_004);
    const seen = event(4.5e6);
    expect(cursor.accept(seen)).toBe(true);
    cursor.readThrough(second + 4.7e9);
    // The next read starts at the same second: the event seen there is dropped, a later one kept.
    expect(cursor.sinceSeconds()).toBe(1_700_000_004);
    expect(cursor.accept(seen)).toBe(false);
    expect(cursor.accept(event(4.8e6, 'die'))).toBe(true);
    cursor.readThrough(second + 9.1e9);
    expect(cursor.sinceSeconds()).toBe(1_700_000_009);
    expect(cursor.accept(event(9.5e6))).toBe(true);
  });
});
