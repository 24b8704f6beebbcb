import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, ADMIN_USER, type ConsoleHarness } from '../support/console-harness.js';
import { startSecuredConsole } from './secured-console.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let h: ConsoleHarness;
let browser: Browser;
let page: Page;

/** Runs one operation through Swagger UI's "Try it out" and returns the status it shows. */
async function tryItOut(
  id: string,
  options: { body?: string; params?: Record<string, string> } = {},
) {
  const op = page.locator(`#operations-${id}`);
  await op.locator('.opblock-summary').first().click();
  await op.locator('button.try-out__btn').click();
  for (const [name, value] of Object.entries(options.params ?? {})) {
    await op.locator(`tr[data-param-name="${name}"] input`).fill(value);
  }
  if (options.body) await op.locator('textarea.body-param__text').fill(options.body);
  await op.locator('button.execute').click();
  const status = op.locator('.live-responses-table tbody .response-col_status').first();
  await status.waitFor({ timeout: 10_000 });
  return (await status.innerText()).trim().split('\n')[0];
}

describe.skipIf(!existsSync(CHROMIUM))('Swagger UI', () => {
  beforeAll(async () => {
    h = await startSecuredConsole({ signIn: false, sim: { speed: 0 } });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    page = await browser.newPage();
    await page.goto(`${h.url}/api/docs`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('signs in with Try it out, then sends the CSRF token on writes by itself', async () => {
    expect(await tryItOut('containers-rebootContainer', { params: { vmid: '101' } })).toBe('401');
    const credentials = JSON.stringify({ username: ADMIN_USER, password: ADMIN_PASSWORD });
    expect(await tryItOut('auth-login', { body: credentials })).toBe('200');
    expect(await tryItOut('containers-startContainer', { params: { vmid: '108' } })).toBe('202');
  });

  it('picks the CSRF token up again from /api/auth/me after a reload', async () => {
    await page.reload();
    expect(await tryItOut('auth-getMe')).toBe('200');
    expect(await tryItOut('containers-stopContainer', { params: { vmid: '108' } })).toBe('202');
  });
});
