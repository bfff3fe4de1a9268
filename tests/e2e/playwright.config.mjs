// End-to-end tests: every spec of this folder, against the release build in dist/
// (settings shared with the benchmarks in ../playwright.shared.mjs).
import { chromiumConfig } from '../playwright.shared.mjs';

export default chromiumConfig({
  port: Number(process.env.E2E_PORT || 4173),
  dist: process.env.E2E_DIST || '../../dist',
  timeout: 60_000,
});
