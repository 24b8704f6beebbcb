import { afterEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  type ConsoleClient,
  type ConsoleHarness,
} from '../support/console-harness.js';
import {
  IDP_CLIENT_ID,
  IDP_CLIENT_SECRET,
  signInThroughIdp,
  startTestIdp,
  type TestIdp,
} from '../support/identity-provider.js';
import { startSecuredConsole } from '../security/secured-console.js';

let h: ConsoleHarness | undefined;
let idp: TestIdp | undefined;
afterEach(async () => {
  await h?.stop();
  await idp?.stop();
  h = idp = undefined;
});

/** A console using a real oidc-provider; the provider learns the console's redirect URI. */
async function startWithIdp(env: Record<string, string> = {}): Promise<ConsoleHarness> {
  idp = await startTestIdp();
  idp.accounts.set('alice', {
    preferred_username: 'alice',
    email: 'alice@example.com',
    groups: ['proxicloud-admins', 'staff'],
  });
  idp.accounts.set('victor', { preferred_username: 'victor', groups: ['staff'] });
  idp.accounts.set('mallory', { preferred_username: 'mallory', groups: ['contractors'] });
  h = await startSecuredConsole({
    env: {
      PROXICLOUD_OIDC_ISSUER: idp.issuer,
      PROXICLOUD_OIDC_CLIENT_ID: IDP_CLIENT_ID,
      PROXICLOUD_OIDC_CLIENT_SECRET: IDP_CLIENT_SECRET,
      PROXICLOUD_OIDC_SCOPES: 'openid profile email groups',
      PROXICLOUD_OIDC_ROLE_MAP: 'proxicloud-admins:admin,staff:viewer',
      PROXICLOUD_OIDC_BUTTON_LABEL: 'Sign in with the test IdP',
      ...env,
    },
  });
  idp.serve([`${h.url}/api/auth/oidc/callback`]);
  return h;
}

async function sessionClient(harness: ConsoleHarness, session: string): Promise<ConsoleClient> {
  const me = await harness
    .as({ kind: 'session', cookie: session, csrfToken: '' })
    .get('/api/auth/me');
  expect(me.status, me.text).toBe(200);
  return harness.as({ kind: 'session', cookie: session, csrfToken: me.body.csrfToken });
}

describe('single sign-on with OpenID Connect', () => {
  it('says on the login page whether it is configured', async () => {
    await startWithIdp();
    expect((await h!.anonymous.get('/api/auth/oidc')).body).toEqual({
      enabled: true,
      buttonLabel: 'Sign in with the test IdP',
      localLogin: true,
    });
  });

  it('starts with a 302 to the provider carrying PKCE, state and nonce', async () => {
    await startWithIdp();
    const res = await fetch(`${h!.url}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp!.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(to.searchParams.get('redirect_uri')).toBe(`${h!.url}/api/auth/oidc/callback`);
    expect(res.headers.getSetCookie().join()).toMatch(/proxicloud_oidc=.*HttpOnly.*SameSite=Lax/i);
  });

  it('signs in through the provider with the role its group maps to, and links by subject', async () => {
    await startWithIdp();
    const first = await signInThroughIdp(h!.url, 'alice');
    expect(first.status, first.body).toBe(302);
    expect(first.location).toBe('/');
    const alice = await sessionClient(h!, first.session!);
    expect((await alice.get('/api/auth/me')).body).toMatchObject({
      username: 'alice',
      role: 'admin',
    });
    expect((await alice.get('/api/containers')).status).toBe(200);

    const again = await signInThroughIdp(h!.url, 'alice');
    expect(again.status).toBe(302);
    const users = (await h!.get('/api/users')).body as { username: string }[];
    expect(users.filter((u) => u.username.startsWith('alice'))).toHaveLength(1);
  });

  it('follows the group at every sign-in: a demoted user comes back as viewer', async () => {
    await startWithIdp();
    expect((await signInThroughIdp(h!.url, 'alice')).status).toBe(302);
    idp!.accounts.set('alice', { preferred_username: 'alice', groups: ['staff'] });
    const back = await signInThroughIdp(h!.url, 'alice');
    const alice = await sessionClient(h!, back.session!);
    expect((await alice.get('/api/auth/me')).body.role).toBe('viewer');
  });

  it('refuses with a clear page when no group maps to a role', async () => {
    await startWithIdp();
    const res = await signInThroughIdp(h!.url, 'mallory');
    expect(res.status).toBe(403);
    expect(res.body).toContain('no group that gives a ProxiCloud role');
    expect(res.session).toBeUndefined();
    const users = (await h!.get('/api/users')).body as { username: string }[];
    expect(users.map((u) => u.username)).not.toContain('mallory');
  });

  it('never takes over a local account of the same name or e-mail', async () => {
    await startWithIdp();
    const local = await h!.post('/api/users', {
      username: 'victor',
      password: 'victor-local-password',
      role: 'admin',
    });
    const res = await signInThroughIdp(h!.url, 'victor');
    const sso = await sessionClient(h!, res.session!);
    const me = (await sso.get('/api/auth/me')).body;
    expect(me.username).not.toBe('victor');
    expect(me.role).toBe('viewer');
    const users = (await h!.get('/api/users')).body as { id: number; role: string }[];
    expect(users.find((u) => u.id === local.body.id)?.role).toBe('admin');
  });

  it('refuses a callback its own browser did not start (no flow cookie)', async () => {
    await startWithIdp();
    const res = await fetch(`${h!.url}/api/auth/oidc/callback?code=stolen&state=forged`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Start again');
    expect(res.headers.getSetCookie().join()).not.toContain('proxicloud_session=');
  });

  it('answers a page, not a redirect, when single sign-on is not configured', async () => {
    h = await startSecuredConsole({ signIn: false });
    const page = await fetch(`${h.url}/api/auth/oidc/login`, {
      redirect: 'manual',
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
    });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('not configured');
    // a script gets the API's JSON error with the same message
    const res = await fetch(`${h.url}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toContain('not configured');
    expect((await h.anonymous.get('/api/auth/oidc')).body).toEqual({
      enabled: false,
      localLogin: true,
    });
  });
});

describe('password sign-in switched off', () => {
  it('leaves only the break-glass account, and single sign-on works', async () => {
    await startWithIdp({
      PROXICLOUD_LOCAL_LOGIN: 'false',
      PROXICLOUD_BREAK_GLASS_USER: ADMIN_USER,
    });
    await h!.post('/api/users', { username: 'carol', password: 'carol-password', role: 'admin' });
    const carol = await h!.anonymous.post('/api/auth/login', {
      username: 'carol',
      password: 'carol-password',
    });
    expect(carol.status).toBe(403);
    expect(carol.body.reason).toBe('local-login-off');
    const breakGlass = await h!.anonymous.post('/api/auth/login', {
      username: ADMIN_USER.toUpperCase(),
      password: ADMIN_PASSWORD,
    });
    expect(breakGlass.status).toBe(200);
    expect((await signInThroughIdp(h!.url, 'alice')).status).toBe(302);
  });

  it('refuses to start without a break-glass account or an issuer', async () => {
    await expect(startSecuredConsole({ env: { PROXICLOUD_LOCAL_LOGIN: 'false' } })).rejects.toThrow(
      /PROXICLOUD_BREAK_GLASS_USER: required.*|PROXICLOUD_LOCAL_LOGIN: false needs/s,
    );
  });
});
