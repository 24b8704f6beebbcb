// Compiles the backend and pve-sim to dist/backend and copies their data files beside the code.
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, runNode } from './lib/build-state.mjs';

rmSync(join(root, 'dist/backend'), { recursive: true, force: true });
runNode([join(root, 'node_modules/typescript/bin/tsc'), '-p', 'backend/tsconfig.build.json']);
cpSync(join(root, 'backend/pve-sim/data'), join(root, 'dist/backend/pve-sim/data'), {
  recursive: true,
});
writeFileSync(join(root, 'dist/backend/.build-stamp'), new Date().toISOString() + '\n');
