import type {
  ContainerDetail,
  ContainerHealth,
  ContainerMountDetail,
  ContainerNetworkDetail,
  ContainerPortBinding,
} from '../../../shared/containers.js';

/** Inspect output is the daemon's: every list and string is capped so one odd container costs little. */
const maxRawBytes = 1024 * 1024;
const maxListItems = 1000;
const maxValueChars = 16 * 1024;

/** `GET /containers/{id}/json` → the Overview's ContainerDetail (plus the raw JSON, capped). */
export function parseContainerDetail(inspect: unknown): ContainerDetail {
  const root = rec(inspect);
  const config = rec(root.Config);
  const state = rec(root.State);
  const hostConfig = rec(root.HostConfig);
  const networkSettings = rec(root.NetworkSettings);
  const notes: string[] = [];
  const labels = labelsOf(config.Labels, notes);

  const detail: ContainerDetail = {
    id: str(root.Id),
    name: str(root.Name).replace(/^\//, ''),
    image: str(config.Image),
    imageId: str(root.Image),
    entrypoint: strings(config.Entrypoint),
    command: strings(config.Cmd),
    workingDir: str(config.WorkingDir),
    user: str(config.User),
    hostname: str(config.Hostname),
    tty: config.Tty === true,
    createdAt: str(root.Created),
    startedAt: dockerTime(state.StartedAt),
    finishedAt: dockerTime(state.FinishedAt),
    state: {
      status: str(state.Status),
      running: state.Running === true,
      paused: state.Paused === true,
      restarting: state.Restarting === true,
      oomKilled: state.OOMKilled === true,
      dead: state.Dead === true,
      exitCode: num(state.ExitCode),
      error: str(state.Error),
      pid: num(state.Pid),
      ...(state.Health ? { health: healthOf(rec(state.Health)) } : {}),
    },
    restartPolicy: {
      name: str(rec(hostConfig.RestartPolicy).Name) || 'no',
      maximumRetryCount: num(rec(hostConfig.RestartPolicy).MaximumRetryCount),
    },
    restartCount: num(root.RestartCount),
    ports: portsOf(networkSettings.Ports, config.ExposedPorts),
    mounts: capList(root.Mounts, notes, 'mounts').map(mountOf),
    networkMode: str(hostConfig.NetworkMode),
    networks: Object.entries(rec(networkSettings.Networks))
      .slice(0, maxListItems)
      .map(([name, value]) => networkOf(name, rec(value))),
    labels,
    env: capList(config.Env, notes, 'environment variables')
      .filter((entry): entry is string => typeof entry === 'string')
      .map((entry) => {
        const equals = entry.indexOf('=');
        return equals === -1 ? { name: entry, value: '' } : { name: entry.slice(0, equals), value: cut(entry.slice(equals + 1)) };
      }),
    raw: '',
    notes,
  };
  const project = labels['com.docker.compose.project'];
  if (project !== undefined) {
    const service = labels['com.docker.compose.service'];
    const workingDir = labels['com.docker.compose.project.working_dir'];
    const configFiles = labels['com.docker.compose.project.config_files'];
    detail.compose = {
      project,
      ...(service !== undefined ? { service } : {}),
      ...(workingDir !== undefined ? { workingDir } : {}),
      ...(configFiles !== undefined ? { configFiles } : {}),
    };
  }
  const raw = JSON.stringify(inspect, null, 2);
  if (raw.length > maxRawBytes) {
    detail.raw = raw.slice(0, maxRawBytes);
    notes.push(`The raw inspect JSON is ${raw.length} characters; the first ${maxRawBytes} are shown.`);
  } else detail.raw = raw;
  return detail;
}

function healthOf(health: Record<string, unknown>): ContainerHealth {
  const log = Array.isArray(health.Log) ? health.Log : [];
  const last = rec(log[log.length - 1]);
  return {
    status: str(health.Status),
    failingStreak: num(health.FailingStreak),
    ...(log.length > 0
      ? { lastCheck: { start: str(last.Start), end: str(last.End), exitCode: num(last.ExitCode), output: cut(str(last.Output)) } }
      : {}),
  };
}

function portsOf(ports: unknown, exposed: unknown): ContainerPortBinding[] {
  const result: ContainerPortBinding[] = [];
  const keys = new Set([...Object.keys(rec(ports)), ...Object.keys(rec(exposed))]);
  for (const key of keys) {
    const [port = '0', protocol = 'tcp'] = key.split('/');
    const bindings = rec(ports)[key];
    if (Array.isArray(bindings) && bindings.length > 0) {
      for (const binding of bindings.slice(0, maxListItems)) {
        const hostPort = Number(str(rec(binding).HostPort));
        result.push({
          containerPort: Number(port),
          protocol,
          hostIp: str(rec(binding).HostIp),
          ...(Number.isFinite(hostPort) && hostPort > 0 ? { hostPort } : {}),
        });
      }
    } else result.push({ containerPort: Number(port), protocol });
    if (result.length >= maxListItems) break;
  }
  return result;
}

function mountOf(value: unknown): ContainerMountDetail {
  const mount = rec(value);
  return {
    type: str(mount.Type),
    source: str(mount.Source),
    destination: str(mount.Destination),
    mode: str(mount.Mode),
    readWrite: mount.RW !== false,
    ...(typeof mount.Name === 'string' && mount.Name !== '' ? { name: mount.Name } : {}),
    ...(typeof mount.Driver === 'string' && mount.Driver !== '' ? { driver: mount.Driver } : {}),
  };
}

function networkOf(name: string, network: Record<string, unknown>): ContainerNetworkDetail {
  return {
    name,
    ipAddress: str(network.IPAddress),
    ipPrefixLength: num(network.IPPrefixLen),
    ipv6Address: str(network.GlobalIPv6Address),
    gateway: str(network.Gateway),
    macAddress: str(network.MacAddress),
    aliases: strings(network.Aliases),
  };
}

function labelsOf(value: unknown, notes: string[]): Record<string, string> {
  const entries = Object.entries(rec(value));
  if (entries.length > maxListItems) notes.push(`The container has ${entries.length} labels; the first ${maxListItems} are shown.`);
  return Object.fromEntries(entries.slice(0, maxListItems).map(([key, label]) => [key, cut(str(label))]));
}

function capList(value: unknown, notes: string[], what: string): unknown[] {
  if (!Array.isArray(value)) return [];
  if (value.length > maxListItems) notes.push(`The container has ${value.length} ${what}; the first ${maxListItems} are shown.`);
  return value.slice(0, maxListItems);
}

/** The daemon's "0001-01-01T00:00:00Z" means never. */
function dockerTime(value: unknown): string | null {
  const text = str(value);
  return text === '' || text.startsWith('0001-01-01') ? null : text;
}

function cut(text: string): string {
  return text.length > maxValueChars ? `${text.slice(0, maxValueChars)}… (${text.length} characters)` : text;
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.slice(0, maxListItems).map((item) => cut(String(item))) : [];
}

function rec(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string {
  return typeof value === 'string' ? cut(value) : '';
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
