import { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

// The app's core runs in this process: a GC before each reading makes the figures what is alive.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

export interface MemoryReading {
  heapMb: number;
  /** What V8 holds for its heap (used, garbage not yet swept, and pages it keeps); RSS follows it. */
  heapTotalMb: number;
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
  return {
    heapMb: mb(usage.heapUsed),
    heapTotalMb: mb(usage.heapTotal),
    rssMb: mb(usage.rss),
    externalMb: mb(usage.external),
    arrayBuffersMb: mb(usage.arrayBuffers),
  };
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

export interface ActivityReading {
  /** Main-process CPU (user + system) over the span, in percent of one core. */
  cpuPercent: number;
  /** Garbage collections V8 ran by itself (the bench's forced ones left out), and their total pause. */
  gcs: number;
  majorGcs: number;
  gcPauseMs: number;
}

/** Starts counting CPU time and garbage collections; `read()` gives the totals since. */
export function watchActivity(): { read(): ActivityReading; stop(): void } {
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const counted = { gcs: 0, majorGcs: 0, gcPauseMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as { detail?: unknown }).detail as { kind: number; flags: number } | undefined;
      if (detail && detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) continue;
      counted.gcs += 1;
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) counted.majorGcs += 1;
      counted.gcPauseMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    read() {
      const cpu = process.cpuUsage(cpuAtStart);
      const elapsedMs = performance.now() - startedAt;
      return { cpuPercent: elapsedMs > 0 ? ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100 : 0, ...counted };
    },
    stop: () => observer.disconnect(),
  };
}
