import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileShare {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Sampled time not idle: what the process spent its CPU on. */
  busyMs: number;
  /** Self time by where the code lives: Berth's bundle, a package, Node's internals, GC, idle. */
  byArea: ProfileShare[];
  /** Self time of the heaviest functions. */
  topFunctions: ProfileShare[];
}

/** Where a V8 CPU profile (.cpuprofile) spent its self time. */
export function summarizeCpuProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of selfMicros) {
    const frame = nodes.get(id)!.callFrame;
    total += micros;
    add(byArea, areaOf(frame.url, frame.functionName), micros);
    add(byFunction, `${frame.functionName || '(anonymous)'} ${shortUrl(frame.url)}:${frame.lineNumber + 1}`, micros);
  }
  const idle = byArea.get('(idle)') ?? 0;
  byArea.delete('(idle)');
  byFunction.delete('(idle) :0');
  return { totalMs: total / 1000, busyMs: (total - idle) / 1000, byArea: ranked(byArea, 12), topFunctions: ranked(byFunction, top) };
}

function add(map: Map<string, number>, key: string, micros: number): void {
  map.set(key, (map.get(key) ?? 0) + micros);
}

function ranked(map: Map<string, number>, count: number): ProfileShare[] {
  return [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, ms: micros / 1000 }));
}

function areaOf(url: string, functionName: string): string {
  if (url === '') return `(${functionName.replace(/[()]/g, '') || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `package ${pkg[1]}`;
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  if (url.includes('/out/main/')) return 'Berth main bundle';
  return shortUrl(url);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(out|node_modules|bench)\//, '$1/');
}
