import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module.js';
import { configureApp, serveFrontend } from '../../src/app.setup.js';
import { loadConfig } from '../../src/config/config.loader.js';
import type { Role } from '../../src/users/roles.js';
import { startPveSim, type PveSimHandle, type PveSimOptions } from '../../pve-sim/src/index.js';

export const TEST_TOKEN_ID = 'proxicloud@pve!it';
/** The admin every harness creates (fixed, so a restart on the same data dir can sign in again). */
export const ADMIN_USER = 'admin';
export const ADMIN_PASSWORD = 'harness-admin-password';
const SESSION_COOKIE = 'proxicloud_session';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  text: string;
  headers: Headers;
}

/** How a client proves who it is: a cookie session (with its CSRF token) or an API token. */
export type ClientAuth =
  | { kind: 'session'; cookie: string; csrfToken: string }
  | { kind: 'token'; token: string }
  | { kind: 'none' };

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

/** get/post/del as one caller. */
export interface ConsoleClient {
  auth: ClientAuth;
  get<T = any>(path: string): Promise<ApiAnswer<T>>;
  post<T = any>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  del<T = any>(path: string): Promise<ApiAnswer<T>>;
  request<T = any>(method: string, path: string, options?: RequestOptions): Promise<ApiAnswer<T>>;
}

export interface ConsoleHarness extends ConsoleClient {
  url: string;
  sim: PveSimHandle;
  app: NestExpressApplication;
  dataDir: string;
  tokenSecret: string;
  /** every answer the console gave during this harness' life, for secret-hygiene checks */
  answers: string[];
  /** headers that authenticate a raw fetch as the harness' signed-in admin (empty if anonymous) */
  authHeaders(): Record<string, string>;
  /** a client without credentials */
  anonymous: ConsoleClient;
  /** a client for any credentials */
  as(auth: ClientAuth): ConsoleClient;
  /** creates (once) and signs in a user with that role; admin is the harness' own admin */
  loginAs(role: Role): Promise<ConsoleClient>;
  /** signs in with a username and password; throws unless the console accepts them */
  login(username: string, password: string): Promise<ConsoleClient>;
  /** creates an API token with that role and returns a client using it */
  withToken(role: Role, name?: string): Promise<ConsoleClient & { tokenId: number }>;
  waitForTask(upid: string, timeoutMs?: number): Promise<any>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  sim?: PveSimOptions;
  /** use an existing simulator instead of starting one */
  existingSim?: PveSimHandle;
  /** extra PROXICLOUD_* variables; PROXICLOUD_PVE_* override the simulator's */
  env?: Record<string, string>;
  /** false: the harness' get/post/del send no credentials (default: signed in as admin) */
  signIn?: boolean;
  /** Nest logger for the console (default: none) */
  logger?: LoggerService | LogLevel[] | false;
  /**
   * A built Angular app to serve as `npm start` does. Default: PROXICLOUD_IT_FRONTEND_DIR, which
   * `npm test` sets to the build it makes for the browser tests, so the whole integration suite
   * runs once with the frontend mounted.
   */
  frontendDir?: string;
  /** an existing data dir to start on (a restart); the caller removes it, stop() does not */
  dataDir?: string;
}

function sessionCookieFrom(headers: Headers): string | undefined {
  for (const line of headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, value] = pair.split('=');
    if (name.trim() === SESSION_COOKIE && value) return value.trim();
  }
  return undefined;
}

function headersFor(auth: ClientAuth, method: string): Record<string, string> {
  if (auth.kind === 'token') return { authorization: `Bearer ${auth.token}` };
  if (auth.kind === 'none') return {};
  const headers: Record<string, string> = { cookie: `${SESSION_COOKIE}=${auth.cookie}` };
  if (!['GET', 'HEAD'].includes(method)) headers['x-csrf-token'] = auth.csrfToken;
  return headers;
}

/**
 * The real console (Nest app, real SQLite file in a temp dir) talking over HTTPS to a real pve-sim,
 * with the certificate fingerprint pinned as a user would. It signs in as an admin unless told not
 * to, and its get/post/del carry the session cookie and CSRF token.
 */
export async function startConsole(options: HarnessOptions = {}): Promise<ConsoleHarness> {
  const tokenSecret = randomUUID();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'proxicloud-it-'));
  const sim =
    options.existingSim ??
    (await startPveSim({
      port: 0,
      speed: 0.02,
      controlPort: false,
      authFailDelayMs: 10,
      // pveproxy waits 30 s for an unreachable node; tests need its 59x sooner
      proxyTimeoutMs: 50,
      dataDir: join(dataDir, 'pve-sim'),
      tokens: [{ tokenId: TEST_TOKEN_ID, secret: tokenSecret, privsep: false }],
      ...options.sim,
    }));
  const config = loadConfig({
    PROXICLOUD_CONFIG: '/dev/null',
    PROXICLOUD_DATA_DIR: dataDir,
    PROXICLOUD_PVE_URL: sim.url,
    PROXICLOUD_PVE_TOKEN_ID: TEST_TOKEN_ID,
    PROXICLOUD_PVE_TOKEN_SECRET: tokenSecret,
    PROXICLOUD_PVE_FINGERPRINT: sim.fingerprint,
    PROXICLOUD_PVE_TIMEOUT_MS: '3000',
    PROXICLOUD_ADMIN_USER: ADMIN_USER,
    PROXICLOUD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...options.env,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? false,
  });
  configureApp(app);
  const frontendDir = options.frontendDir ?? process.env.PROXICLOUD_IT_FRONTEND_DIR;
  if (frontendDir && !(await serveFrontend(app, frontendDir))) {
    throw new Error(`no built frontend (index.html) in ${frontendDir}`);
  }
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const answers: string[] = [];

  async function call<T>(
    auth: ClientAuth,
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiAnswer<T>> {
    const { body } = options;
    const headers: Record<string, string> = { ...headersFor(auth, method), ...options.headers };
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(`${url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    answers.push(JSON.stringify([...res.headers.entries()]) + text);
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, text, headers: res.headers };
  }

  function client(auth: ClientAuth): ConsoleClient {
    return {
      auth,
      get: (path) => call(auth, 'GET', path),
      post: (path, body) => call(auth, 'POST', path, { body: body ?? {} }),
      patch: (path, body) => call(auth, 'PATCH', path, { body: body ?? {} }),
      del: (path) => call(auth, 'DELETE', path),
      request: (method, path, opts) => call(auth, method, path, opts),
    };
  }

  async function login(username: string, password: string): Promise<ConsoleClient> {
    const res = await call<{ csrfToken: string }>({ kind: 'none' }, 'POST', '/api/auth/login', {
      body: { username, password },
    });
    const cookie = sessionCookieFrom(res.headers);
    if (res.status !== 200 || !cookie)
      throw new Error(`login ${username}: ${res.status} ${res.text}`);
    return client({ kind: 'session', cookie, csrfToken: res.body.csrfToken });
  }

  let admin = options.signIn === false ? undefined : await login(ADMIN_USER, ADMIN_PASSWORD);
  const self = admin ?? client({ kind: 'none' });
  const adminClient = async (): Promise<ConsoleClient> =>
    (admin ??= await login(ADMIN_USER, ADMIN_PASSWORD));

  const harness: ConsoleHarness = {
    ...self,
    url,
    sim,
    app,
    dataDir,
    tokenSecret,
    answers,
    authHeaders: () => headersFor(self.auth, 'GET'),
    anonymous: client({ kind: 'none' }),
    as: client,
    login,
    async loginAs(role) {
      if (role === 'admin') return adminClient();
      const password = `${role}-password-${randomUUID()}`;
      const username = `${role}-${randomUUID().slice(0, 8)}`;
      const created = await (await adminClient()).post('/api/users', { username, password, role });
      if (created.status !== 201)
        throw new Error(`create ${role}: ${created.status} ${created.text}`);
      return login(username, password);
    },
    async withToken(role, name = `${role}-${randomUUID().slice(0, 8)}`) {
      const res = await (await adminClient()).post('/api/tokens', { name, role });
      if (res.status !== 201) throw new Error(`token ${role}: ${res.status} ${res.text}`);
      return { ...client({ kind: 'token', token: res.body.token }), tokenId: res.body.id };
    },
    async waitForTask(upid, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      const reader = await adminClient();
      for (;;) {
        const task = await reader.get(`/api/tasks/${encodeURIComponent(upid)}`);
        if (task.status !== 200) throw new Error(`task ${upid}: ${task.text}`);
        if (task.body.status === 'stopped') return task.body;
        if (Date.now() > deadline) throw new Error(`task ${upid} still running`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await app.close();
      if (!options.existingSim) await sim.stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
