import { humanDuration } from '../../../shared/container-status';
import type { ContainerState, ContainerSummary, PortBinding } from '../../../shared/snapshot';
import { seededRandom } from '../../../shared/seeded-random';

const SERVICES: Array<{ name: string; image: string; ports?: PortBinding[] }> = [
  {
    name: 'api',
    image: 'registry.example.net/shop/api:4.12.0',
    ports: [{ privatePort: 8080, publicPort: 8080, ip: '0.0.0.0', type: 'tcp' }],
  },
  { name: 'worker', image: 'registry.example.net/shop/worker:4.12.0' },
  {
    name: 'nginx',
    image: 'nginx:1.25-alpine',
    ports: [
      { privatePort: 80, publicPort: 80, ip: '0.0.0.0', type: 'tcp' },
      { privatePort: 443, publicPort: 443, ip: '0.0.0.0', type: 'tcp' },
    ],
  },
  { name: 'redis', image: 'redis:7.2', ports: [{ privatePort: 6379, type: 'tcp' }] },
  { name: 'postgres', image: 'postgres:16.2', ports: [{ privatePort: 5432, publicPort: 5432, ip: '127.0.0.1', type: 'tcp' }] },
  { name: 'node-exporter', image: 'prom/node-exporter:v1.7.0', ports: [{ privatePort: 9100, type: 'tcp' }] },
  { name: 'cadvisor', image: 'gcr.io/cadvisor/cadvisor:v0.47.2', ports: [{ privatePort: 8080, type: 'tcp' }] },
  { name: 'fluent-bit', image: 'fluent/fluent-bit:2.2', ports: [{ privatePort: 24224, publicPort: 24224, ip: '0.0.0.0', type: 'udp' }] },
  { name: 'scheduler', image: 'registry.example.net/shop/scheduler:4.11.3' },
  { name: 'mailer', image: 'registry.example.net/shop/mailer:2.0.1' },
  { name: 'runner', image: 'gitlab/gitlab-runner:v16.9.1' },
  { name: 'build', image: 'docker:24-dind' },
];

const STATES: Array<[ContainerState, number]> = [
  ['running', 0.8],
  ['exited', 0.12],
  ['created', 0.03],
  ['paused', 0.02],
  ['restarting', 0.02],
  ['dead', 0.01],
];

function pickState(random: () => number): ContainerState {
  let roll = random();
  for (const [state, weight] of STATES) {
    if (roll < weight) return state;
    roll -= weight;
  }
  return 'running';
}

/** The duration as `docker ps` words it. */
function ago(hours: number): string {
  return humanDuration(hours * 3600_000);
}

/** How long ago the state in statusText(state, hours) began, in hours (never before the container existed). */
function stateHours(state: ContainerState, hours: number, restartSeconds: number): number | undefined {
  if (state === 'running' || state === 'paused') return hours;
  if (state === 'exited') return hours / 3;
  if (state === 'restarting') return restartSeconds / 3600;
  return undefined;
}

export function statusText(state: ContainerState, hours: number, random: () => number, restartSeconds?: number): string {
  switch (state) {
    case 'running':
      return `Up ${ago(hours)}${random() < 0.3 ? ' (healthy)' : ''}`;
    case 'exited':
      return `Exited (${random() < 0.7 ? 0 : 137}) ${ago(hours / 3)} ago`;
    case 'created':
      return 'Created';
    case 'paused':
      return `Up ${ago(hours)} (Paused)`;
    case 'restarting':
      return `Restarting (1) ${ago((restartSeconds ?? Math.round(random() * 50) + 5) / 3600)} ago`;
    case 'dead':
      return 'Dead';
    default:
      return '';
  }
}

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

/** `count` plausible containers created before `now` (epoch ms). */
export function makeContainers(count: number, seed: number, now: number, prefix = ''): ContainerSummary[] {
  const random = seededRandom(seed);
  const containers: ContainerSummary[] = [];
  for (let index = 0; index < count; index += 1) {
    const service = SERVICES[Math.floor(random() * SERVICES.length)]!;
    const state = pickState(random);
    const hours = random() * 24 * 40;
    const replica = index + 1;
    const id = hex(random, 64);
    const restartSeconds = state === 'restarting' ? Math.round(random() * 50) + 5 : 0;
    const since = stateHours(state, hours, restartSeconds);
    containers.push({
      id,
      names: [`${prefix}${service.name}-${replica}`],
      image: service.image,
      state,
      status: statusText(state, hours, random, restartSeconds),
      ...(since !== undefined ? { statusSince: Math.round(now - since * 3600_000) } : {}),
      ports: state === 'running' || state === 'paused' ? (service.ports ?? []) : [],
      created: Math.floor(now / 1000 - hours * 3600 - 600),
      labels: { 'com.docker.compose.service': service.name },
    });
  }
  return containers;
}
