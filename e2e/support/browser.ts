import path from 'node:path';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium: Playwright's own browser download is not available on these machines. */
export const chromiumPath = process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  newContext(options?: { colorScheme?: 'light' | 'dark' }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with no background traffic (this network is closed). Playwright gives every
 * launch a fresh, empty profile of its own.
 */
export async function launchChromium(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    browser,
    newContext: (options) => browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: options?.colorScheme ?? 'light' }),
    close: () => browser.close(),
  };
}

/** Where e2e screenshots go: test-results/screenshots, kept as CI artifacts, never in git. */
export function screenshotPath(name: string): string {
  return path.join('test-results', 'screenshots', `${name}.png`);
}
