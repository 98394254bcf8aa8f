import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { rendererContentSecurityPolicy } from '../core/app/content-security-policy.js';

const electron = vi.hoisted(() => ({ shell: { openExternal: vi.fn(async () => undefined) } }));
vi.mock('electron', () => ({ shell: electron.shell }));

const { hardenSession, hardenWebContents, isAllowedExternalUrl } = await import('./security.js');

describe('external links', () => {
  it('allows only https links to the allowlisted hosts', () => {
    expect(isAllowedExternalUrl('https://docs.docker.com/engine/security/protect-access/')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/moby/moby/issues/1')).toBe(true);
    for (const url of [
      'http://docs.docker.com/',
      'https://docs.docker.com.evil.example/',
      'https://user:pw@github.com/',
      'https://github.com:444/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://github.com/share',
      'not a url',
    ]) {
      expect(isAllowedExternalUrl(url)).toBe(false);
    }
  });
});

describe('hardenWebContents', () => {
  it('blocks navigation (of the page and of any frame in it), redirects and webviews, and opens no windows', () => {
    const contents = Object.assign(new EventEmitter(), { setWindowOpenHandler: vi.fn() });
    hardenWebContents(contents as unknown as WebContents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    // will-frame-navigate passes one details object (an Event) for the main frame and subframes alike.
    for (const isMainFrame of [false, true]) {
      const details = { preventDefault: vi.fn(), url: 'https://evil.example/', isMainFrame, frame: null, initiator: null };
      contents.emit('will-frame-navigate', details);
      expect(details.preventDefault, `will-frame-navigate, main frame ${isMainFrame}`).toHaveBeenCalled();
    }
    const handler = contents.setWindowOpenHandler.mock.calls[0]![0] as (details: { url: string }) => { action: string };
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(handler({ url: 'https://docs.docker.com/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://docs.docker.com/');
  });
});

describe('hardenSession', () => {
  it('denies every permission and adds the CSP header', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    };
    hardenSession(session as unknown as Session);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as (c: unknown, p: string, cb: (ok: boolean) => void) => void;
    const callback = vi.fn();
    request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect((session.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean)()).toBe(false);
    const onHeaders = session.webRequest.onHeadersReceived.mock.calls[0]![0] as (
      details: { responseHeaders: Record<string, string[]> },
      cb: (result: { responseHeaders: Record<string, string[]> }) => void,
    ) => void;
    const done = vi.fn();
    onHeaders({ responseHeaders: { 'Content-Type': ['text/html'] } }, done);
    const headers = done.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(headers['Content-Security-Policy']?.[0]).toMatch(
      /^default-src 'self'; script-src 'self';.*object-src 'none'.*frame-ancestors 'none'/,
    );
    // The literal (there for scanners) is exactly the one policy Berth defines.
    expect(headers['Content-Security-Policy']).toEqual([rendererContentSecurityPolicy()]);
  });
});
