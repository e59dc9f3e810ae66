/** A bot command round trip from the button: pause the paper bot, see it paused and audited, resume. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot, trackPageErrors } from './harness.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

interface Audit {
  commands: { commandId: string; botId: string; kind: string; status: string }[];
}

const command = async (page: Page, kind: 'pause' | 'resume'): Promise<void> => {
  await page.locator(`[data-bot-card=paper] [data-command=${kind}]:not([disabled])`).click();
  const dialog = page.locator('[data-testid=confirm-dialog][open]');
  await dialog.waitFor();
  await dialog.locator('[data-action=confirm]').click();
};

describe.skipIf(skipReason !== '')(`bots page${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = trackPageErrors(page);
  });

  afterAll(async () => {
    // Leave the shared server's paper bot running whatever happened.
    await fetch(`${baseUrl}/api/v1/bots/paper/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'resume' }),
    }).catch(() => undefined);
    await browser?.close();
  });

  it('shows the paper bot with its status and strategy state', async () => {
    await page.goto(`${baseUrl}/bots`);
    await page.locator('[data-testid=connection][data-tone=ok]').waitFor({ timeout: 15_000 });
    await page.locator('[data-bot-card=paper][data-state=running]').waitFor({ timeout: 15_000 });
    await page
      .locator('[data-bot-card=paper] [data-testid=strategy-state][data-running=true]')
      .waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-bot-card=paper] [data-field=params] dd').count()).toBeGreaterThan(0);
  });

  it('cancelling the confirmation sends nothing', async () => {
    const before = (await (await fetch(`${baseUrl}/api/v1/bots/commands?botId=paper`)).json()) as Audit;
    await page.locator('[data-bot-card=paper] [data-command=stop]').click();
    const dialog = page.locator('[data-testid=confirm-dialog][open]');
    await dialog.waitFor();
    await dialog.locator('[data-action=cancel]').click();
    await dialog.waitFor({ state: 'detached' });
    const after = (await (await fetch(`${baseUrl}/api/v1/bots/commands?botId=paper`)).json()) as Audit;
    expect(after.commands.length).toBe(before.commands.length);
    expect(await page.locator('[data-bot-card=paper]').getAttribute('data-state')).toBe('running');
  });

  it('pause from the button: status and strategy show paused, the audit has it; then resume', async () => {
    await command(page, 'pause');
    await page.locator('[data-bot-card=paper][data-state=paused]').waitFor({ timeout: 10_000 });
    await page
      .locator('[data-bot-card=paper] [data-testid=strategy-state][data-running=false]')
      .waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-bot-card=paper] [data-testid=command-result]').textContent()).toMatch(
      /pause done/,
    );
    await page
      .locator('[data-testid=command-audit] tbody tr[data-kind=pause][data-status=succeeded]')
      .first()
      .waitFor({ timeout: 10_000 });

    // The audit on screen is the server's.
    const audit = (await (
      await fetch(`${baseUrl}/api/v1/bots/commands?botId=paper&limit=1`)
    ).json()) as Audit;
    expect(audit.commands[0]).toMatchObject({ kind: 'pause', status: 'succeeded', botId: 'paper' });
    expect(
      await page
        .locator(`[data-testid=command-audit] tr[data-command-id="${audit.commands[0]!.commandId}"]`)
        .count(),
    ).toBe(1);
    await saveScreenshot(page, 'bots-paused');

    await command(page, 'resume');
    await page.locator('[data-bot-card=paper][data-state=running]').waitFor({ timeout: 10_000 });
    await page
      .locator('[data-bot-card=paper] [data-testid=strategy-state][data-running=true]')
      .waitFor({ timeout: 10_000 });
    await page
      .locator('[data-testid=command-audit] tbody tr[data-kind=resume][data-status=succeeded]')
      .first()
      .waitFor({ timeout: 10_000 });
    await saveScreenshot(page, 'bots');
  });

  it('threw no uncaught error in the page', () => {
    expect(errors).toEqual([]);
  });
});
