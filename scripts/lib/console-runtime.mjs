// How the console's Node.js process is started, wherever it is started: `npm start`, the release
// launcher (written by deploy/build-release.sh) and the benches.

/**
 * V8's heap limits for the console. Its live heap is about 70 MiB while tracking 1,000 containers;
 * without a limit V8 lets garbage pile up to several times that on a machine with a lot of RAM
 * (bench/README.md, Memory), which is what pushed the console past 200 MB. A smaller young
 * generation (8 MiB semi-spaces instead of 16) saves another ~10 MiB and made no measurable
 * difference to the cached reads' throughput (bench:api-read).
 */
export const CONSOLE_NODE_OPTIONS = '--max-old-space-size=256 --max-semi-space-size=8';

/** NODE_OPTIONS for the console: ours first, so the caller's own (e.g. a larger heap) win. */
export function consoleNodeOptions(existing = process.env.NODE_OPTIONS) {
  return [CONSOLE_NODE_OPTIONS, existing].filter(Boolean).join(' ');
}
