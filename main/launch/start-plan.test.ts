import { describe, expect, it } from 'vitest';
import { browserFallbackNotice, planStart } from './start-plan.js';

const desktopLinux = { platform: 'linux' as const, env: { DISPLAY: ':0' }, uid: 1000, electronBinaryPresent: true };

describe('npm start', () => {
  it('opens the desktop app where a display and the Electron binary are there', () => {
    expect(planStart(desktopLinux)).toEqual({ kind: 'desktop', fetchElectronFirst: false });
  });

  it('fetches the Electron binary first when it was never downloaded (Electron 42+ has no postinstall)', () => {
    expect(planStart({ ...desktopLinux, electronBinaryPresent: false })).toEqual({ kind: 'desktop', fetchElectronFirst: true });
    expect(planStart({ platform: 'darwin', env: {}, uid: 501, electronBinaryPresent: false })).toEqual({
      kind: 'desktop',
      fetchElectronFirst: true,
    });
  });

  it('serves the browser shell on a Linux machine without a display, and says why', () => {
    const step = planStart({ ...desktopLinux, env: {} });
    expect(step).toEqual({ kind: 'browser', reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' });
    expect(browserFallbackNotice(step.kind === 'browser' ? step.reason : '')).toBe(
      'berth: the desktop app cannot start here: there is no display (DISPLAY and WAYLAND_DISPLAY are unset). Serving the same app in your browser instead.',
    );
  });

  it('accepts a Wayland session as a display', () => {
    expect(planStart({ ...desktopLinux, env: { WAYLAND_DISPLAY: 'wayland-0' } }).kind).toBe('desktop');
  });

  it('serves the browser shell as root on Linux, where the renderer sandbox cannot run', () => {
    expect(planStart({ ...desktopLinux, uid: 0 })).toEqual({
      kind: 'browser',
      reason: "it runs as root, and Electron's sandbox refuses root",
    });
  });

  it('serves the browser shell when asked to', () => {
    expect(planStart({ ...desktopLinux, env: { DISPLAY: ':0', BERTH_START: 'browser' } }).kind).toBe('browser');
  });
});
