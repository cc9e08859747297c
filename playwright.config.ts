import { existsSync } from 'node:fs'
import { defineConfig, devices } from '@playwright/test'

const PORT = Number(process.env.E2E_PORT ?? 3100)
// The assessment journey starts the reference Schadefonds receiver here; the portal and the
// test workers (which inherit this environment) both use it.
process.env.SCHADEFONDS_URL ??= 'http://127.0.0.1:4651/cases'
export const baseURL = `http://localhost:${PORT}`

// Playwright cannot download its own browsers on these machines: use Debian's Chromium.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)

export default defineConfig({
  testDir: './e2e',
  // One output folder per portal port, so parallel runs do not clear each other's results.
  outputDir: `test-results/e2e-${PORT}`,
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  // One retry on CI only: 56 long journeys share two cores, and a rare stall (a click waiting for
  // a page that stopped painting, seen once in scheme-representative) must not sink a landing.
  // Playwright still reports such a test as flaky, so it stays visible.
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: { mode: 'only-on-failure', fullPage: true },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // After the device preset, or pages render in English.
        locale: 'nl-NL',
        launchOptions: {
          executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  // The built portal on embedded defaults, with a fresh data folder each run.
  webServer: {
    command: `rm -rf .data/e2e-${PORT} && tsx server/index.ts`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      APP_ENV: 'development',
      PORT: String(PORT),
      DATA_DIR: `.data/e2e-${PORT}`,
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? '5434',
      EMBEDDED_S3_PORT: process.env.E2E_S3_PORT ?? '4570',
      LOG_LEVEL: 'warn',
      QUICK_EXIT_URL: 'https://www.google.nl/',
      SCHADEFONDS_URL: process.env.SCHADEFONDS_URL,
      RATE_LIMIT_WRITES_PER_MINUTE: '1000',
      RATE_LIMIT_READS_PER_MINUTE: '5000',
      // Every spec signs in from 127.0.0.1; the per-account and per-(account, address) sign-in
      // throttles stay as they are (accounts.spec.ts checks the 11th attempt is held).
      SIGN_IN_FREE_ATTEMPTS_PER_ADDRESS: '1000',
    },
  },
})
