import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from '../../src/app.module.js';
import { configureApp } from '../../src/app.setup.js';
import { loadConfig } from '../../src/config/config.loader.js';
import { startPveSim, type PveSimHandle, type PveSimOptions } from '../../pve-sim/src/index.js';

export const TEST_TOKEN_ID = 'proxicloud@pve!it';

export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  text: string;
}

export interface ConsoleHarness {
  url: string;
  sim: PveSimHandle;
  app: NestExpressApplication;
  dataDir: string;
  tokenSecret: string;
  /** every answer the console gave during this harness' life, for secret-hygiene checks */
  answers: string[];
  get<T = any>(path: string): Promise<ApiAnswer<T>>;
  post<T = any>(path: string, body?: unknown): Promise<ApiAnswer<T>>;
  del<T = any>(path: string): Promise<ApiAnswer<T>>;
  waitForTask(upid: string, timeoutMs?: number): Promise<any>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  sim?: PveSimOptions;
  /** use an existing simulator instead of starting one */
  existingSim?: PveSimHandle;
  /** extra PROXICLOUD_* variables; PROXICLOUD_PVE_* override the simulator's */
  env?: Record<string, string>;
}

/**
 * The real console (Nest app, real SQLite file in a temp dir) talking over HTTPS to a real pve-sim,
 * with the certificate fingerprint pinned as a user would.
 */
export async function startConsole(options: HarnessOptions = {}): Promise<ConsoleHarness> {
  const tokenSecret = randomUUID();
  const dataDir = mkdtempSync(join(tmpdir(), 'proxicloud-it-'));
  const sim =
    options.existingSim ??
    (await startPveSim({
      port: 0,
      speed: 0.02,
      controlPort: false,
      authFailDelayMs: 10,
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
    ...options.env,
  });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: false,
  });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const answers: string[] = [];

  async function call<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
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
    return { status: res.status, body: parsed as T, text };
  }

  const harness: ConsoleHarness = {
    url,
    sim,
    app,
    dataDir,
    tokenSecret,
    answers,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    del: (path) => call('DELETE', path),
    async waitForTask(upid, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const task = await call<any>('GET', `/api/tasks/${encodeURIComponent(upid)}`);
        if (task.status !== 200) throw new Error(`task ${upid}: ${task.text}`);
        if (task.body.status === 'stopped') return task.body;
        if (Date.now() > deadline) throw new Error(`task ${upid} still running`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await app.close();
      if (!options.existingSim) await sim.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
