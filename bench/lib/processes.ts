/**
 * The processes a benchmark runs: pve-sim and the built console, each in its own process so the
 * load generator never shares their event loop. The console is signed into as a real user would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { root } from '../../scripts/lib/build-state.mjs';
import { consoleNodeOptions } from '../../scripts/lib/console-runtime.mjs';

/** The built code to run: dist/ of the repo, or another build's root (e.g. one outside the tree). */
const dist = (): string => process.env.BENCH_DIST_DIR ?? join(root, 'dist');

export const BENCH_ADMIN = { username: 'bench', password: 'bench-password-not-secret' };

export function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onExit = (code: number | null) =>
      reject(new Error(`process exited (${code}) before ${pattern}:\n${seen}`));
    // once matched, stop collecting: a long run would otherwise keep all the child's output
    const stop = () => {
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (!match) return;
      stop();
      resolve(match);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

export interface SimProcess {
  child: ChildProcess;
  url: string;
  fingerprint: string;
  controlUrl?: string;
  tokenId: string;
  secret: string;
}

export async function startSimProcess(options: {
  dataDir: string;
  tokenId: string;
  scenario?: string;
  control?: boolean;
}): Promise<SimProcess> {
  const secret = randomUUID();
  const args = ['--port', '0', '--scenario', options.scenario ?? 'default'];
  args.push('--data-dir', options.dataDir, ...(options.control ? ['--control-port', '0'] : []));
  const child = spawn(process.execPath, [join(dist(), 'backend/pve-sim/src/main.js'), ...args], {
    env: { ...process.env, PVE_SIM_TOKEN_ID: options.tokenId, PVE_SIM_TOKEN_SECRET: secret },
  });
  const [, url, fingerprint] = await waitForLine(
    child,
    /(https:\/\/127\.0\.0\.1:\d+)\S*\s+fingerprint ([0-9A-F:]{95})/,
  );
  const controlUrl = options.control
    ? (await waitForLine(child, /control API (http:\/\/\S+)/))[1]
    : undefined;
  return { child, url, fingerprint, controlUrl, tokenId: options.tokenId, secret };
}

export interface ConsoleProcess {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** headers of a signed-in session (GETs need no CSRF token) */
  session: { cookie: string };
}

export async function startConsoleProcess(options: {
  dataDir: string;
  sim: SimProcess;
  env?: Record<string, string>;
}): Promise<ConsoleProcess> {
  const child = spawn(process.execPath, [join(dist(), 'backend/src/main.js')], {
    env: {
      ...process.env,
      PROXICLOUD_CONFIG: '/dev/null',
      PROXICLOUD_PORT: '0',
      PROXICLOUD_DATA_DIR: options.dataDir,
      PROXICLOUD_PVE_URL: options.sim.url,
      PROXICLOUD_PVE_TOKEN_ID: options.sim.tokenId,
      PROXICLOUD_PVE_TOKEN_SECRET: options.sim.secret,
      PROXICLOUD_PVE_FINGERPRINT: options.sim.fingerprint,
      PROXICLOUD_ADMIN_USER: BENCH_ADMIN.username,
      PROXICLOUD_ADMIN_PASSWORD: BENCH_ADMIN.password,
      ...options.env,
      // as shipped: the console's own V8 flags, then whatever this bench adds
      NODE_OPTIONS: consoleNodeOptions(options.env?.NODE_OPTIONS ?? ''),
    },
  });
  const [, served] = await waitForLine(child, /serving on (http:\/\/[^\s]+?) /);
  const url = served.replace('localhost', '127.0.0.1');
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  return { child, url, session: { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] } };
}
