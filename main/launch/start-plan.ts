/**
 * What `npm start` does on this machine: open the desktop app, or — where Electron cannot run —
 * say why in one line and serve the same app in the browser. Pure, so every branch is tested.
 */
export interface StartFacts {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** The effective user id (POSIX), undefined on Windows. */
  uid: number | undefined;
  /** Whether node_modules/electron already holds its binary (path.txt and the file it names). */
  electronBinaryPresent: boolean;
}

export type StartStep = { kind: 'desktop'; fetchElectronFirst: boolean } | { kind: 'browser'; reason: string };

export function planStart(facts: StartFacts): StartStep {
  if (facts.env.BERTH_START === 'browser') return { kind: 'browser', reason: 'BERTH_START=browser asks for the browser shell' };
  if (facts.platform === 'linux') {
    if (!facts.env.DISPLAY && !facts.env.WAYLAND_DISPLAY) {
      return { kind: 'browser', reason: 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)' };
    }
    // Chromium's sandbox, which Berth keeps on for every renderer, refuses to run as root.
    if (facts.uid === 0) return { kind: 'browser', reason: "it runs as root, and Electron's sandbox refuses root" };
  }
  return { kind: 'desktop', fetchElectronFirst: !facts.electronBinaryPresent };
}

/** The one line printed before falling back to the browser shell. */
export function browserFallbackNotice(reason: string): string {
  return `berth: the desktop app cannot start here: ${reason}. Serving the same app in your browser instead.`;
}
