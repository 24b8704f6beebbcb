// Decides whether dist/ is older than the sources, so `npm start` builds only what is missing or stale.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function stale(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((s) => newestMtime(join(root, s)) > built);
}

export const backendStale = () =>
  stale(join(root, 'dist/backend/.build-stamp'), [
    'backend/src',
    'backend/pve-sim',
    'backend/tsconfig.json',
    'package-lock.json',
  ]);

export const frontendStale = () =>
  stale(join(root, 'dist/frontend/browser/index.html'), [
    'frontend',
    'angular.json',
    'package-lock.json',
  ]);

export function runNode(args, options = {}) {
  execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit', ...options });
}

export function buildBackendIfStale() {
  if (!backendStale()) return;
  console.log('Building the backend ...');
  runNode([join(root, 'scripts/build-backend.mjs')]);
}

export function buildFrontendIfStale() {
  if (!existsSync(join(root, 'angular.json')) || !frontendStale()) return;
  console.log('Building the web UI ...');
  runNode([join(root, 'node_modules/@angular/cli/bin/ng.js'), 'build']);
}
