/**
 * A rule made in the editor fires, its alert shows in the list and is acknowledged; a refused rule
 * shows the server's reason next to the field; the rule is deleted from the list.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot, trackPageErrors } from './harness.js';

const baseUrl = inject('baseUrl');
const skipReason = inject('skipReason');

// A spread rule at 0.01 bps holds as soon as the next quote arrives (the simulator's spread is wider),
// so it fires at once. (A price_cross rule fires only on a real cross, not when created past its level.)
const RULE_ID = `e2e-spread-${Date.now()}`;

const fill = async (page: Page, values: Record<string, string>): Promise<void> => {
  const form = page.locator('[data-testid=rule-editor]');
  for (const [name, value] of Object.entries(values)) {
    const input = form.locator(`[name="${name}"]`);
    if ((await input.evaluate((e) => e.tagName)) === 'SELECT') await input.selectOption(value);
    else await input.fill(value);
  }
};

describe.skipIf(skipReason !== '')(`alerts page${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = trackPageErrors(page);
  });

  afterAll(async () => {
    await fetch(`${baseUrl}/api/v1/alerts/rules/${RULE_ID}`, { method: 'DELETE' }).catch(() => undefined);
    await browser?.close();
  });

  it("shows the server's validation error next to the field", async () => {
    await page.goto(`${baseUrl}/alerts`);
    await page.locator('[data-page=alerts][data-ready=true]').waitFor({ timeout: 15_000 });
    await fill(page, {
      kind: 'spread',
      id: RULE_ID,
      title: 'BTC spread (e2e)',
      symbol: 'BTC/USDT',
      bps: '-1',
    });
    await page.locator('[data-testid=rule-editor] button[type=submit]').click();
    const error = page.locator('[data-testid=rule-editor] [data-error-for=bps]');
    await error.filter({ hasText: /\S/ }).waitFor({ timeout: 5_000 });
    expect(await error.textContent()).toMatch(/> 0|positive|greater/i);
    expect(await page.locator('[data-testid=rule-editor] [name=bps]').getAttribute('aria-invalid')).toBe(
      'true',
    );
    const rules = (await (await fetch(`${baseUrl}/api/v1/alerts/rules`)).json()) as {
      rules: { id: string }[];
    };
    expect(rules.rules.map((r) => r.id)).not.toContain(RULE_ID);
  });

  it('a rule created in the editor fires, shows in the list, and can be acknowledged', async () => {
    await page.locator('[data-testid=connection][data-tone=ok]').waitFor({ timeout: 15_000 });
    await fill(page, { bps: '0.01' });
    await page.locator('[data-testid=rule-editor] button[type=submit]').click();
    await page.locator(`[data-testid=rules-table] tr[data-rule-id="${RULE_ID}"]`).waitFor({ timeout: 5_000 });
    // Within a second of the rule being saved, the alert is on screen (pushed on the alerts channel).
    const alert = page.locator(`[data-testid=alert-list] [data-rule="${RULE_ID}"][data-state=firing]`);
    await alert.waitFor({ timeout: 1_000 });
    expect(await alert.locator('.alert-message').textContent()).toMatch(/BTC\/USDT spread/);
    await saveScreenshot(page, 'alerts-firing');

    await alert.locator('[data-action=ack]').click();
    await page
      .locator(`[data-testid=alert-list] [data-rule="${RULE_ID}"][data-acknowledged=true]`)
      .waitFor({ timeout: 5_000 });
    const { transitions } = (await (
      await fetch(`${baseUrl}/api/v1/alerts/history?ruleId=${RULE_ID}`)
    ).json()) as {
      transitions: { type: string }[];
    };
    expect(transitions.map((t) => t.type)).toContain('acknowledged');
  });

  it('sends a test notification and says where it went', async () => {
    await page.locator('[data-action=test-notification]').click();
    await page
      .locator('[data-testid=test-note]')
      .filter({ hasText: /webhook/ })
      .waitFor({ timeout: 5_000 });
  });

  it('deletes the rule after a confirmation; its alert resolves', async () => {
    await page
      .locator(`[data-testid=rules-table] tr[data-rule-id="${RULE_ID}"] [data-action=delete]`)
      .click();
    await page.locator('[data-testid=confirm-dialog][open] [data-action=confirm]').click();
    await page
      .locator(`[data-testid=rules-table] tr[data-rule-id="${RULE_ID}"]`)
      .waitFor({ state: 'detached', timeout: 5_000 });
    await page
      .locator(`[data-testid=alert-list] [data-rule="${RULE_ID}"][data-state=resolved]`)
      .first()
      .waitFor({ timeout: 5_000 });
    await saveScreenshot(page, 'alerts');
  });

  it('threw no uncaught error in the page', () => {
    expect(errors).toEqual([]);
  });
});
