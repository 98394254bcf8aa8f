import { type Session, type WebContents, shell } from 'electron';
import { rendererContentSecurityPolicy } from '../core/app/content-security-policy.js';

/** Sites Berth's UI may open in the user's browser (documentation links). Only https, only these hosts. */
export const EXTERNAL_HOSTS_ALLOWED = ['docs.docker.com', 'github.com'] as const;

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    (EXTERNAL_HOSTS_ALLOWED as readonly string[]).includes(parsed.hostname)
  );
}

/** Denies every permission (camera, notifications, …), and sends the CSP as a header as well as the meta tag. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const policy = rendererContentSecurityPolicy();
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}

/**
 * For every web contents Berth creates: no navigation away from the renderer, no new windows
 * (allowed https links open in the user's browser instead), no <webview>.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
