// What the end-to-end tests and the benchmarks share: Debian's Chromium (never a
// downloaded browser), with the flags it needs as root, against the release build in
// dist/ served on 127.0.0.1 by `serve` with single-page fallback.
import { defineConfig } from '@playwright/test';

/** A Playwright configuration for the specs of one folder, served on `port`. */
export function chromiumConfig({ port, dist, timeout, testMatch }) {
  return defineConfig({
    testDir: '.',
    ...(testMatch ? { testMatch } : {}),
    timeout,
    workers: 1,
    reporter: [['list']],
    use: {
      baseURL: `http://127.0.0.1:${port}`,
      // The service worker would answer from its copy of the app, past `page.route` and
      // the network conditions a test sets, and copy the whole build beside each first
      // visit: the tests of the offline copy allow it (tests/e2e/hosted.spec.mjs).
      serviceWorkers: 'block',
      launchOptions: {
        executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
        args: [
          '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
          '--disable-background-networking', '--disable-component-update', '--disable-sync',
          '--disable-dev-shm-usage',
        ],
      },
    },
    webServer: {
      command: `serve --single --no-clipboard --listen tcp://127.0.0.1:${port} ${dist}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
  });
}
