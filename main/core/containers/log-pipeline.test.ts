import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/containers.js';
import { FrameDemuxer } from './frame-demuxer.js';
import { LogLineSplitter } from './log-line-splitter.js';
import { compareLogTimes, logTimeToUnix, rfc3339ToUnix } from './log-time.js';

function frame(stream: 1 | 2, text: string | Buffer): Buffer {
  const payload = typeof text === 'string' ? Buffer.from(text) : text;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function pipeline(maxBytes?: number) {
  const lines: LogLine[] = [];
  const splitters = {
    stdout: new LogLineSplitter('stdout', (line) => lines.push(line), maxBytes),
    stderr: new LogLineSplitter('stderr', (line) => lines.push(line), maxBytes),
  };
  const demuxer = new FrameDemuxer((stream, bytes, start) => splitters[stream].push(bytes, start));
  return { lines, demuxer, splitters };
}

const t1 = '2024-05-01T10:00:00.000000001Z';
const t2 = '2024-05-01T10:00:00.000000002Z';

describe('the logs pipeline', () => {
  it('demultiplexes frames split at any byte, with timestamps taken off', () => {
    const { lines, demuxer } = pipeline();
    const bytes = Buffer.concat([frame(1, `${t1} out one\n`), frame(2, `${t2} err one\n`), frame(1, `${t2} out two\r\n`)]);
    for (let i = 0; i < bytes.length; i += 3) demuxer.push(bytes.subarray(i, i + 3));
    expect(lines).toEqual([
      { stream: 'stdout', time: t1, text: 'out one' },
      { stream: 'stderr', time: t2, text: 'err one' },
      { stream: 'stdout', time: t2, text: 'out two' },
    ]);
  });

  it('joins a long line the daemon sent as partial messages (each with its own timestamp) and cuts it at the cap', () => {
    const { lines, demuxer } = pipeline(10);
    demuxer.push(
      Buffer.concat([frame(1, `${t1} 0123456789`), frame(1, `${t2} abcdefghij`), frame(1, `${t2} KLM\n`), frame(1, `${t2} short\n`)]),
    );
    expect(lines).toEqual([
      { stream: 'stdout', time: t1, text: '0123456789', cutFromBytes: 23 },
      { stream: 'stdout', time: t2, text: 'short' },
    ]);
  });

  it('keeps a last line without newline for flush, and lines without a timestamp as they are', () => {
    const lines: LogLine[] = [];
    const splitter = new LogLineSplitter('tty', (line) => lines.push(line));
    splitter.push(Buffer.from('no stamp\nlast'));
    splitter.flush();
    expect(lines).toEqual([
      { stream: 'tty', time: '', text: 'no stamp' },
      { stream: 'tty', time: '', text: 'last' },
    ]);
  });
});

describe('log times', () => {
  it("turns daemon timestamps and docker --since forms into the API's seconds.nanoseconds", () => {
    expect(rfc3339ToUnix('1970-01-01T00:00:10.5Z')).toBe('10.500000000');
    expect(rfc3339ToUnix(t1)).toBe('1714557600.000000001');
    expect(rfc3339ToUnix('2024-05-01T12:00:00+02:00')).toBe('1714557600.000000000');
    expect(logTimeToUnix('1714557600')).toBe('1714557600');
    expect(logTimeToUnix('2024-05-01')).toBe('1714521600.000000000');
    expect(logTimeToUnix('10m', 1_000_000)).toBe('400.000');
    expect(logTimeToUnix('1h30m', 10_000_000)).toBe('4600.000');
    expect(() => logTimeToUnix('yesterday')).toThrow(/RFC 3339/);
  });

  it('orders timestamps to the nanosecond', () => {
    expect(compareLogTimes(t1, t2)).toBeLessThan(0);
    expect(compareLogTimes(t2, t2)).toBe(0);
    expect(compareLogTimes('2024-05-01T10:00:01Z', t2)).toBeGreaterThan(0);
  });
});
