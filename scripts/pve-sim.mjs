#!/usr/bin/env node
// `npm run pve-sim -- --port <p> [--scenario <name|file>] [--speed <f>]`: runs the built simulator,
// building the backend first when dist/ has no pve-sim yet.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const entry = `${root}dist/backend/pve-sim/src/main.js`;

if (!existsSync(entry)) {
  console.log('pve-sim: building backend (npx tsc -p backend/tsconfig.build.json) ...');
  const build = spawnSync('npx', ['tsc', '-p', 'backend/tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// tsc copies no data files; the simulator reads apidoc.json, aplinfo.json and the scenarios from here.
const data = `${root}dist/backend/pve-sim/data`;
if (!existsSync(`${data}/scenarios/default.json`)) cpSync(`${root}backend/pve-sim/data`, data, { recursive: true });

const run = spawnSync(process.execPath, [entry, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
