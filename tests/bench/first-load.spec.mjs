// First load: from navigation start to the Workflows list being interactive, against the
// release build on 127.0.0.1. "Ready" is the app's `sandflow-ready` performance mark (the
// stored state has loaded and the list is rendered); "interactive" is when a
// MutationObserver first sees **New workflow** enabled, which it is only once the state
// is ready. Cold: a new browser context each run, so an empty HTTP cache and empty
// storage. Warm: one context visited once, then again for each run (HTTP cache, compiled
// wasm and IndexedDB all warm). Figures only, printed as BENCH lines.
import { test, expect } from '@playwright/test';
import { reportMs } from './bench.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7);

// Runs in the page before its own scripts: notes when "New workflow" becomes enabled.
function watchInteractive() {
  window.__interactiveAt = null;
  const check = () => {
    if (window.__interactiveAt !== null) return;
    const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'New workflow');
    if (button && !button.disabled) window.__interactiveAt = performance.now();
  };
  new MutationObserver(check).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['disabled'],
  });
}

// Loads /workflows in `page` and reads the timings of that load.
async function load(page) {
  await page.goto('/workflows');
  await page.waitForFunction(() => performance.getEntriesByName('sandflow-ready').length > 0
    && window.__interactiveAt !== null);
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeEnabled();
  return page.evaluate(() => {
    const resources = performance.getEntriesByType('resource');
    const wasm = resources.find((r) => r.name.endsWith('.wasm'));
    // What the first screen downloaded, as sent (`serve` gzips): the page and every file
    // it fetched by the time the list is ready (0 from a warm HTTP cache).
    const sent = (entries) => entries.reduce((sum, r) => sum + r.transferSize, 0);
    const page = performance.getEntriesByType('navigation')[0];
    return {
      ready: performance.getEntriesByName('sandflow-ready')[0].startTime,
      interactive: window.__interactiveAt,
      wasm: wasm ? wasm.responseEnd : NaN,
      bytes: sent([page, ...resources]),
      wasmBytes: sent(resources.filter((r) => r.name.endsWith('.wasm'))),
      wasmFiles: resources.filter((r) => r.name.endsWith('.wasm')).length,
    };
  });
}

function report(label, runs) {
  reportMs(`first load ${label}: ready mark`, runs.map((r) => r.ready));
  reportMs(`first load ${label}: New workflow enabled`, runs.map((r) => r.interactive));
  reportMs(`first load ${label}: wasm downloaded`, runs.map((r) => r.wasm));
  const { bytes, wasmBytes, wasmFiles } = runs[0];
  console.log(`BENCH first load ${label}: bytes downloaded | ${bytes} B in all, of which ${wasmBytes} B of wasm in ${wasmFiles} file(s) (first run)`);
}

test('first load, cold cache', async ({ browser }) => {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    await context.addInitScript(watchInteractive);
    runs.push(await load(await context.newPage()));
    await context.close();
  }
  report('cold', runs);
});

test('first load, warm cache', async ({ browser }) => {
  const context = await browser.newContext();
  await context.addInitScript(watchInteractive);
  const page = await context.newPage();
  await load(page); // fills the HTTP cache and the stored state
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await load(page));
  await context.close();
  report('warm', runs);
});

// The same cold load through Chromium's network emulation: 10 Mbit/s down and up, 40 ms
// of latency on every request, as a person on a modest line would see it (issue 19). The
// download of the wasm is then most of the time, so this is where its size shows.
// A new browser context (empty cache and storage) whose page is on that line.
async function throttledPage(browser) {
  const context = await browser.newContext();
  await context.addInitScript(watchInteractive);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 40,
    downloadThroughput: 10_000_000 / 8,
    uploadThroughput: 10_000_000 / 8,
  });
  return { context, page };
}

test('first load, cold cache, 10 Mbit/s and 40 ms', async ({ browser }) => {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await throttledPage(browser);
    runs.push(await load(page));
    await context.close();
  }
  report('cold at 10 Mbit/s', runs);
});

// After the first screen, on the same line: **New workflow**, until the editor shows its
// name box. Creating the workflow and drawing the editor fetch their parts of the wasm
// the first time, so this is what the cut costs the next step.
test('then New workflow to the editor, cold cache, 10 Mbit/s and 40 ms', async ({ browser }) => {
  const times = [];
  let files = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const { context, page } = await throttledPage(browser);
    await load(page);
    const before = await page.evaluate(() => performance.getEntriesByType('resource').length);
    const start = Date.now();
    await page.getByRole('button', { name: 'New workflow' }).click();
    await expect(page.getByRole('textbox', { name: 'Workflow name' })).toBeVisible({ timeout: 60_000 });
    times.push(Date.now() - start);
    const fetched = await page.evaluate((from) => performance.getEntriesByType('resource').slice(from)
      .filter((r) => r.name.endsWith('.wasm')), before);
    files = fetched.length;
    bytes = fetched.reduce((sum, r) => sum + r.transferSize, 0);
    await context.close();
  }
  reportMs('new workflow to the editor at 10 Mbit/s', times);
  console.log(`BENCH new workflow to the editor at 10 Mbit/s: wasm fetched | ${bytes} B in ${files} file(s) (last run)`);
});
