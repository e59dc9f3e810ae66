/**
 * Sign-in, roles and sign-out in a real browser, against a second server started here with
 * authentication on (a viewer and a trader made at test time): the sign-in form and its errors, live
 * prices over an authenticated WebSocket, what a viewer does not see (and cannot use), a trader's
 * bot command round trip, sign-out stopping the live connection, a refused stored session, and too
 * many attempts. With authentication off (the shared server) neither the form nor sign-out appears.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page, WebSocket } from 'playwright-core';
import { apiToken, startAuthServer, submitLogin, testUser } from './auth-server.js';
import { launchBrowser, openPageReady, saveScreenshot, symbolPath, trackPageErrors } from './harness.js';
import type { ServerHandle } from './harness.js';

const sharedUrl = inject('baseUrl');
const skipReason = inject('skipReason');

const viewer = testUser('vera', 'viewer');
const trader = testUser('ada', 'trader');
const RULE_ID = `e2e-auth-spread-${Date.now()}`;

interface Audit {
  commands: { commandId: string; kind: string; status: string; issuedBy?: string }[];
}

/** Every WebSocket the page opens, with the frames it sent and received. */
const trackSockets = (page: Page): { socket: WebSocket; sent: string[]; received: string[] }[] => {
  const sockets: { socket: WebSocket; sent: string[]; received: string[] }[] = [];
  page.on('websocket', (socket) => {
    const entry = { socket, sent: [] as string[], received: [] as string[] };
    socket.on('framesent', (f) => entry.sent.push(String(f.payload)));
    socket.on('framereceived', (f) => entry.received.push(String(f.payload)));
    sockets.push(entry);
  });
  return sockets;
};

/** The protocol messages in JSON frames (a frame holds one message or an array of them). */
const messages = (frames: readonly string[]): { op: string; role?: string }[] =>
  frames.flatMap((f) => {
    const v = JSON.parse(f) as { op: string } | { op: string }[];
    return Array.isArray(v) ? v : [v];
  });

describe.skipIf(skipReason !== '')(
  `sign-in and roles${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let server: ServerHandle;
    let baseUrl: string;
    let browser: Browser;
    let page: Page;
    let errors: string[];
    let sockets: ReturnType<typeof trackSockets>;
    let traderToken: string;
    const authHeaders: (string | undefined)[] = [];

    const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(`${baseUrl}${path}`, {
        ...init,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${traderToken}` },
      });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const auditLength = async (): Promise<number> =>
      (await api<Audit>('/api/v1/bots/commands?botId=paper&limit=500')).commands.length;

    beforeAll(async () => {
      server = await startAuthServer([viewer, trader], {
        channelRoles: { trades: 'trader' },
        rateLimit: { loginMax: 40 },
      });
      baseUrl = server.baseUrl;
      traderToken = await apiToken(baseUrl, trader);
      // A rule that fires at once (see alerts.e2e.test.ts), so that there is an alert to acknowledge.
      await api('/api/v1/alerts/rules', {
        method: 'POST',
        body: JSON.stringify({
          id: RULE_ID,
          kind: 'spread',
          name: 'BTC spread (auth e2e)',
          symbol: 'BTC/USDT',
          bps: 0.01,
          severity: 'warning',
          enabled: true,
        }),
      });
      browser = await launchBrowser();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      errors = trackPageErrors(page);
      sockets = trackSockets(page);
      page.on('request', (r) => {
        if (new URL(r.url()).pathname.startsWith('/api/v1/symbols'))
          authHeaders.push(r.headers().authorization);
      });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    it('opening the dashboard shows the sign-in form, focused, and nothing else', async () => {
      await page.goto(`${baseUrl}/markets`);
      const form = page.locator('[data-testid=login-form]');
      await form.waitFor({ timeout: 15_000 });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-username');
      expect(await page.locator('[data-page]').count()).toBe(0);
      // Were the script bypassed, credentials would go in a body, never in a URL.
      expect(await form.getAttribute('method')).toBe('post');
      expect(await page.title()).toBe('Sign in · tickdeck');
      // The live connection waits for a token.
      expect(sockets).toEqual([]);
      await saveScreenshot(page, 'login');
    });

    it('a wrong password says so, in the live region, and goes back to the password', async () => {
      await submitLogin(page, viewer.username, 'not-the-password');
      const error = page.locator('[data-testid=login-error][role=alert]');
      await error.filter({ hasText: 'Wrong user name or password.' }).waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-password');
      expect(await page.locator('#login-password').inputValue()).toBe('');
      expect(await page.locator('#login-password').getAttribute('aria-invalid')).toBe('true');
      await saveScreenshot(page, 'login-error');
    });

    it('the right password signs in: live prices over an authenticated WebSocket, REST with the bearer', async () => {
      await submitLogin(page, viewer.username, viewer.password);
      await page
        .locator('.market-row [data-field=last]:not(:text("—"))')
        .first()
        .waitFor({ timeout: 15_000 });
      await page.locator('[data-testid=connection][data-tone=ok]').waitFor({ timeout: 15_000 });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
      expect(await page.locator('[data-testid=user-name]').textContent()).toBe('vera');
      expect(await page.locator('[data-testid=user-role]').textContent()).toBe('viewer');
      const ws = sockets.at(-1)!;
      expect(messages(ws.sent).some((m) => m.op === 'auth')).toBe(true);
      expect(messages(ws.received)).toContainEqual(
        expect.objectContaining({ op: 'authenticated', role: 'viewer' }),
      );
      expect(authHeaders.length).toBeGreaterThan(0);
      expect(authHeaders.every((h) => h?.startsWith('Bearer '))).toBe(true);
    });

    it('a viewer sees no bot command buttons; a click that reaches one anyway sends nothing', async () => {
      await openPageReady(page, baseUrl, 'bots', '');
      await page.locator('[data-bot-card=paper]').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-bot-card=paper] [data-command]').count()).toBe(4);
      for (const button of await page.locator('[data-command]').all())
        expect(await button.isVisible()).toBe(false);
      expect(await page.locator('[data-testid=role-note]').isVisible()).toBe(true);

      const before = await auditLength();
      await page.evaluate(() =>
        document.querySelector<HTMLButtonElement>('[data-bot-card=paper] [data-command=pause]')!.click(),
      );
      expect(await page.locator('[data-testid=confirm-dialog]').count()).toBe(0);
      expect(await auditLength()).toBe(before);
    });

    it('a viewer sees no acknowledge button, no rule editor, no edit or delete, no test notification', async () => {
      await openPageReady(page, baseUrl, 'alerts', '');
      await page
        .locator(`[data-testid=alert-list] [data-rule="${RULE_ID}"][data-state=firing]`)
        .waitFor({ timeout: 15_000 });
      await page.locator(`[data-testid=rules-table] tr[data-rule-id="${RULE_ID}"]`).waitFor();
      expect(await page.locator('[data-action=ack]').count()).toBeGreaterThan(0);
      for (const selector of [
        '[data-action=ack]',
        '[data-testid=rule-editor]',
        '[data-testid=rules-table] [data-action=edit]',
        '[data-testid=rules-table] [data-action=delete]',
        '[data-action=test-notification]',
      ]) {
        for (const control of await page.locator(selector).all())
          expect(await control.isVisible(), selector).toBe(false);
      }
      expect(await page.locator('[data-testid=role-note]').isVisible()).toBe(true);
      await saveScreenshot(page, 'alerts-viewer');
    });

    it('a channel the role may not read shows as not permitted instead of loading', async () => {
      await page.goto(`${baseUrl}${symbolPath('BTC/USDT')}`);
      await page
        .locator('[data-testid=tape-note][data-problem=true]')
        .filter({ hasText: /Not permitted/ })
        .waitFor({ timeout: 15_000 });
    });

    it('signing out returns to the sign-in form, forgets the token and stops the live connection', async () => {
      const ws = sockets.at(-1)!;
      expect(ws.socket.isClosed()).toBe(false);
      await page.locator('[data-action=logout]').click();
      await page.locator('[data-testid=login-notice]').filter({ hasText: 'You have signed out.' }).waitFor();
      if (!ws.socket.isClosed()) await ws.socket.waitForEvent('close');
      expect(await page.locator('[data-page]').count()).toBe(0);
      expect(await page.evaluate(() => sessionStorage.getItem('tickdeck.session'))).toBeNull();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('login-username');
      // Closed on purpose: nothing on screen is marked stale (no offline banner on the next sign-in).
      expect(await page.evaluate(() => document.body.classList.contains('is-stale'))).toBe(false);
    });

    it('a trader, signing in after the viewer, sees the controls; a bot command works from the button', async () => {
      await submitLogin(page, trader.username, trader.password);
      await page
        .locator('[data-testid=user-role]')
        .filter({ hasText: 'trader' })
        .waitFor({ timeout: 15_000 });
      await openPageReady(page, baseUrl, 'bots', '');
      expect(await page.locator('[data-testid=role-note]').isVisible()).toBe(false);
      const pause = page.locator('[data-bot-card=paper] [data-command=pause]:not([disabled])');
      await pause.waitFor({ timeout: 15_000 });
      await pause.click();
      await page.locator('[data-testid=confirm-dialog][open] [data-action=confirm]').click();
      await page.locator('[data-bot-card=paper][data-state=paused]').waitFor({ timeout: 10_000 });
      await saveScreenshot(page, 'bots-trader');
      const audit = await api<Audit>('/api/v1/bots/commands?botId=paper&limit=1');
      expect(audit.commands[0]).toMatchObject({
        kind: 'pause',
        status: 'succeeded',
        issuedBy: trader.username,
      });

      await page.locator('[data-bot-card=paper] [data-command=resume]:not([disabled])').click();
      await page.locator('[data-testid=confirm-dialog][open] [data-action=confirm]').click();
      await page.locator('[data-bot-card=paper][data-state=running]').waitFor({ timeout: 10_000 });

      await openPageReady(page, baseUrl, 'alerts', '');
      await page.locator('[data-testid=rule-editor]').waitFor({ state: 'visible' });
      await page.locator('[data-action=test-notification]').waitFor({ state: 'visible' });
      await page
        .locator(`[data-testid=rules-table] tr[data-rule-id="${RULE_ID}"] [data-action=delete]`)
        .waitFor({ state: 'visible' });
      const ack = page.locator(`[data-testid=alert-list] [data-rule="${RULE_ID}"] [data-action=ack]`).first();
      await ack.click();
      await page
        .locator(`[data-testid=alert-list] [data-rule="${RULE_ID}"][data-acknowledged=true]`)
        .first()
        .waitFor({ timeout: 10_000 });
    });

    it('a stored session the server refuses leads back to the sign-in form with a message', async () => {
      await page.evaluate(() => {
        const stored = JSON.parse(sessionStorage.getItem('tickdeck.session')!) as { token: string };
        // Same shape, another signature: the server refuses it.
        stored.token = `${stored.token.slice(0, stored.token.lastIndexOf('.'))}.forged`;
        sessionStorage.setItem('tickdeck.session', JSON.stringify(stored));
      });
      await page.reload();
      await page
        .locator('[data-testid=login-notice]')
        .filter({ hasText: 'Your session has expired. Sign in again to go on.' })
        .waitFor({ timeout: 15_000 });
      expect(await page.evaluate(() => sessionStorage.getItem('tickdeck.session'))).toBeNull();
    });

    it('at 375 px, in the light theme: the sign-in form, then the header with the user', async () => {
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
      });
      await context.addInitScript(() => localStorage.setItem('tickdeck.theme', 'light'));
      const small = await context.newPage();
      await small.goto(`${baseUrl}/markets`);
      await small.locator('[data-testid=login-form]').waitFor({ timeout: 15_000 });
      expect(await small.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
      // Nothing wider than the screen.
      expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await saveScreenshot(small, 'login-375px-light');
      await submitLogin(small, viewer.username, viewer.password);
      await small.locator('[data-testid=user-menu]').waitFor({ state: 'visible', timeout: 15_000 });
      await small.locator('[data-testid=connection][data-tone=ok]').waitFor({ timeout: 15_000 });
      await small.locator('.market-row').first().waitFor({ timeout: 15_000 });
      expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await saveScreenshot(small, 'markets-signed-in-375px-light');
      await context.close();
    });

    it('too many attempts: says how long to wait', async () => {
      for (let i = 0; i < 60; i += 1) {
        const r = await fetch(`${baseUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }),
        });
        if (r.status === 429) break;
      }
      await submitLogin(page, trader.username, trader.password);
      await page
        .locator('[data-testid=login-error]')
        .filter({ hasText: /^Too many sign-in attempts\. Wait \d+ (seconds?|minutes?), then try again\.$/ })
        .waitFor({ timeout: 10_000 });
    });

    it('threw no uncaught error in the page', () => {
      expect(errors).toEqual([]);
    });
  },
);

describe.skipIf(skipReason !== '')(
  `authentication off${skipReason ? ` (skipped: ${skipReason})` : ''}`,
  () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchBrowser();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('shows no sign-in form and no sign-out; every control is there', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await openPageReady(page, sharedUrl, 'bots', '');
      await page
        .locator('[data-bot-card=paper] [data-command=stop]')
        .waitFor({ state: 'visible', timeout: 15_000 });
      expect(await page.locator('[data-testid=login-form]').count()).toBe(0);
      expect(await page.locator('[data-action=logout]').isVisible()).toBe(false);
      expect(await page.locator('[data-testid=user-menu]').isVisible()).toBe(false);
      expect(await page.locator('[data-testid=role-note]').isVisible()).toBe(false);
      expect(await page.evaluate(() => document.documentElement.dataset.role)).toBe('admin');
      await page.close();
    });
  },
);
