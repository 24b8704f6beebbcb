// `npm test`: the whole suite — backend (unit + integration, with coverage), frontend unit tests
// (with coverage) and the browser end-to-end tests in Chromium. The web UI is built first (the
// build the browser tests serve anyway), so the backend's integration suite runs with it mounted
// as `npm start` serves it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildFrontendIfStale, root } from './lib/build-state.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const results = [];

function step(name, args, env = process.env) {
  console.log(`\n=== ${name}: npm run ${args.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(npm, ['run', ...args], { cwd: root, stdio: 'inherit', env });
  results.push({ name, ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

const backendEnv = { ...process.env };
if (existsSync(join(root, 'angular.json'))) {
  const started = Date.now();
  let ok = true;
  try {
    buildFrontendIfStale();
    backendEnv.PROXICLOUD_IT_FRONTEND_DIR = join(root, 'dist/frontend/browser');
  } catch {
    ok = false;
  }
  results.push({ name: 'web UI build', ok, seconds: Math.round((Date.now() - started) / 1000) });
}
step(
  backendEnv.PROXICLOUD_IT_FRONTEND_DIR ? 'backend (web UI mounted)' : 'backend',
  ['test:backend'],
  backendEnv,
);
if (existsSync(join(root, 'angular.json'))) step('frontend', ['test:frontend']);
if (existsSync(join(root, 'e2e/playwright.config.ts'))) {
  if (existsSync(CHROMIUM)) {
    step('e2e', ['test:e2e']);
  } else {
    const message = `Chromium is not installed at ${CHROMIUM}: the browser tests did not run. Install it with: apt-get install -y chromium`;
    console.error(`\n=== e2e: ${message}`);
    results.push({ name: 'e2e', ok: !process.env.CI, seconds: 0, note: 'skipped: no Chromium' });
  }
}

console.log('\n=== Summary');
for (const r of results)
  console.log(
    `${r.ok ? 'PASS' : 'FAIL'}  ${r.name} (${r.seconds} s)${r.note ? ` — ${r.note}` : ''}`,
  );
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
