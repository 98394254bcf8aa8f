import type { ContainerState, ContainerSummary } from './snapshot.js';

/**
 * Compose projects as the daemon's containers show them: grouped by the labels docker compose
 * puts on every container it creates. No compose file or binary is needed.
 */
export const composeLabels = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  number: 'com.docker.compose.container-number',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
} as const;

export interface ComposeContainer {
  id: string;
  name: string;
  service: string;
  /** com.docker.compose.container-number (1 when absent). */
  number: number;
  state: ContainerState;
  status: string;
}

export interface ComposeService {
  name: string;
  running: number;
  total: number;
}

export interface ComposeProject {
  name: string;
  /** In start order (see composeStartOrder). */
  containers: ComposeContainer[];
  services: ComposeService[];
  running: number;
  total: number;
  /** From the first container that carries them. */
  workingDir?: string;
  configFiles: string[];
}

/**
 * The order Berth starts (and restarts) a project's containers: by service name, then by
 * container number. Stop goes the other way round. The daemon knows no dependencies between
 * services, so this order is stated, not derived from the compose file.
 */
export function composeStartOrder(a: ComposeContainer, b: ComposeContainer): number {
  return a.service.localeCompare(b.service, 'en') || a.number - b.number || a.name.localeCompare(b.name, 'en');
}

export type ComposeAction = 'start' | 'stop' | 'restart';

/** The containers an action goes through, in order: stop in reverse of the start order. */
export function composeActionOrder(project: ComposeProject, action: ComposeAction): ComposeContainer[] {
  const ordered = [...project.containers].sort(composeStartOrder);
  return action === 'stop' ? ordered.reverse() : ordered;
}

/** "demo 3/3 running" */
export function composeSummary(project: ComposeProject): string {
  return `${project.name} ${project.running}/${project.total} running`;
}

/** Every compose project among `containers`, by name. */
/** How many compose projects the containers belong to: composeProjects(…).length without building them (a tab's count, per push). */
export function composeProjectCount(containers: readonly ContainerSummary[]): number {
  const names = new Set<string>();
  for (const container of containers) {
    const name = container.labels[composeLabels.project];
    if (name) names.add(name);
  }
  return names.size;
}

export function composeProjects(containers: readonly ContainerSummary[]): ComposeProject[] {
  const byName = new Map<string, ComposeProject>();
  for (const container of containers) {
    const name = container.labels[composeLabels.project];
    if (!name) continue;
    let project = byName.get(name);
    if (!project) {
      project = { name, containers: [], services: [], running: 0, total: 0, configFiles: [] };
      byName.set(name, project);
    }
    const number = Number.parseInt(container.labels[composeLabels.number] ?? '', 10);
    project.containers.push({
      id: container.id,
      name: (container.names[0] ?? container.id.slice(0, 12)).replace(/^\//, ''),
      service: container.labels[composeLabels.service] ?? '',
      number: Number.isFinite(number) ? number : 1,
      state: container.state,
      status: container.status,
    });
    const workingDir = container.labels[composeLabels.workingDir];
    if (project.workingDir === undefined && workingDir) project.workingDir = workingDir;
    const configFiles = container.labels[composeLabels.configFiles];
    if (project.configFiles.length === 0 && configFiles)
      project.configFiles = configFiles
        .split(',')
        .map((file) => file.trim())
        .filter((file) => file !== '');
  }
  for (const project of byName.values()) {
    project.containers.sort(composeStartOrder);
    const services = new Map<string, ComposeService>();
    for (const container of project.containers) {
      const service = services.get(container.service) ?? { name: container.service, running: 0, total: 0 };
      service.total += 1;
      if (container.state === 'running') service.running += 1;
      services.set(container.service, service);
    }
    project.services = [...services.values()];
    project.total = project.containers.length;
    project.running = project.containers.filter((container) => container.state === 'running').length;
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** The prefix a merged log puts before each line of a container, as compose does: `web-1 | `. */
export function composeLogPrefix(container: Pick<ComposeContainer, 'service' | 'number' | 'name'>): string {
  return container.service ? `${container.service}-${container.number}` : container.name;
}
