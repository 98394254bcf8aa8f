/** One filesystem as `df -B1 -P <path>` prints it (POSIX format, byte blocks). */
export interface DfLine {
  filesystem: string;
  totalBytes: number;
  usedBytes: number;
  availableBytes: number;
  mountedOn: string;
}

// "Filesystem 1-blocks Used Available Capacity Mounted on": -P never wraps a long name onto two
// lines; the filesystem and the mount point may hold spaces, the numbers never do.
const LINE = /^(.+?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)%\s+(\/.*)$/;

/** The filesystem line of df's output, or undefined when there is none (a header only, an error text). */
export function parseDfOutput(output: string): DfLine | undefined {
  const lines = output.split('\n').map((line) => line.trimEnd());
  for (const line of lines.slice(1).reverse()) {
    const match = LINE.exec(line);
    if (!match) continue;
    const [, filesystem = '', total = '', used = '', available = '', , mountedOn = ''] = match;
    const numbers = [total, used, available].map(Number);
    if (!numbers.every(Number.isSafeInteger)) return undefined;
    const [totalBytes = 0, usedBytes = 0, availableBytes = 0] = numbers;
    return { filesystem: filesystem.slice(0, 512), totalBytes, usedBytes, availableBytes, mountedOn: mountedOn.slice(0, 1024) };
  }
  return undefined;
}
