// Benchmarks of the app in a real browser, served as the end-to-end tests are (settings in
// ../playwright.shared.mjs). Not part of scripts/test.sh: `scripts/bench.sh` runs every
// `*.spec.mjs` here and collects the lines they print as `BENCH <name> | <figure>`.
// Nothing is asserted about speed.
import { chromiumConfig } from '../playwright.shared.mjs';

export default chromiumConfig({
  port: Number(process.env.BENCH_PORT || 4183),
  dist: process.env.BENCH_DIST || '../../dist',
  timeout: 600_000,
  testMatch: '*.spec.mjs',
});
