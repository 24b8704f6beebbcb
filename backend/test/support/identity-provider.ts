import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export const IDP_CLIENT_ID = 'proxicloud';
export const IDP_CLIENT_SECRET = 'proxicloud-test-client-secret';

export interface IdpAccount {
  preferred_username?: string;
  email?: string;
  groups?: string[];
}

export interface TestIdp {
  issuer: string;
  /** accounts by login name; the subject is `sub-<login>` */
  accounts: Map<string, IdpAccount>;
  /** registers the console's redirect URI and starts answering */
  serve(redirectUris: string[]): void;
  stop(): Promise<void>;
}

/**
 * A real OpenID Connect provider (node-oidc-provider) on a loopback port with one static
 * confidential client. Its development interactions (a login form taking any password, then a
 * consent form) stand in for the identity provider's own pages.
 */
export async function startTestIdp(): Promise<TestIdp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map<string, IdpAccount>();
  return {
    issuer,
    accounts,
    serve(redirectUris) {
      const provider = new Provider(issuer, {
        clients: [
          {
            client_id: IDP_CLIENT_ID,
            client_secret: IDP_CLIENT_SECRET,
            redirect_uris: redirectUris,
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_post',
          },
        ],
        claims: {
          openid: ['sub'],
          profile: ['preferred_username'],
          email: ['email'],
          groups: ['groups'],
        },
        cookies: { keys: ['test-idp-cookie-key'] },
        features: { devInteractions: { enabled: true } },
        findAccount: (_ctx, id) => {
          const login = id.replace(/^sub-/, '');
          const account = accounts.get(login);
          if (!account) return undefined;
          return {
            accountId: id,
            claims: () => ({ sub: id, ...account }),
          };
        },
      });
      server.on('request', provider.callback());
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Cookies of one site, as a browser would keep them (names only; paths are ignored). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }
}

export interface SsoResult {
  /** the console's last answer (302 to the console when signed in, else the refusal page) */
  status: number;
  location?: string;
  body: string;
  /** the session cookie, when signed in */
  session?: string;
}

/**
 * Drives the whole redirect flow over HTTP as a browser would: the console's login route, the
 * provider's login and consent forms, and back to the console's callback.
 */
export async function signInThroughIdp(consoleUrl: string, login: string): Promise<SsoResult> {
  const jars = new Map<string, CookieJar>();
  const jar = (url: URL) =>
    jars.get(url.host) ?? jars.set(url.host, new CookieJar()).get(url.host)!;
  let url = new URL('/api/auth/oidc/login', consoleUrl);
  let method = 'GET';
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      body,
      headers: {
        cookie: jar(url).header(),
        ...(body && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
    });
    jar(url).take(res.headers);
    const text = await res.text();
    const location = res.headers.get('location') ?? undefined;
    const atConsole = url.origin === new URL(consoleUrl).origin;
    if (atConsole && url.pathname === '/api/auth/oidc/callback') {
      return {
        status: res.status,
        location,
        body: text,
        session: jar(url).get('proxicloud_session'),
      };
    }
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      method = 'GET';
      body = undefined;
      continue;
    }
    const prompt = /name="prompt" value="(\w+)"/.exec(text)?.[1];
    if (res.status !== 200 || !prompt) {
      return { status: res.status, location, body: text };
    }
    method = 'POST';
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login, password: 'any-password' } : { prompt },
    ).toString();
  }
  throw new Error('too many redirects');
}
