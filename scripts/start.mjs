// `npm start`: builds what is missing or out of date, then serves the console (demo mode when no
// Proxmox is configured).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildBackendIfStale, buildFrontendIfStale, root } from './lib/build-state.mjs';
import { consoleNodeOptions } from './lib/console-runtime.mjs';

buildBackendIfStale();
buildFrontendIfStale();
const child = spawn(process.execPath, [join(root, 'dist/backend/src/main.js')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_OPTIONS: consoleNodeOptions() },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
