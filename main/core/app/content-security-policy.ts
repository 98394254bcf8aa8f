/**
 * The renderer's Content-Security-Policy as a response header: the same policy as the meta tag
 * in renderer/index.html, plus what only a header can carry (frame-ancestors, form-action).
 * `connect` adds sources for connect-src, e.g. the browser shell's ws://127.0.0.1:PORT.
 */
export function rendererContentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    ["connect-src 'self'", ...connect].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
