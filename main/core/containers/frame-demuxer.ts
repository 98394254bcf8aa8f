/**
 * Splits a non-TTY attach/logs stream into stdout and stderr. Each frame is an 8-byte header
 * (stream type, three zero bytes, payload length big-endian) followed by the payload. Payload
 * bytes are passed on as they arrive, never buffered whole, so a huge frame costs no memory.
 */
export type FrameStream = 'stdout' | 'stderr';

export class FrameDemuxer {
  private header = Buffer.alloc(8);
  private headerFill = 0;
  private remaining = 0;
  private current: FrameStream = 'stdout';

  /** `frameStart`: these bytes begin a frame (the daemon sends each log message, partial or not, as one frame). */
  constructor(private readonly onPayload: (stream: FrameStream, bytes: Buffer, frameStart: boolean) => void) {}
  private frameOffset = 0;

  push(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining === 0) {
        const take = Math.min(8 - this.headerFill, chunk.length - offset);
        chunk.copy(this.header, this.headerFill, offset, offset + take);
        this.headerFill += take;
        offset += take;
        if (this.headerFill < 8) return;
        this.headerFill = 0;
        // 0 stdin (never sent back), 1 stdout, 2 stderr; anything else is treated as stdout.
        this.current = this.header[0] === 2 ? 'stderr' : 'stdout';
        this.remaining = this.header.readUInt32BE(4);
        this.frameOffset = 0;
        continue;
      }
      const take = Math.min(this.remaining, chunk.length - offset);
      this.onPayload(this.current, chunk.subarray(offset, offset + take), this.frameOffset === 0);
      this.frameOffset += take;
      this.remaining -= take;
      offset += take;
    }
  }
}
