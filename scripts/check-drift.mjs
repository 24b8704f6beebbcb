// CI drift check: the committed OpenAPI spec, Angular client and migrations must be what the scripts
// produce from the current code.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root, runNode } from './lib/build-state.mjs';

const generated = ['backend/openapi', 'frontend/src/app/api'];
runNode([join(root, 'scripts/build-backend.mjs')]);
runNode([join(root, 'dist/backend/src/bin/export-openapi.js')]);
runNode([join(root, 'node_modules/ng-openapi-gen/lib/index.js'), '-c', 'ng-openapi-gen.json']);
const diff = execFileSync('git', ['status', '--porcelain', '--', ...generated], {
  cwd: root,
  encoding: 'utf8',
});
if (diff.trim()) {
  console.error(
    `Generated files are out of date (run npm run api:spec && npm run api:client):\n${diff}`,
  );
  process.exit(1);
}
console.log('api:check: OpenAPI spec and Angular client are up to date');
runNode([join(root, 'scripts/migration.mjs'), 'check']);
