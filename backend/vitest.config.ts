import { availableParallelism } from 'node:os';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC instead of the default transformer: NestJS dependency injection needs decorator metadata.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    include: ['backend/**/*.spec.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: ONE on the 2-core CI machine. The
    // integration files spend much of their time waiting (collection cycles, pve-sim tasks,
    // HTTPS round trips), so two at a time fill the idle core: the console + plans specs took
    // 97 s instead of 211 s here (2 cores, alternating runs, 2026-12-07).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['backend/src/**/*.ts', 'backend/pve-sim/src/**/*.ts'],
      exclude: ['**/*.spec.ts', '**/testing/**', 'backend/src/database/migrations/**'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage/backend',
      thresholds: { lines: 70 },
    },
  },
});
