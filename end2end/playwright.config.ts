import { defineConfig } from '@playwright/test';

// The server, started by Playwright for the run: scripts/test sets PARLEY_BIN (the test
// build's server with the release wasm: scripts/lib.sh, build_for_end_to_end),
// PARLEY_DATA_DIR (a fresh directory) and, for the MariaDB pass, DATABASE_URL.
const port = Number(process.env.PARLEY_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// scripts/test runs the SQLite and MariaDB passes at once, each with its own port and folders.
const outputDir = process.env.PARLEY_E2E_OUTPUT ?? './test-results';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHELL = process.env.CHROMIUM_HEADLESS_SHELL_PATH ?? '/usr/bin/chromium-headless-shell';
const FULL_BROWSER_SPECS = /(notifications|first-load)\.spec\.ts$/;
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

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
    launchOptions: { executablePath: SHELL, args: CHROMIUM_ARGS },
  },
  // Debian's Chromium builds: Playwright cannot download its own browsers here. Most specs run
  // in Chromium's headless shell (the same engine without the browser around it, which
  // Playwright itself uses for headless runs): it takes about half the processor time of the
  // full browser, and the two passes of scripts/test share two cores. The specs that need
  // what only the full browser has (the Notification API) or that time what a person's
  // browser does (first-load) run in the full Chromium.
  projects: [
    { name: 'headless-shell', testIgnore: FULL_BROWSER_SPECS },
    {
      name: 'chromium',
      testMatch: FULL_BROWSER_SPECS,
      use: { launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS } },
    },
  ],
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
      // search.spec.ts fills a conversation with 60 messages; at the shipped 5 a second after a
      // burst of 30, that waited about 6 s per pass. The limit itself is tested by the API
      // tests (tests/api/floods.rs), and no browser spec relies on reaching it.
      PARLEY_SENDS_PER_SECOND: '100',
      RUST_LOG: process.env.RUST_LOG ?? 'warn',
    },
  },
});
