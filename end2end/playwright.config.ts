import { defineConfig } from '@playwright/test';

// The server, started by Playwright for the run: scripts/test sets PARLEY_BIN (the test
// build's server with the release wasm: scripts/lib.sh, build_for_end_to_end),
// PARLEY_DATA_DIR (a fresh directory) and, for the MariaDB pass, DATABASE_URL.
const port = Number(process.env.PARLEY_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// scripts/test runs the SQLite and MariaDB passes at once, each with its own port and folders.
const outputDir = process.env.PARLEY_E2E_OUTPUT ?? './test-results';

export default defineConfig({
  testDir: './tests',
  outputDir,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'off',
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browsers here.
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
    command: process.env.PARLEY_BIN ?? 'target/release/parley',
    cwd: '..',
    url: `${baseURL}/login`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    // The whole environment (DATABASE_URL, PARLEY_DATA_DIR) plus the address to use.
    env: {
      ...(Object.fromEntries(
        Object.entries(process.env).filter(([, value]) => value !== undefined),
      ) as Record<string, string>),
      PARLEY_ADDR: `127.0.0.1:${port}`,
      // Every test signs its people up from this one machine.
      PARLEY_SIGNUPS_PER_HOUR: '10000',
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
    },
  },
});
