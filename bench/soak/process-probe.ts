import { ChildProcess } from 'node:child_process';
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';

// The app's core runs in this process: a GC before each reading makes the figures what is alive.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

export interface MemoryReading {
  heapMb: number;
  rssMb: number;
  /** Memory of C++ objects bound to JS (Buffers among them), and of ArrayBuffers alone. */
  externalMb: number;
  arrayBuffersMb: number;
}

export function memoryAfterGc(): MemoryReading {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return { heapMb: mb(usage.heapUsed), rssMb: mb(usage.rss), externalMb: mb(usage.external), arrayBuffersMb: mb(usage.arrayBuffers) };
}

export interface HandleReading {
  /** process.getActiveResourcesInfo(), counted by type. */
  resources: Record<string, number>;
  /** Open sockets by what they lead to (classify decides). */
  sockets: Record<string, number>;
  /** Child processes alive, by command line. */
  processes: string[];
}

/** What keeps the event loop alive right now, and which sockets are open, by `classify`. */
export function openHandles(classify: (socket: net.Socket) => string): HandleReading {
  const resources: Record<string, number> = {};
  for (const name of process.getActiveResourcesInfo()) resources[name] = (resources[name] ?? 0) + 1;
  const sockets: Record<string, number> = {};
  const processes: string[] = [];
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  for (const handle of handles) {
    if (handle instanceof ChildProcess) processes.push(handle.spawnargs.join(' ').slice(0, 200));
    if (!(handle instanceof net.Socket) || handle.destroyed) continue;
    const kind = classify(handle);
    sockets[kind] = (sockets[kind] ?? 0) + 1;
  }
  return { resources, sockets, processes };
}
