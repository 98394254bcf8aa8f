import nativePath from 'node:path';
import path from 'node:path/posix';
import { formatHostPort } from '../../../shared/profile.js';
import { tlsDefaults } from '../../../shared/tls-contract.js';
import { normalizeIp } from './san.js';
import { shellQuote } from '../shell-quote.js';

export interface DaemonConfigurationOptions {
  /** Directory on the daemon's host holding ca.pem, server-cert.pem, server-key.pem. */
  certDir: string;
  /** The address clients use (only for the notes; the daemon listens on bindAddress). */
  host: string;
  port?: number;
  /** Default 0.0.0.0: every interface. */
  bindAddress?: string;
  /** Default /usr/bin/dockerd (Docker's packages); Debian's docker.io has /usr/sbin/dockerd. */
  dockerdPath?: string;
}

export interface DaemonJson {
  tlsverify: true;
  tlscacert: string;
  tlscert: string;
  tlskey: string;
  hosts: string[];
}

/** The same daemon settings in each place dockerd can read them from: pick one, never two. */
export interface DaemonConfiguration {
  daemonJson: DaemonJson;
  daemonJsonPath: '/etc/docker/daemon.json';
  /** daemon.json as text, ready to merge into an existing file. */
  daemonJsonText: string;
  /** With `hosts` in daemon.json, the stock unit's `-H fd://` must go, or dockerd refuses to start. */
  systemdDropInPath: '/etc/systemd/system/docker.service.d/override.conf';
  systemdDropIn: string;
  /** For /etc/default/docker (older Ubuntu and sysvinit hosts). */
  dockerOptsLine: string;
  /** dockerd with every option on the command line, e.g. to try it by hand. */
  dockerdCommand: string;
  /** The commands that apply the daemon.json way. */
  applyCommands: string[];
  notes: string[];
}

export interface ClientConfigurationOptions {
  /** Directory on the client's machine holding ca.pem, cert.pem, key.pem. */
  certDir: string;
  host: string;
  port?: number;
}

export interface ClientConfiguration {
  dockerHost: string;
  /** export DOCKER_HOST=… DOCKER_CERT_PATH=… DOCKER_TLS_VERIFY=1 */
  environment: string;
  dockerCommand: string;
  curlCommand: string;
}

const dockerSocket = 'unix:///var/run/docker.sock';

export function daemonConfiguration(options: DaemonConfigurationOptions): DaemonConfiguration {
  const port = options.port ?? tlsDefaults.port;
  const bind = formatHostPort(options.bindAddress ?? '0.0.0.0', port);
  const dockerd = options.dockerdPath ?? '/usr/bin/dockerd';
  const files = {
    ca: path.join(options.certDir, 'ca.pem'),
    cert: path.join(options.certDir, 'server-cert.pem'),
    key: path.join(options.certDir, 'server-key.pem'),
  };
  const daemonJson: DaemonJson = {
    tlsverify: true,
    tlscacert: files.ca,
    tlscert: files.cert,
    tlskey: files.key,
    hosts: [dockerSocket, `tcp://${bind}`],
  };
  const flags = `--tlsverify --tlscacert=${shellQuote(files.ca)} --tlscert=${shellQuote(files.cert)} --tlskey=${shellQuote(files.key)} -H=${bind}`;
  return {
    daemonJson,
    daemonJsonPath: '/etc/docker/daemon.json',
    daemonJsonText: `${JSON.stringify(daemonJson, null, 2)}\n`,
    systemdDropInPath: '/etc/systemd/system/docker.service.d/override.conf',
    systemdDropIn: `[Service]\nExecStart=\nExecStart=${dockerd}\n`,
    dockerOptsLine: `DOCKER_OPTS="${flags} -H ${dockerSocket}"`,
    dockerdCommand: `${shellQuote(dockerd)} ${flags} -H ${dockerSocket}`,
    applyCommands: ['sudo systemctl daemon-reload', 'sudo systemctl restart docker'],
    notes: [
      `Copy ca.pem, server-cert.pem and server-key.pem to ${options.certDir} on the daemon's host (owned by root, mode 0400); ca-key.pem stays off that host.`,
      'Put the options in one place only: dockerd refuses to start when daemon.json and its command line both set the same option.',
      `The drop-in empties the stock ExecStart, whose "-H fd://" conflicts with "hosts" in daemon.json; keep any other flags your unit passes (see \`systemctl cat docker\`), and use the dockerd path it shows.`,
      `The DOCKER_OPTS line is for hosts whose init script starts dockerd with $DOCKER_OPTS and no -H of its own; if the unit already passes -H fd://, leave out "-H ${dockerSocket}".`,
      `Allow tcp port ${port} only from the machines that need it; clients then reach the daemon as ${formatHostPort(options.host, port)}.`,
    ],
  };
}

export function clientConfiguration(options: ClientConfigurationOptions): ClientConfiguration {
  const port = options.port ?? tlsDefaults.port;
  const hostPort = formatHostPort(normalizeIp(options.host) ?? options.host, port);
  const dockerHost = `tcp://${hostPort}`;
  const file = (name: string) => shellQuote(nativePath.join(options.certDir, name));
  return {
    dockerHost,
    environment: `export DOCKER_HOST=${dockerHost} DOCKER_CERT_PATH=${shellQuote(options.certDir)} DOCKER_TLS_VERIFY=1`,
    dockerCommand: `docker -H ${dockerHost} --tlsverify --tlscacert ${file('ca.pem')} --tlscert ${file('cert.pem')} --tlskey ${file('key.pem')} version`,
    curlCommand: `curl --cert ${file('cert.pem')} --key ${file('key.pem')} --cacert ${file('ca.pem')} https://${hostPort}/version`,
  };
}
