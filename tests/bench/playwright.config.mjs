// Benchmarks of the app in a real browser: Debian's Chromium against the release build in
// dist/, served on 127.0.0.1 by `serve`, as the end-to-end tests are. Not part of
// scripts/test.sh: `scripts/bench.sh` runs every `*.spec.mjs` here and collects the lines
// they print as `BENCH <name> | <figure>`. Nothing is asserted about speed.
import { defineConfig } from '@playwright/test';

const port = Number(process.env.BENCH_PORT || 4183);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  timeout: 600_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
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
    command: `serve --single --no-clipboard --listen tcp://127.0.0.1:${port} ${process.env.BENCH_DIST || '../../dist'}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
