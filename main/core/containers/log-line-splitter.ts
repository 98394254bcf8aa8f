import { type LogLine, type LogStreamName, logLineMaxBytes } from '../../../shared/containers.js';

/**
 * Turns the bytes of one log stream (stdout, stderr or a TTY) into lines. The daemon prefixes
 * each line with its RFC 3339 timestamp and a space (Berth always asks for timestamps); the
 * prefix becomes `time`. A line longer than `maxBytes` keeps its first `maxBytes` bytes and says
 * how long it was, so a 1 MB line costs at most `maxBytes` of memory.
 */
export class LogLineSplitter {
  private parts: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(
    private readonly stream: LogStreamName,
    private readonly onLine: (line: LogLine) => void,
    private readonly maxBytes = logLineMaxBytes,
  ) {}

  /**
   * `messageStart`: the bytes begin a daemon log message. The daemon splits lines over 16 KB into
   * partial messages, each with its own timestamp: inside a line, that timestamp is dropped.
   */
  push(bytes: Buffer, messageStart = false): void {
    let start = 0;
    if (messageStart && this.total > 0) start = timestampLength(bytes);
    for (;;) {
      const newline = bytes.indexOf(0x0a, start);
      if (newline === -1) {
        this.keep(bytes.subarray(start));
        return;
      }
      this.keep(bytes.subarray(start, newline));
      this.emit();
      start = newline + 1;
    }
  }

  /** The stream ended: a last line without a newline is still a line. */
  flush(): void {
    if (this.total > 0) this.emit();
  }

  private keep(bytes: Buffer): void {
    this.total += bytes.length;
    // The timestamp prefix (≤ 36 bytes) does not count against the cap.
    const room = this.maxBytes + timestampRoom - this.kept;
    if (room <= 0 || bytes.length === 0) return;
    const taken = bytes.length > room ? bytes.subarray(0, room) : bytes;
    this.parts.push(Buffer.from(taken));
    this.kept += taken.length;
  }

  private emit(): void {
    const raw = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    const total = this.total;
    this.parts = [];
    this.kept = 0;
    this.total = 0;
    const { time, body } = splitTimestamp(raw);
    const bodyTotal = total - (raw.length - body.length);
    let text = body.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const line: LogLine = { stream: this.stream, time, text };
    if (bodyTotal > this.maxBytes) {
      line.text = body
        .subarray(0, this.maxBytes)
        .toString('utf8')
        .replace(/\uFFFD$/, '');
      line.cutFromBytes = bodyTotal;
    }
    this.onLine(line);
  }
}

const timestampRoom = 40;
const timestampPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** The length of a leading "timestamp " in `bytes`, or 0. */
function timestampLength(bytes: Buffer): number {
  const space = bytes.indexOf(0x20);
  if (space <= 0 || space > timestampRoom) return 0;
  return timestampPattern.test(bytes.subarray(0, space).toString('latin1')) ? space + 1 : 0;
}

function splitTimestamp(raw: Buffer): { time: string; body: Buffer } {
  const space = raw.indexOf(0x20);
  if (space > 0 && space <= timestampRoom) {
    const candidate = raw.subarray(0, space).toString('latin1');
    if (timestampPattern.test(candidate)) return { time: candidate, body: raw.subarray(space + 1) };
  }
  return { time: '', body: raw };
}
