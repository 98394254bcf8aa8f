import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LabManifest } from '../lab/manifest.js';
import { type BerthApp, startBerthApp } from '../support/berth-app.js';
import { type TestBrowser, launchChromium, screenshotPath } from '../support/browser.js';
import { requireLab } from '../support/lab-hosts.js';

/** Everything a request to the other local server carried. */
interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/** Another web server on 127.0.0.1 (another port: the same site for cookies), recording every request. */
async function startOtherServer(): Promise<{ origin: string; seen: SeenRequest[]; close(): Promise<void> }> {
  const seen: SeenRequest[] = [];
  const server = http.createServer((request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    if (request.url?.startsWith('/pixel')) {
      response.writeHead(204);
      return void response.end();
    }
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Another local server</title><p>Another server on 127.0.0.1</p><img src="/pixel.png" alt="">');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let lab: LabManifest;
let app: BerthApp;
let chromium: TestBrowser;
let other: Awaited<ReturnType<typeof startOtherServer>>;

beforeAll(async () => {
  lab = requireLab();
  app = await startBerthApp();
  chromium = await launchChromium();
  other = await startOtherServer();
});

afterAll(async () => {
  await chromium?.close();
  await other?.close();
  await app?.close();
});

const berthOrigin = () => `http://127.0.0.1:${app.server.port}`;

async function expectHostReady(page: Page, name: string): Promise<void> {
  const board = page.getByRole('region', { name: `Dashboard of ${name}` });
  await board.getByText(lab.daemons.tcp.driver, { exact: true }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

describe('the browser shell token, in Chromium', () => {
  let context: BrowserContext;
  let page: Page;

  it('leaves the address bar, stays in sessionStorage across a reload, and never reaches another server on 127.0.0.1', async () => {
    context = await chromium.newContext();
    page = await context.newPage();
    await page.goto(app.url);
    expect(app.url).toContain(`#token=${app.server.token}`);

    // Use Berth: add the lab's tcp daemon over the WebSocket the token opened.
    await page.getByRole('button', { name: 'Add host' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add host' });
    await dialog.getByLabel('Docker endpoint URL').fill(lab.daemons.tcp.endpoint);
    await dialog.getByRole('button', { name: 'Fill from URL' }).click();
    // Parsed in main: the button is enabled again once the form holds the result.
    await expect.poll(() => dialog.getByRole('button', { name: 'Fill from URL' }).isEnabled(), { timeout: 15_000 }).toBe(true);
    await dialog.getByLabel(/^Name\b/).fill('token tcp');
    await dialog.getByRole('button', { name: 'Add host' }).click();
    await expectHostReady(page, 'token tcp');

    // The address bar (and the history entry) no longer hold the token; sessionStorage of this origin does.
    expect(page.url()).toBe(`${berthOrigin()}/`);
    expect(await page.evaluate(() => sessionStorage.getItem('berth.shell-token'))).toBe(app.server.token);
    expect(await context.cookies()).toEqual([]);

    // A reload works without the token in the URL.
    await page.reload();
    await expectHostReady(page, 'token tcp');
    expect(page.url()).toBe(`${berthOrigin()}/`);
    await page.screenshot({ path: screenshotPath('shell-token-after-reload') });

    // Follow a link from Berth to the other server, load it directly, fetch from it.
    // Page scripts as text: this file is compiled without the DOM library.
    await page.evaluate(
      `(() => { const link = document.createElement('a'); link.href = ${JSON.stringify(`${other.origin}/from-berth?x=1`)}; link.textContent = 'elsewhere'; document.body.append(link); link.click(); })()`,
    );
    await page.waitForURL(`${other.origin}/from-berth?x=1`);
    expect(await page.evaluate(`[document.cookie, sessionStorage.getItem('berth.shell-token')]`)).toEqual(['', null]);
    await page.evaluate(() => fetch('/fetched', { credentials: 'include' }).then((response) => response.text()));
    const second = await context.newPage();
    await second.goto(`${other.origin}/direct`);
    await second.close();

    // Back to Berth in the same tab: the token is still in this origin's sessionStorage.
    await page.goBack();
    await expectHostReady(page, 'token tcp');
    expect(page.url()).toBe(`${berthOrigin()}/`);

    const paths = other.seen.map((request) => request.url);
    expect(paths).toEqual(expect.arrayContaining(['/from-berth?x=1', '/fetched', '/direct', '/pixel.png']));
    for (const request of other.seen) {
      expect(JSON.stringify(request)).not.toContain(app.server.token);
      expect(request.headers.cookie).toBeUndefined();
      expect(request.headers.referer ?? '').not.toContain(`127.0.0.1:${app.server.port}`);
    }
  });

  it('a browser that opens Berth without the token gets no WebSocket, and is told how to get in', async () => {
    const stranger = await (await chromium.newContext()).newPage();
    await stranger.goto(`${berthOrigin()}/`);
    // The page itself is public build output; the contract needs the token, and the page says where it is.
    await stranger.getByText('This page has no access token').first().waitFor({ state: 'visible', timeout: 15_000 });
    // Its own code and a plain headline, not INVALID_ARGUMENT; no "Try again" (only the printed URL helps).
    const notice = stranger.getByRole('alert').filter({ hasText: 'This page has no access token' });
    expect(await notice.locator('.notice-title').innerText()).toMatch(/^Open Berth from the link it printed\s+SHELL_TOKEN_MISSING$/);
    expect(await notice.innerText()).toContain('“npm run serve” or “berth serve”');
    expect(await stranger.getByRole('button', { name: 'Try again' }).count()).toBe(0);
    await stranger.screenshot({ path: screenshotPath('shell-token-missing') });
    expect(await stranger.getByRole('region', { name: 'Dashboard of token tcp' }).count()).toBe(0);
    await stranger.context().close();
  });
});
