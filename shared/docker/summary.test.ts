import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDaemonSummary } from './summary.js';

const EMPTY = {
  serverVersion: '',
  apiVersion: '',
  os: '',
  osType: '',
  kernelVersion: '',
  architecture: '',
  cpus: 0,
  memoryBytes: 0,
  name: '',
  dockerRootDir: '',
  loggingDriver: '',
  cgroupDriver: '',
  cgroupVersion: '',
  securityOptions: [],
  insecureRegistries: [],
  registryMirrors: [],
  daemonWarnings: [],
};

describe('readDaemonSummary', () => {
  it('reads /version and /info', () => {
    const version = {
      Version: '20.10.24+dfsg1',
      ApiVersion: '1.41',
      MinAPIVersion: '1.12',
      Os: 'linux',
      Arch: 'amd64',
      KernelVersion: '6.1.0-18-amd64',
    };
    const info = {
      ServerVersion: '20.10.24+dfsg1',
      OperatingSystem: 'Debian GNU/Linux 12 (bookworm)',
      OSType: 'linux',
      KernelVersion: '6.1.0-18-amd64',
      Architecture: 'x86_64',
      NCPU: 2,
      MemTotal: 25_220_000_000,
      Name: 'lab-1',
      DockerRootDir: '/srv/berth/a',
      LoggingDriver: 'json-file',
      CgroupDriver: 'systemd',
      CgroupVersion: '2',
      SecurityOptions: ['name=seccomp,profile=default', 'name=cgroupns'],
      RegistryConfig: {
        InsecureRegistryCIDRs: ['127.0.0.0/8', '::1/128'],
        IndexConfigs: {
          'docker.io': { Name: 'docker.io', Mirrors: [], Secure: true, Official: true },
          'registry.lab:5000': { Name: 'registry.lab:5000', Mirrors: [], Secure: false, Official: false },
        },
        Mirrors: ['https://mirror.lab/'],
      },
      Warnings: ['WARNING: API is accessible on http://127.0.0.1:2375 without encryption.'],
    };
    expect(readDaemonSummary(version, info)).toEqual({
      serverVersion: '20.10.24+dfsg1',
      apiVersion: '1.41',
      minApiVersion: '1.12',
      os: 'Debian GNU/Linux 12 (bookworm)',
      osType: 'linux',
      kernelVersion: '6.1.0-18-amd64',
      architecture: 'x86_64',
      cpus: 2,
      memoryBytes: 25_220_000_000,
      name: 'lab-1',
      dockerRootDir: '/srv/berth/a',
      loggingDriver: 'json-file',
      cgroupDriver: 'systemd',
      cgroupVersion: '2',
      securityOptions: ['name=seccomp,profile=default', 'name=cgroupns'],
      insecureRegistries: ['registry.lab:5000', '127.0.0.0/8', '::1/128'],
      registryMirrors: ['https://mirror.lab/'],
      daemonWarnings: ['WARNING: API is accessible on http://127.0.0.1:2375 without encryption.'],
    });
  });

  it('falls back to /version when /info lacks a field', () => {
    const summary = readDaemonSummary({ Version: '1.12.6', ApiVersion: '1.24', Os: 'linux', Arch: 'amd64', KernelVersion: '3.10.0' }, {});
    expect(summary).toMatchObject({ serverVersion: '1.12.6', osType: 'linux', architecture: 'amd64', kernelVersion: '3.10.0' });
    expect(summary.minApiVersion).toBeUndefined();
  });

  it('is empty, not broken, for missing or malformed bodies', () => {
    expect(readDaemonSummary(undefined, undefined)).toEqual(EMPTY);
    expect(readDaemonSummary('x', [1, 2])).toEqual(EMPTY);
    expect(
      readDaemonSummary(
        { ApiVersion: 1.41 },
        { NCPU: '2', MemTotal: -5, SecurityOptions: 'seccomp', Warnings: [null, 'one'], RegistryConfig: { IndexConfigs: [] } },
      ),
    ).toEqual({ ...EMPTY, daemonWarnings: ['one'] });
  });

  it('names an insecure index by its key when it has no Name, once', () => {
    const summary = readDaemonSummary(
      {},
      { RegistryConfig: { IndexConfigs: { 'a:5000': { Secure: false } }, InsecureRegistryCIDRs: ['a:5000'] } },
    );
    expect(summary.insecureRegistries).toEqual(['a:5000']);
  });

  it('never throws on arbitrary JSON, and never reads inherited properties', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (version, info) => {
        const summary = readDaemonSummary(version, info);
        expect(typeof summary.serverVersion).toBe('string');
        expect(Number.isFinite(summary.cpus)).toBe(true);
      }),
    );
    expect(readDaemonSummary({}, { RegistryConfig: { IndexConfigs: { toString: { Secure: false } } } }).insecureRegistries).toEqual([
      'toString',
    ]);
    expect(readDaemonSummary({}, {}).name).toBe('');
  });
});
