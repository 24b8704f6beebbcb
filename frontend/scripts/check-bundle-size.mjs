// Angular budgets measure raw bytes; the product budget is "initial JavaScript at most 250 KB
// gzip". This checks the real gzip size of every script index.html loads up front.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_BYTES = 250 * 1000;
const dir = process.argv[2] ?? 'dist/frontend/browser';
const html = readFileSync(join(dir, 'index.html'), 'utf8');

const initial = new Set();
for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) initial.add(match[1]);
for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g)) {
  initial.add(match[1]);
}
if (initial.size === 0) {
  console.error(`No initial scripts found in ${dir}/index.html: was the production build run?`);
  process.exit(1);
}

let total = 0;
for (const file of initial) {
  const size = gzipSync(readFileSync(join(dir, file)), { level: 9 }).length;
  total += size;
  console.log(`${file.padEnd(32)} ${(size / 1000).toFixed(1).padStart(7)} kB gzip`);
}
const verdict = total <= LIMIT_BYTES ? 'within' : 'OVER';
console.log(
  `initial JavaScript: ${(total / 1000).toFixed(1)} kB gzip, ${verdict} the 250 kB budget`,
);
process.exit(total <= LIMIT_BYTES ? 0 : 1);
