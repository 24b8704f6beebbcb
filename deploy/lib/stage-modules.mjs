// Copies the production dependency tree (npm's own `--omit=dev` view of the installed node_modules)
// into a staging directory, so a release never needs a second `npm ci` or a compiler on the target.
// Usage: node deploy/lib/stage-modules.mjs <project root> <staging app dir>
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

// Build leftovers of better-sqlite3: the C sources, objects and test extension are not needed at
// run time, only build/Release/better_sqlite3.node (found by the `bindings` package).
const NATIVE_LEFTOVERS = [
  'node_modules/better-sqlite3/deps',
  'node_modules/better-sqlite3/src',
  'node_modules/better-sqlite3/build/Release/obj',
  'node_modules/better-sqlite3/build/Release/obj.target',
  'node_modules/better-sqlite3/build/Release/.deps',
  'node_modules/better-sqlite3/build/Release/sqlite3.a',
  'node_modules/better-sqlite3/build/Release/test_extension.node',
  'node_modules/better-sqlite3/build/deps',
];

// Never read at run time: source maps (node is not started with --enable-source-maps), type
// declarations and Markdown. Dropping them halves the file count, and so the unpack time.
const BUILD_ONLY_FILE = /(\.map|\.d\.ts|\.d\.mts|\.d\.cts|\.md)$/i;

function productionPackages(root) {
  const out = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [
    ...new Set(
      out
        .split('\n')
        .map((line) => relative(root, line.trim()))
        .filter((path) => path.startsWith(`node_modules${sep}`)),
    ),
  ];
}

function copyPackage(root, target, path) {
  const from = join(root, path);
  // A package's own node_modules may hold dev-only packages; nested production packages are in
  // the list themselves and are copied on their own.
  const nested = join(from, 'node_modules');
  cpSync(from, join(target, path), {
    recursive: true,
    verbatimSymlinks: true,
    filter: (src) => src !== nested && !src.startsWith(nested + sep) && !BUILD_ONLY_FILE.test(src),
  });
}

const [root, target] = process.argv.slice(2);
if (!root || !target) {
  console.error('usage: stage-modules.mjs <project root> <staging app dir>');
  process.exit(2);
}
const packages = productionPackages(root);
for (const path of packages) copyPackage(root, target, path);
for (const path of NATIVE_LEFTOVERS) {
  if (existsSync(join(target, path))) rmSync(join(target, path), { recursive: true, force: true });
}
console.log(`staged ${packages.length} production packages`);
