import { type Session, type WebContents, shell } from 'electron';

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

/**
 * Denies every permission (camera, notifications, …), and sends the CSP as a header as well as
 * the meta tag. The policy is written out as a literal so electronegativity can evaluate it;
 * security.test.ts proves it equals rendererContentSecurityPolicy(), the one source.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
        ],
      },
    });
  });
}

/**
 * For every web contents Berth creates: no navigation away from the renderer, neither of the
 * page (will-navigate) nor of any frame in it (will-frame-navigate, which will-navigate does not
 * cover for subframes), no new windows (allowed https links open in the user's browser instead),
 * no <webview>.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (details) => details.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
