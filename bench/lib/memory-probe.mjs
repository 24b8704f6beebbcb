// Preloaded into the console by bench/analytics-rss.ts (`--breakdown`) with `node --import`:
// every second it appends one JSON line with where the process' memory sits to the file named
// by BENCH_MEMORY_PROBE, so the bench can split RSS into V8 heap, external buffers and the rest.
import { appendFileSync, readFileSync } from 'node:fs';

const file = process.env.BENCH_MEMORY_PROBE;
const MIB = 1024 * 1024;

/** @param {string} status @param {string} key */
function statusMiB(status, key) {
  const match = new RegExp(`${key}:\\s+(\\d+)`).exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

if (file) {
  const timer = globalThis.setInterval(() => {
    const m = process.memoryUsage();
    const status = readFileSync('/proc/self/status', 'utf8');
    const anon = statusMiB(status, 'RssAnon');
    const line = {
      rss: m.rss / MIB,
      heapTotal: m.heapTotal / MIB,
      heapUsed: m.heapUsed / MIB,
      external: m.external / MIB,
      // anonymous memory that is neither V8's heap nor buffers: malloc (SQLite, OpenSSL, ...)
      native: anon - m.heapTotal / MIB - m.external / MIB,
      mapped: statusMiB(status, 'RssFile'),
    };
    appendFileSync(file, JSON.stringify(line) + '\n');
  }, 1000);
  timer.unref();
}
