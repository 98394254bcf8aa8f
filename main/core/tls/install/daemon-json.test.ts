import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BerthError } from '../../errors.js';
import { defaultLocalSocket, mergeTlsSettings, normalizeDockerHost, parseDaemonJson, type TlsDaemonSettings } from './daemon-json.js';

const settings: TlsDaemonSettings = {
  caPath: '/etc/docker/tls/ca.pem',
  certPath: '/etc/docker/tls/server-cert.pem',
  keyPath: '/etc/docker/tls/server-key.pem',
  tcpHost: '0.0.0.0',
  port: 2376,
};
const where = '/etc/docker/daemon.json on admin@host:22';

function parseError(text: string): BerthError {
  try {
    parseDaemonJson(text, where);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error(`parsed ${JSON.stringify(text)} without complaint`);
}

describe('parseDaemonJson', () => {
  it('treats a missing or empty file as {} (as dockerd does)', () => {
    expect(parseDaemonJson(undefined, where)).toEqual({});
    expect(parseDaemonJson('', where)).toEqual({});
    expect(parseDaemonJson(' \n\t', where)).toEqual({});
  });

  it('reads an object, ignoring a byte-order mark', () => {
    expect(parseDaemonJson('\uFEFF{"log-driver": "journald"}', where)).toEqual({ 'log-driver': 'journald' });
  });

  it('refuses text that is not JSON, naming the file and the parse error', () => {
    const error = parseError('{"hosts": ["unix:///var/run/docker.sock",]}');
    expect(error.code).toBe('TLS_INSTALL_DAEMON_JSON_INVALID');
    expect(error.message).toContain(where);
    expect(error.message).toMatch(/not valid JSON \(.+\)/);
    expect(error.message).toContain('Berth changed nothing');
  });

  it.each([
    ['[]', 'a list'],
    ['"hosts"', 'a string'],
    ['42', 'a number'],
    ['null', 'null'],
    ['true', 'a boolean'],
  ])('refuses JSON that is not an object: %s', (text, described) => {
    const error = parseError(text);
    expect(error.code).toBe('TLS_INSTALL_DAEMON_JSON_INVALID');
    expect(error.message).toContain(`it holds ${described}, not a JSON object`);
  });

  it('refuses a hosts value that is not a list of strings', () => {
    expect(parseError('{"hosts": "tcp://0.0.0.0:2376"}').message).toContain('"hosts" is a string');
    expect(parseError('{"hosts": [1]}').code).toBe('TLS_INSTALL_DAEMON_JSON_INVALID');
  });
});

describe('mergeTlsSettings', () => {
  it('adds the TLS settings, the local socket and the tcp address to an empty file', () => {
    const { merged, text, changes } = mergeTlsSettings({}, settings);
    expect(merged).toEqual({
      tlsverify: true,
      tlscacert: settings.caPath,
      tlscert: settings.certPath,
      tlskey: settings.keyPath,
      hosts: [defaultLocalSocket, 'tcp://0.0.0.0:2376'],
    });
    expect(text).toBe(`${JSON.stringify(merged, null, 2)}\n`);
    expect(changes).toContain('added tcp://0.0.0.0:2376 to hosts');
  });

  it('keeps every other setting and the existing hosts entries in order', () => {
    const existing = {
      'log-driver': 'journald',
      'storage-driver': 'overlay2',
      hosts: ['unix:///run/custom.sock', 'tcp://10.0.0.5:2375'],
      'registry-mirrors': ['https://mirror.example'],
    };
    const { merged } = mergeTlsSettings(existing, settings);
    expect(merged['log-driver']).toBe('journald');
    expect(merged['storage-driver']).toBe('overlay2');
    expect(merged['registry-mirrors']).toEqual(['https://mirror.example']);
    // A unix socket is already there, so none is added; the other port stays.
    expect(merged['hosts']).toEqual(['unix:///run/custom.sock', 'tcp://10.0.0.5:2375', 'tcp://0.0.0.0:2376']);
    expect(Object.keys(merged).slice(0, 4)).toEqual(['log-driver', 'storage-driver', 'hosts', 'registry-mirrors']);
  });

  it('does not add the tcp address twice, whatever its spelling', () => {
    for (const spelling of ['tcp://0.0.0.0:2376', '0.0.0.0:2376', 'TCP://0.0.0.0:2376/', 'tcp://0.0.0.0']) {
      const { merged } = mergeTlsSettings({ hosts: ['fd://', spelling] }, settings);
      expect(merged['hosts'], spelling).toEqual(['fd://', spelling]);
    }
  });

  it('drops duplicate entries and says so', () => {
    const { merged, changes } = mergeTlsSettings({ hosts: ['unix:///var/run/docker.sock', '/var/run/docker.sock'] }, settings);
    expect(merged['hosts']).toEqual(['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376']);
    expect(changes.some((change) => change.includes('duplicate'))).toBe(true);
  });

  it('replaces an entry that would bind the same port', () => {
    const { merged, changes } = mergeTlsSettings({ hosts: ['unix:///var/run/docker.sock', 'tcp://127.0.0.1:2376'] }, settings);
    expect(merged['hosts']).toEqual(['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376']);
    expect(changes.join('\n')).toContain('would bind the same port');
    // Two specific addresses on one port do not collide.
    const specific = mergeTlsSettings({ hosts: ['tcp://10.0.0.5:2376'] }, { ...settings, tcpHost: '127.0.0.1' });
    expect(specific.merged['hosts']).toEqual(['tcp://10.0.0.5:2376', defaultLocalSocket, 'tcp://127.0.0.1:2376']);
  });

  it('counts fd:// as the local socket', () => {
    expect(mergeTlsSettings({ hosts: ['fd://'] }, settings).merged['hosts']).toEqual(['fd://', 'tcp://0.0.0.0:2376']);
  });

  it('writes IPv6 addresses in brackets', () => {
    const { merged } = mergeTlsSettings({ hosts: ['unix:///var/run/docker.sock'] }, { ...settings, tcpHost: '::' });
    expect(merged['hosts']).toEqual(['unix:///var/run/docker.sock', 'tcp://[::]:2376']);
  });

  it('replaces other TLS paths and an explicit "tls": false, reporting the old values', () => {
    const { merged, changes } = mergeTlsSettings({ tls: false, tlsverify: false, tlscert: '/old/cert.pem' }, settings);
    expect(merged).toMatchObject({ tls: true, tlsverify: true, tlscert: settings.certPath });
    expect(changes).toContain('changed tlscert from "/old/cert.pem" to "/etc/docker/tls/server-cert.pem"');
  });

  it('does not touch the input object', () => {
    const existing = { hosts: ['fd://'] };
    mergeTlsSettings(existing, settings);
    expect(existing).toEqual({ hosts: ['fd://'] });
  });

  it('is idempotent: merging the result again changes nothing', () => {
    const hostEntry = fc.oneof(
      fc.constantFrom(
        'fd://',
        'unix:///var/run/docker.sock',
        '/var/run/docker.sock',
        'tcp://0.0.0.0:2375',
        '127.0.0.1:2376',
        'tcp://0.0.0.0:2376',
      ),
      fc
        .tuple(fc.constantFrom('10.0.0.1', '10.0.0.2', '0.0.0.0', '127.0.0.1'), fc.integer({ min: 2374, max: 2377 }))
        .map(([host, port]) => `tcp://${host}:${port}`),
    );
    fc.assert(
      fc.property(fc.array(hostEntry, { maxLength: 6 }), fc.constantFrom('0.0.0.0', '127.0.0.1', '10.0.0.1'), (hosts, tcpHost) => {
        const once = mergeTlsSettings({ hosts }, { ...settings, tcpHost });
        const twice = mergeTlsSettings(once.merged, { ...settings, tcpHost });
        expect(twice.text).toBe(once.text);
        expect(twice.changes).toEqual([]);
        const result = once.merged['hosts'] as string[];
        const normalized = result.map(normalizeDockerHost);
        expect(new Set(normalized).size).toBe(normalized.length);
        expect(normalized.filter((entry) => entry === `tcp://${tcpHost}:2376`)).toHaveLength(1);
        expect(normalized.some((entry) => /^(unix|fd):\/\//.test(entry))).toBe(true);
      }),
    );
  });
});

describe('normalizeDockerHost', () => {
  it.each([
    ['/var/run/docker.sock', 'unix:///var/run/docker.sock'],
    ['unix:///var/run/docker.sock/', 'unix:///var/run/docker.sock'],
    ['0.0.0.0:2376', 'tcp://0.0.0.0:2376'],
    ['tcp://[::1]:2376', 'tcp://[::1]:2376'],
    ['tcp://host.example', 'tcp://host.example:2376'],
    ['FD://', 'fd://'],
  ])('%s → %s', (entry, normalized) => {
    expect(normalizeDockerHost(entry)).toBe(normalized);
  });
});
