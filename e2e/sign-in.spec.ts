import { request as newRequest, type APIRequestContext, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { expect, openLoginPage, signedIn, test } from './support/app.js';
import { E2E_SSO_LOGIN } from './support/identity-provider.mjs';
import { E2E_ADMIN } from './support/settings.js';

/**
 * Signing in as people do (issue 17): through the identity provider the e2e server is configured
 * with (a real oidc-provider, started by support/serve.mjs), and with a password plus the code of
 * an authenticator app.
 */

const TOTP_USER = { username: 'e2e-totp', password: 'e2e-totp-password' } as const;

/** An API client signed in with a password; writes carry its CSRF token. */
async function apiSession(
  baseURL: string,
  who: { username: string; password: string },
): Promise<{ api: APIRequestContext; csrf: Record<string, string> }> {
  const api = await newRequest.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: who });
  expect(login.status(), await login.text()).toBe(200);
  return { api, csrf: { 'x-csrf-token': (await login.json()).csrfToken as string } };
}

/** The code an authenticator app paired with `secret` shows `offsetSteps` 30 s steps from now. */
function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/** Who the browser is signed in as, asked with its own cookies. */
async function signedInAs(page: Page): Promise<{ username: string; role: string }> {
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(200);
  return (await me.json()) as { username: string; role: string };
}

test('signs in through the identity provider (OpenID Connect)', async ({ page, baseURL }) => {
  // the provider lives on another origin, which the page fixture blocks: let it through, and answer
  // the web font its development pages import with nothing (the provider's request, not the
  // console's, and the run is offline)
  const start = await page.request.get('/api/auth/oidc/login', { maxRedirects: 0 });
  expect(start.status()).toBe(302);
  const idpOrigin = new URL(start.headers().location).origin;
  expect(idpOrigin).not.toBe(new URL(baseURL!).origin);
  await page.context().route(
    (url) => url.origin === idpOrigin,
    (route) => route.continue(),
  );
  await page
    .context()
    .route(/^https:\/\/fonts\.googleapis\.com\//, (route) =>
      route.fulfill({ status: 200, contentType: 'text/css', body: '' }),
    );

  await openLoginPage(page);
  await page.getByRole('link', { name: 'Sign in with the e2e IdP' }).click();
  await expect(page).toHaveURL(new RegExp(`^${idpOrigin}/`));
  await page.getByPlaceholder('Enter any login').fill(E2E_SSO_LOGIN);
  await page.getByPlaceholder('and password').fill('any password: the provider checks none');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page).toHaveURL(`${baseURL}/`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: 20_000 });
  signedIn(page);
  await expect(page.getByRole('button', { name: `User menu (${E2E_SSO_LOGIN})` })).toBeVisible();
  expect(await signedInAs(page)).toMatchObject({ username: E2E_SSO_LOGIN, role: 'admin' });
});

test('signs in with a password and the code of an authenticator app (TOTP)', async ({
  page,
  baseURL,
}) => {
  // an account with two-factor sign-in, paired through the API as the Two-factor page does
  const admin = await apiSession(baseURL!, E2E_ADMIN);
  const created = await admin.api.post('/api/users', {
    data: { ...TOTP_USER, role: 'viewer' },
    headers: admin.csrf,
  });
  expect(created.status(), await created.text()).toBe(201);
  const user = await apiSession(baseURL!, TOTP_USER);
  const setup = await user.api.post('/api/auth/totp/setup', { headers: user.csrf });
  const { secret } = (await setup.json()) as { secret: string };
  const enabled = await user.api.post('/api/auth/totp/enable', {
    data: { code: codeFor(secret) },
    headers: user.csrf,
  });
  expect(enabled.status(), await enabled.text()).toBe(200);

  await openLoginPage(page);
  await page.getByLabel(/user ?name/i).fill(TOTP_USER.username);
  await page.getByLabel(/^Password\b/).fill(TOTP_USER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel(/Two-factor code/);
  await expect(code).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('authenticator app');

  // the code of pairing is spent: the app's next one, which the console accepts a step early
  await code.fill(codeFor(secret, 1));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(code).toBeHidden({ timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  signedIn(page);
  expect(await signedInAs(page)).toMatchObject({ username: TOTP_USER.username, role: 'viewer' });

  await admin.api.dispose();
  await user.api.dispose();
});
