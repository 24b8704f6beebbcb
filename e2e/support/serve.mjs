// The e2e web server: `npm start` in demo mode on a throwaway data directory, removed when the
// server stops, so every run begins with an empty database and leaves nothing behind. Single sign-on
// points at an OpenID Connect provider started here first (the sign-in spec uses it; password
// sign-in stays on for every other spec).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startIdentityProvider } from './identity-provider.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'proxicloud-e2e-'));
const idp = await startIdentityProvider(`http://127.0.0.1:${process.env.PROXICLOUD_PORT}`);
const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...idp.env, PROXICLOUD_DATA_DIR: dataDir },
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  void idp.stop().finally(() => process.exit(code ?? (signal ? 1 : 0)));
});
