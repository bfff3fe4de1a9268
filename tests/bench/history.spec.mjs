// Benchmark: a workflow with 100,000 stored runs. How long the app takes to start, to open
// the workflow's Recent runs and to page through them, and what memory does meanwhile
// (the wasm linear memory and the JavaScript heap). Runs are written straight into the
// app's IndexedDB database, copied from one real run, as the app stores them. Prints
// figures; asserts only that the runs are there.
import { test, expect } from '@playwright/test';
import { everyCustomer, importWorkflows, addCustomer, nav } from '../e2e/helpers.mjs';

// These tests write to the app's database from the page with `new Function`, which the
// app's Content-Security-Policy forbids: they run with it bypassed (trust.spec.mjs checks
// the app itself runs under it).
test.use({ bypassCSP: true });

const RUNS = 100_000;
const PAGES = 10;

/** Copies the one stored run `count` times, one second apart, in transactions of 5,000. */
async function seedRuns(page, count) {
  return page.evaluate(async (count) => {
    const open = () => new Promise((resolve, reject) => {
      const r = indexedDB.open('sandflow');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const db = await open();
    const [model] = await new Promise((resolve) => {
      const r = db.transaction('runs').objectStore('runs').getAll();
      r.onsuccess = () => resolve(r.result);
    });
    const run = JSON.parse(model.json);
    for (let start = 0; start < count; start += 5_000) {
      const tx = db.transaction('runs', 'readwrite', { durability: 'relaxed' });
      const store = tx.objectStore('runs');
      for (let i = start; i < Math.min(count, start + 5_000); i += 1) {
        const id = `wfrun_seed${String(i).padStart(6, '0')}`;
        const started = run.started - count + i;
        const status = i % 10 === 0 ? 'failed' : 'succeeded';
        store.put({
          id, workflow_id: run.workflow_id, status, started,
          json: JSON.stringify({ ...run, id, started, ended: started, status }),
        });
      }
      await new Promise((resolve, reject) => { tx.oncomplete = resolve; tx.onerror = () => reject(tx.error); });
    }
    db.close();
  }, count);
}

const memory = (page) => page.evaluate(() => ({
  wasm: window.sandflowWasm ? window.sandflowWasm.memory.buffer.byteLength : NaN,
  heap: performance.memory ? performance.memory.usedJSHeapSize : NaN,
}));

const mb = (bytes) => (bytes / 1_048_576).toFixed(1);

/** In the page: clicks what `click` selects, then watches the DOM until `done` (a function
 * source, evaluated in the page) holds; the milliseconds in between, to the next frame.
 * Measured inside the page, so Playwright's polling does not add to the figure. */
async function timeClick(page, click, done, arg) {
  return page.evaluate(async ({ click, done, arg }) => {
    // eslint-disable-next-line no-new-func
    const holds = new Function('arg', `return (${done})(arg);`);
    const target = document.querySelector(click);
    const t0 = performance.now();
    target.click();
    await new Promise((resolve) => {
      if (holds(arg)) { resolve(); return; }
      const observer = new MutationObserver(() => {
        if (holds(arg)) { observer.disconnect(); resolve(); }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
    return performance.now() - t0;
  }, { click, done: done.toString(), arg });
}

/** Whether Recent runs shows a full page whose pager reads `arg.pager` and whose first
 * row is not `arg.not`. */
const pageShown = ({ pager, not }) => {
  const region = document.querySelector('section.runs');
  if (!region) return false;
  const label = region.querySelector('.pager span');
  const rows = region.querySelectorAll('tbody tr');
  return Boolean(label && label.textContent.startsWith(pager) && rows.length === 25
    && rows[0].textContent !== not);
};

test('history: 100,000 stored runs', async ({ page }) => {
  test.setTimeout(600_000);
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.sandflowWasm = e.detail.wasm; });
  });
  await importWorkflows(page, [everyCustomer]);
  await addCustomer(page, 'Ada Lovelace');
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  const seeding = Date.now();
  await seedRuns(page, RUNS);
  console.log(`BENCH history: seeding ${RUNS} runs in the page (s) | ${((Date.now() - seeding) / 1000).toFixed(1)}`);

  // Start-up with the history in place: until the workflows list shows the run count.
  const loaded = Date.now();
  await page.goto('/workflows');
  const row = page.getByRole('row', { name: /Every new customer/ });
  await expect(row.getByRole('cell').nth(3)).toHaveText(String(RUNS + 1), { timeout: 60_000 });
  console.log(`BENCH history: start-up to the workflows list with its run count (ms) | ${Date.now() - loaded}`);
  const before = await memory(page);

  // Open the workflow: Recent runs with its first page and total.
  const pages = Math.ceil((RUNS + 1) / 25);
  const open = await timeClick(page, 'a[href="/workflows/wf_e2e_all"]', pageShown,
    { pager: `Page 1 of ${pages} · ${RUNS + 1} runs`, not: null });
  console.log(`BENCH history: open Recent runs, first page and total (ms) | ${open.toFixed(0)}`);
  const runs = page.getByRole('region', { name: 'Recent runs' });
  await expect(runs.getByRole('row')).toHaveCount(26);

  // Page through: each Next until the new page's rows are shown.
  const times = [];
  for (let p = 2; p <= PAGES + 1; p += 1) {
    const first = await runs.getByRole('row').nth(1).textContent();
    times.push(await timeClick(page, 'section.runs .pager button:last-of-type', pageShown,
      { pager: `Page ${p} of`, not: first }));
  }
  times.sort((a, b) => a - b);
  console.log(`BENCH history: next page, median of ${PAGES} (ms) | ${times[Math.floor(times.length / 2)].toFixed(1)}`);

  // The status filter goes through its own index.
  const t0 = Date.now();
  await runs.getByRole('combobox', { name: 'Status' }).selectOption('failed');
  await expect(runs.getByText(`· ${RUNS / 10} runs`)).toBeVisible({ timeout: 60_000 });
  console.log(`BENCH history: filter to Failed, first page and total, seen by Playwright (ms) | ${Date.now() - t0}`);

  const after = await memory(page);
  console.log(`BENCH history: wasm memory before / after paging (MB) | ${mb(before.wasm)} / ${mb(after.wasm)}`);
  console.log(`BENCH history: JS heap before / after paging (MB) | ${mb(before.heap)} / ${mb(after.heap)}`);
  await nav(page, 'Workflows');
});
