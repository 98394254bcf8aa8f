import { describe, expect, it } from 'vitest';
import { composeActionOrder, composeLogPrefix, composeProjectCount, composeProjects, composeSummary } from './compose.js';
import type { ContainerSummary } from './snapshot.js';

function container(
  name: string,
  project: string | undefined,
  service: string,
  number: number,
  state: ContainerSummary['state'],
): ContainerSummary {
  return {
    id: `${name}-id`,
    names: [`/${name}`],
    image: 'busybox',
    state,
    status: state === 'running' ? 'Up 1 minute' : 'Exited (0) 1 minute ago',
    ports: [],
    created: 0,
    labels: project
      ? {
          'com.docker.compose.project': project,
          'com.docker.compose.service': service,
          'com.docker.compose.container-number': String(number),
          'com.docker.compose.project.working_dir': `/srv/${project}`,
          'com.docker.compose.project.config_files': `/srv/${project}/compose.yaml,/srv/${project}/compose.override.yaml`,
        }
      : {},
  };
}

describe('compose projects from container labels', () => {
  const containers = [
    container('demo-web-2', 'demo', 'web', 2, 'running'),
    container('demo-web-1', 'demo', 'web', 1, 'running'),
    container('demo-db-1', 'demo', 'db', 1, 'exited'),
    container('loose', undefined, '', 1, 'running'),
    container('other-api-1', 'other', 'api', 1, 'running'),
  ];

  it('groups by project with services, states, working dir and config files', () => {
    const [demo, other] = composeProjects(containers);
    expect(composeSummary(demo!)).toBe('demo 2/3 running');
    expect(demo?.services).toEqual([
      { name: 'db', running: 0, total: 1 },
      { name: 'web', running: 2, total: 2 },
    ]);
    expect(demo?.workingDir).toBe('/srv/demo');
    expect(demo?.configFiles).toEqual(['/srv/demo/compose.yaml', '/srv/demo/compose.override.yaml']);
    expect(composeSummary(other!)).toBe('other 1/1 running');
  });

  it('counts the projects as composeProjects lists them', () => {
    expect(composeProjectCount(containers)).toBe(composeProjects(containers).length);
    expect(composeProjectCount(containers)).toBe(2);
    expect(composeProjectCount([container('loose', undefined, '', 1, 'running')])).toBe(0);
  });

  it('starts by service then number, stops in reverse', () => {
    const [demo] = composeProjects(containers);
    expect(composeActionOrder(demo!, 'start').map((c) => c.name)).toEqual(['demo-db-1', 'demo-web-1', 'demo-web-2']);
    expect(composeActionOrder(demo!, 'restart').map((c) => c.name)).toEqual(['demo-db-1', 'demo-web-1', 'demo-web-2']);
    expect(composeActionOrder(demo!, 'stop').map((c) => c.name)).toEqual(['demo-web-2', 'demo-web-1', 'demo-db-1']);
    expect(composeLogPrefix(demo!.containers[2]!)).toBe('web-2');
  });
});
