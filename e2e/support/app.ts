import {
  test as base,
  expect,
  type ConsoleMessage,
  type Locator,
  type Page,
} from '@playwright/test';
import { E2E_ADMIN } from './settings.js';

/** Pages not signed in yet: their 401 answers are how the app learns it must show the login. */
const signingIn = new WeakSet<Page>();

/**
 * `page` that fails the test on any uncaught page error or console error, and blocks (and
 * reports) every request to another origin: the console runs in air-gapped networks, so its UI
 * must load nothing from outside.
 */
export const test = base.extend({
  page: async ({ page, baseURL }, use) => {
    const problems: string[] = [];
    const appOrigin = new URL(baseURL!).origin;
    await page.context().route(
      (url) => url.origin !== appOrigin,
      async (route) => {
        problems.push(`request to another origin: ${route.request().url()}`);
        await route.abort('blockedbyclient');
      },
    );
    page.on('pageerror', (error) => problems.push(`uncaught page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      if (signingIn.has(page) && isUnauthorizedLoad(message)) return;
      problems.push(`console error: ${describe(message)}`);
    });
    await use(page);
    expect(problems, 'errors the page reported, requests it made elsewhere').toEqual([]);
  },
});

export { expect };

function isUnauthorizedLoad(message: ConsoleMessage): boolean {
  return /Failed to load resource: .*status of 401/.test(message.text());
}

function describe(message: ConsoleMessage): string {
  const { url, lineNumber } = message.location();
  return url ? `${message.text()} (${url}:${lineNumber})` : message.text();
}

/**
 * Opens a page of the console, signing in through the login page first when the app shows one
 * (builds without accounts have no login page and go straight to the page).
 */
export async function openApp(page: Page, path: string): Promise<void> {
  signingIn.add(page);
  await page.goto(path);
  const password = passwordField(page);
  // The login page and every console page render their h1 with the rest of the page.
  const pageTitle = page.getByRole('heading', { level: 1 });
  await expect(password.or(pageTitle).first()).toBeVisible({ timeout: 20_000 });
  if (await password.isVisible()) {
    await signIn(page);
    if (new URL(page.url()).pathname !== path.split('?')[0]) await page.goto(path);
  }
  signingIn.delete(page);
}

/**
 * Opens the login page without signing in; its 401 answers (and those of a refused sign-in) are
 * expected until `signedIn(page)`.
 */
export async function openLoginPage(page: Page): Promise<void> {
  signingIn.add(page);
  await page.goto('/');
  await expect(passwordField(page)).toBeVisible({ timeout: 20_000 });
}

/** After `openLoginPage`: from now on a 401 is an error again. */
export function signedIn(page: Page): void {
  signingIn.delete(page);
}

/** The login page's password field; "Password *" when marked required. */
function passwordField(page: Page): Locator {
  return page.getByLabel(/^Password\b/);
}

async function signIn(page: Page): Promise<void> {
  await page.getByLabel(/user ?name/i).fill(E2E_ADMIN.username);
  await passwordField(page).fill(E2E_ADMIN.password);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await expect(passwordField(page)).toBeHidden({ timeout: 15_000 });
}
