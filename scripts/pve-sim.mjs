#!/usr/bin/env node
// `npm run pve-sim -- --port <p> [--scenario <name|file>] [--speed <f>]`: runs the built simulator,
// building the backend first when dist/ is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildBackendIfStale, root } from './lib/build-state.mjs';

buildBackendIfStale();
const entry = join(root, 'dist/backend/pve-sim/src/main.js');
const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
