import { defineConfig } from '@playwright/test';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(root, 'target');
const port = process.env.E2E_PORT ?? '3000';
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  // A journey of several browsers against the debug server (argon2 sign-ins, each screen's
  // WebAssembly fetched on first use) takes up to 30 s on 2 cores: room to spare, not more.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
             '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  // One server and database for all: the projects run one after another (each depends on the
  // one before), and each journey leaves Fabrikam and Contoso unrelated, as it found them.
  projects: [
    { name: 'desktop', testIgnore: /(phone|no-javascript|cluster)\.spec\.ts/ },
    {
      // A phone in portrait, in dark mode: every page without sideways scrolling, and the
      // journeys admins do from an invitation mail.
      name: 'phone',
      dependencies: ['desktop'],
      testMatch: /(every-page|phone)\.spec\.ts/,
      use: { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, colorScheme: 'dark' },
    },
    {
      // Before (or without) the WebAssembly: plain forms and links.
      name: 'no-javascript',
      dependencies: ['phone'],
      testMatch: /no-javascript\.spec\.ts/,
      use: { javaScriptEnabled: false },
    },
    {
      // Three processes on one PostgreSQL database behind nginx (.ci/cluster, which the spec
      // starts and stops): a database and servers of their own.
      name: 'cluster',
      dependencies: ['no-javascript'],
      testMatch: /cluster\.spec\.ts/,
      use: { baseURL: `http://127.0.0.1:${process.env.CLUSTER_PORT ?? '3100'}` },
    },
  ],
  // A freshly built debug server on a fresh database (the test command deletes target/e2e).
  webServer: {
    command: path.join(targetDir, 'debug', 'server'),
    cwd: root,
    url: `${baseURL}/healthz`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'pipe',
    env: {
      DATABASE_URL: `sqlite://${path.join(root, 'target', 'e2e', 'partnerhub.db')}`,
      PARTNERHUB_DEMO: '1',
      MAIL_FOLDER: path.join(root, 'target', 'e2e', 'mail'),
      SEARCH_INDEX_DIR: path.join(root, 'target', 'e2e', 'search-index'),
      LISTEN_ADDR: `127.0.0.1:${port}`,
      RUST_LOG: 'warn',
    },
  },
});
