import { defineConfig } from '@playwright/test';
import { E2E_ADMIN, E2E_CONTROL_PORT, E2E_PORT } from './support/settings.js';

const baseURL = `http://127.0.0.1:${E2E_PORT}`;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results/e2e',
  // One server with one simulated cluster: tests share its state, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['github']] : 'list',
  use: {
    baseURL,
    viewport: { width: 1440, height: 900 },
    headless: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: 'node e2e/support/serve.mjs',
    cwd: '..',
    url: `${baseURL}/`,
    reuseExistingServer: false,
    // The first run builds the backend and the UI before serving.
    timeout: 360_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      PROXICLOUD_PORT: String(E2E_PORT),
      PROXICLOUD_CONFIG: '/dev/null',
      // Tasks stay visible long enough to watch, yet the run stays short.
      PROXICLOUD_DEMO_SPEED: '0.2',
      PROXICLOUD_ADMIN_USER: E2E_ADMIN.username,
      PROXICLOUD_ADMIN_PASSWORD: E2E_ADMIN.password,
      // The offline spec takes the simulated Proxmox down and up through this API; the fastest
      // collect interval makes the console notice the recovery within seconds.
      PROXICLOUD_DEMO_CONTROL_PORT: String(E2E_CONTROL_PORT),
      PROXICLOUD_COLLECT_INTERVAL_S: '2',
    },
  },
});
