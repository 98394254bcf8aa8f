import { describe, expect, it } from 'vitest';
import { type AlertSettings, defaultAlertSettings } from '../../../shared/alerts-contract.js';
import type { HostCertificates } from '../../../shared/certificate-health.js';
import type { HostSnapshot, HostStatus } from '../../../shared/snapshot.js';
import type { DockerEvent } from '../events-stream.js';
import { AlertEngine } from './alert-engine.js';
import { FakeAlertClock } from '../../../test-support/fake-alert-clock.js';
import type { NewAlert } from './new-alert.js';

function setup(settings: AlertSettings = defaultAlertSettings) {
  const clock = new FakeAlertClock();
  const raised: NewAlert[] = [];
  const keys = new Set<string>();
  let current = settings;
  const engine = new AlertEngine({
    settings: () => current,
    clock,
    raise: (alert) => {
      raised.push(alert);
      keys.add(alert.key);
    },
    seen: (key, openOnly) => keys.has(key) || (openOnly && [...keys].some((each) => each.startsWith(`${key}|`))),
  });
  return { clock, raised, engine, kinds: () => raised.map((alert) => alert.kind), change: (next: AlertSettings) => (current = next) };
}

const ready: HostStatus = { state: 'ready', since: 0 };
const reconnecting = (attempt: number): HostStatus => ({
  state: 'reconnecting',
  attempt,
  nextAttemptAt: 0,
  lastError: { code: 'CONNECTION_REFUSED', message: 'refused' },
});
const containerEvent = (clock: FakeAlertClock, action: string, attributes: Record<string, string> = {}, id = 'c0ffee'): DockerEvent => ({
  type: 'container',
  action,
  id,
  attributes: { name: 'api', image: 'busybox', ...attributes },
  timeNano: clock.now() * 1e6,
});

describe('the host-down rule', () => {
  it('raises one "down" after the grace period and one "recovered", however often the session retries', () => {
    const { clock, engine, raised, kinds } = setup();
    engine.hostStatus('h1', ready);
    for (let attempt = 1; attempt <= 20; attempt += 1) {
      engine.hostStatus('h1', reconnecting(attempt));
      engine.hostStatus('h1', { state: 'connecting' });
      clock.advance(5_000);
    }
    engine.hostStatus('h1', ready);
    engine.hostStatus('h1', ready);
    expect(kinds()).toEqual(['host-down', 'host-recovered']);
    expect(raised[0]).toMatchObject({ hostId: 'h1', severity: 'critical', at: Date.parse('2026-06-01T12:00:30Z') });
    expect(raised[0]!.message).toContain('CONNECTION_REFUSED');
    expect(raised[1]!.message).toContain('100 s');
  });

  it('raises nothing for outages shorter than the grace period, and one pair per longer outage of a flapping host', () => {
    const { clock, engine, kinds } = setup();
    engine.hostStatus('h1', ready);
    for (let flap = 0; flap < 10; flap += 1) {
      engine.hostStatus('h1', reconnecting(1));
      clock.advance(29_000);
      engine.hostStatus('h1', ready);
      clock.advance(1_000);
    }
    expect(kinds()).toEqual([]);
    engine.hostStatus('h1', reconnecting(1));
    clock.advance(31_000);
    engine.hostStatus('h1', ready);
    engine.hostStatus('h1', reconnecting(1));
    clock.advance(45_000);
    engine.hostStatus('h1', ready);
    expect(kinds()).toEqual(['host-down', 'host-recovered', 'host-down', 'host-recovered']);
  });

  it('follows a per-host grace override, stays silent for a muted host and for a host stopped by the operator', () => {
    const { clock, engine, kinds } = setup({
      ...defaultAlertSettings,
      hosts: { slow: { rules: { hostDown: { graceSeconds: 120 } } }, quiet: { muted: true } },
    });
    for (const host of ['slow', 'quiet', 'stopped']) engine.hostStatus(host, reconnecting(1));
    engine.hostStatus('stopped', { state: 'idle' });
    clock.advance(119_000);
    expect(kinds()).toEqual([]);
    clock.advance(1_000);
    expect(kinds()).toEqual(['host-down']);
  });
});

describe('the container rules', () => {
  it('raises "died (137)" naming the container for a non-zero exit, nothing for exit 0', () => {
    const { clock, engine, raised } = setup();
    engine.dockerEvent('h1', containerEvent(clock, 'die', { exitCode: '0' }, 'clean'));
    engine.dockerEvent('h1', containerEvent(clock, 'die', { exitCode: '137' }));
    expect(raised).toEqual([
      expect.objectContaining({ kind: 'container-died', title: 'api died (137)', container: { id: 'c0ffee', name: 'api', exitCode: 137 } }),
    ]);
  });

  it('raises one OOM alert and no "died (137)" for the kill that follows it', () => {
    const { clock, engine, kinds } = setup();
    engine.dockerEvent('h1', containerEvent(clock, 'oom'));
    clock.advance(20);
    engine.dockerEvent('h1', containerEvent(clock, 'die', { exitCode: '137' }));
    expect(kinds()).toEqual(['container-oom']);
  });

  it('turns a restart loop into one alert, not one per restart', () => {
    const { clock, engine, kinds } = setup();
    for (let restart = 0; restart < 30; restart += 1) {
      engine.dockerEvent('h1', containerEvent(clock, 'start'));
      clock.advance(10_000);
      engine.dockerEvent('h1', containerEvent(clock, 'die', { exitCode: '1' }));
      clock.advance(1_000);
    }
    expect(kinds()).toEqual(['container-died', 'restart-loop']);
    // Up for longer than the window: a new loop is a new alert.
    clock.advance(11 * 60_000);
    for (let restart = 0; restart < 5; restart += 1) {
      engine.dockerEvent('h1', containerEvent(clock, 'start'));
      clock.advance(1_000);
    }
    expect(kinds()).toEqual(['container-died', 'restart-loop', 'restart-loop']);
  });

  it('raises "unhealthy" on the change to unhealthy only', () => {
    const { clock, engine, kinds } = setup();
    engine.dockerEvent('h1', containerEvent(clock, 'health_status: healthy'));
    engine.dockerEvent('h1', containerEvent(clock, 'health_status: unhealthy'));
    clock.advance(1);
    engine.dockerEvent('h1', containerEvent(clock, 'health_status: unhealthy'));
    engine.dockerEvent('h1', containerEvent(clock, 'health_status: healthy'));
    clock.advance(1);
    engine.dockerEvent('h1', containerEvent(clock, 'health_status: unhealthy'));
    expect(kinds()).toEqual(['container-unhealthy', 'container-unhealthy']);
  });

  it('respects each rule switch', () => {
    const { clock, engine, kinds } = setup({
      ...defaultAlertSettings,
      rules: { ...defaultAlertSettings.rules, containerDied: { enabled: false }, oomKilled: { enabled: false } },
    });
    engine.dockerEvent('h1', containerEvent(clock, 'oom'));
    engine.dockerEvent('h1', containerEvent(clock, 'die', { exitCode: '2' }, 'other'));
    expect(kinds()).toEqual([]);
  });
});

describe('the condition rules', () => {
  const certificates = (daysLeft: number): HostCertificates => ({
    checkedAt: 0,
    worst: 'warning',
    entries: [{ role: 'server', subject: 'CN=docker', notAfter: '2026-06-10T00:00:00.000Z', daysLeft, level: 'warning', problems: [] }],
  });

  it('raises a certificate expiring within N days once per certificate', () => {
    const { engine, raised } = setup();
    engine.certificates('h1', certificates(30));
    engine.certificates('h1', certificates(9));
    engine.certificates('h1', certificates(9));
    engine.certificates('h1', certificates(5));
    expect(raised).toEqual([
      expect.objectContaining({ kind: 'certificate-expiring', severity: 'warning', title: 'Server certificate expires in 9 days' }),
    ]);
  });

  it('raises thin-pool usage at 80 % then at 90 %, once each until it falls below 80 %', () => {
    const { engine, raised } = setup();
    const pool = (fraction: number) =>
      ({
        storage: {
          driver: 'devicemapper',
          status: [],
          warnings: [],
          reading: { driver: 'devicemapper', pool: { loopLvm: false, poolName: 'docker-pool', dataUsedFraction: fraction } },
        },
      }) as unknown as HostSnapshot;
    for (const fraction of [0.5, 0.81, 0.85, 0.91, 0.95, 0.85, 0.7, 0.92]) engine.snapshot('h1', pool(fraction));
    expect(raised.map((alert) => [alert.severity, alert.title])).toEqual([
      ['warning', 'thin pool docker-pool 81 % full'],
      ['critical', 'thin pool docker-pool 91 % full'],
    ]);
  });
});
