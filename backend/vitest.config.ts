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
