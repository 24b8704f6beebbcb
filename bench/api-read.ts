/**
 * bench:api-read — autocannon on the console's cached GET /api/containers (100 CTs) next to a raw
 * node:http server that serves the very same JSON bytes, in one run. Prints both req/s and the ratio.
 * Every server runs in its own process so the load generator does not share their event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { buildBackendIfStale, root } from '../scripts/lib/build-state.mjs';
import { largeScenario } from '../backend/pve-sim/src/cluster/scenario.js';

const CONTAINERS = 100;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = 20;
const TOKEN_ID = 'bench@pve!read';
const ADMIN = { username: 'bench', password: 'bench-password-not-secret' };

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) resolve(match);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`process exited (${code}) before ${pattern}:\n${seen}`)),
    );
  });
}

async function run(url: string, headers: Record<string, string> = {}): Promise<number> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

const RAW_SERVER = `
const http = require('node:http');
const body = Buffer.from(process.env.BODY, 'base64');
http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}).listen(0, '127.0.0.1', function () { console.log('raw listening on ' + this.address().port); });
`;

async function main(): Promise<void> {
  buildBackendIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'bench-api-read-'));
  const children: ChildProcess[] = [];
  try {
    const large = largeScenario();
    const scenarioFile = join(dir, 'scenario-100.json');
    writeFileSync(
      scenarioFile,
      JSON.stringify({ ...large, name: 'bench-100', guests: large.guests.slice(0, CONTAINERS) }),
    );
    const secret = randomUUID();
    const sim = spawn(
      process.execPath,
      [
        join(root, 'dist/backend/pve-sim/src/main.js'),
        '--port',
        '0',
        '--scenario',
        scenarioFile,
        '--data-dir',
        join(dir, 'sim'),
      ],
      {
        env: { ...process.env, PVE_SIM_TOKEN_ID: TOKEN_ID, PVE_SIM_TOKEN_SECRET: secret },
      },
    );
    children.push(sim);
    const [, simUrl, fingerprint] = await waitForLine(
      sim,
      /(https:\/\/127\.0\.0\.1:\d+)\S*\s+fingerprint ([0-9A-F:]{95})/,
    );

    const consoleApp = spawn(process.execPath, [join(root, 'dist/backend/src/main.js')], {
      env: {
        ...process.env,
        PROXICLOUD_CONFIG: '/dev/null',
        PROXICLOUD_PORT: '0',
        PROXICLOUD_DATA_DIR: join(dir, 'console'),
        PROXICLOUD_PVE_URL: simUrl,
        PROXICLOUD_PVE_TOKEN_ID: TOKEN_ID,
        PROXICLOUD_PVE_TOKEN_SECRET: secret,
        PROXICLOUD_PVE_FINGERPRINT: fingerprint,
        PROXICLOUD_ADMIN_USER: ADMIN.username,
        PROXICLOUD_ADMIN_PASSWORD: ADMIN.password,
      },
    });
    children.push(consoleApp);
    const [, consoleUrl] = await waitForLine(consoleApp, /serving on (http:\/\/[^\s]+?) /);
    const base = consoleUrl.replace('localhost', '127.0.0.1');
    const apiUrl = `${base}/api/containers`;
    // a signed-in session, as the UI reads it: the cookie travels with every request
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const session = { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] };
    const res = await fetch(apiUrl, { headers: session });
    const body = Buffer.from(await res.arrayBuffer());
    const count = (JSON.parse(body.toString()) as { items: unknown[] }).items.length;
    if (count !== CONTAINERS) throw new Error(`expected ${CONTAINERS} containers, got ${count}`);

    const raw = spawn(process.execPath, ['-e', RAW_SERVER], {
      env: { ...process.env, BODY: body.toString('base64') },
    });
    children.push(raw);
    const [, rawPort] = await waitForLine(raw, /raw listening on (\d+)/);

    await run(apiUrl, session); // warm-up of the same length, so JIT and caches are equal for both
    const rawRps = await run(`http://127.0.0.1:${rawPort}/`);
    const apiRps = await run(apiUrl, session);
    console.log(
      `bench:api-read  ${new Date().toISOString()}  ${cpus().length} cores ${cpus()[0]?.model ?? ''}`,
    );
    console.log(
      `body: ${body.length} bytes (${CONTAINERS} containers), ${CONNECTIONS} connections, ${DURATION_S} s each`,
    );
    console.log(`raw node:http      ${rawRps.toFixed(0)} req/s`);
    console.log(`GET /api/containers ${apiRps.toFixed(0)} req/s`);
    console.log(`ratio console/raw   ${(apiRps / rawRps).toFixed(2)} (goal: >= 0.5)`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
