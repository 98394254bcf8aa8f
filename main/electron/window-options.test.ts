import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options.js';

describe('mainWindowOptions', () => {
  it('turns on every renderer hardening flag and points at the CommonJS preload', () => {
    const { webPreferences, show } = mainWindowOptions('/app/out');
    expect(show).toBe(false);
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(webPreferences?.preload).toBe('/app/out/preload/preload.cjs');
    expect(webPreferences).not.toHaveProperty('nodeIntegrationInSubFrames', true);
    expect(webPreferences).not.toHaveProperty('experimentalFeatures', true);
  });
});
