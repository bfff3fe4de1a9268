// Benchmark: 10,000 generated events through the Event generator's bulk path, in headless
// Chromium against the release build: each event written, dispatched to six active
// workflows, its runs executed and stored in IndexedDB before the next batch. Prints
// figures; asserts only that the work was done.
import { test, expect } from '@playwright/test';
import { everyCustomer, welcomeJean, importWorkflows } from '../e2e/helpers.mjs';

const COUNT = 10_000;

/** Four more workflows on other event types: they are matched against and skipped. */
const others = ['invoice.paid', 'charge.refunded', 'payment_intent.succeeded', 'customer.deleted']
  .map((type, i) => ({
    format_version: 1, id: `wf_bench_${i}`, name: `Bench ${type}`, status: 'active',
    trigger: { event_type: type },
    steps: [{ type: 'email', id: `step_b${i}`, to: 'team@example.com', subject: type, body: '', rows: [] }],
    created: 1700000000, updated: 1700000000,
  }));

test('bulk: 10,000 customer.created events end to end', async ({ page }) => {
  test.setTimeout(600_000);
  await importWorkflows(page, [everyCustomer, welcomeJean, ...others]);
  await page.goto('/event-generator?type=customer.created');
  await page.getByLabel('Number of events').fill(String(COUNT));
  // Responsiveness: the longest task the main thread ran while sending (the browser's
  // long-task entries, over 50 ms each).
  await page.evaluate(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => window.longTasks.push(...list.getEntries().map((e) => e.duration)))
      .observe({ type: 'longtask' });
  });
  const started = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Send in bulk' }).click();
  await expect(page.getByText(`Done ${COUNT} of ${COUNT} events`)).toBeVisible({ timeout: 590_000 });
  const ended = await page.evaluate(() => performance.now());
  const value = async (term) => Number(await page.locator('.summary div', { hasText: term }).locator('dd').innerText());
  const runs = await value('Runs');
  expect(runs).toBeGreaterThanOrEqual(COUNT);
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('sandflow');
    open.onsuccess = () => {
      const r = open.result.transaction('runs').objectStore('runs').count();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    };
    open.onerror = () => reject(open.error);
  }));
  expect(stored).toBe(runs);
  const seconds = (ended - started) / 1000;
  console.log(`BENCH bulk: ${COUNT} events end to end (s) | ${seconds.toFixed(2)}`);
  console.log(`BENCH bulk: runs stored | ${runs}`);
  console.log(`BENCH bulk: runs/s | ${Math.round(runs / seconds)}`);
  const long = await page.evaluate(() => window.longTasks);
  const longest = long.length ? Math.max(...long) : 0;
  console.log(`BENCH bulk: main-thread tasks over 50 ms while sending | ${long.length}, the longest ${longest.toFixed(0)} ms`);
});

// The floor under the figure above: the same number of IndexedDB puts as the bulk path
// makes (about five per event: event, run, email, object, request log), of 1 KB strings,
// in transactions of 500, two in flight, with nothing else to do.
test('bulk: IndexedDB alone, 50,000 puts of 1 KB', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/workflows');
  const ms = await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open('sandflow-floor', 1);
      r.onupgradeneeded = () => r.result.createObjectStore('records', { keyPath: 'id' });
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const text = 'x'.repeat(1024);
    const t0 = performance.now();
    const inFlight = [];
    for (let batch = 0; batch < 100; batch += 1) {
      const tx = db.transaction('records', 'readwrite', { durability: 'relaxed' });
      const store = tx.objectStore('records');
      for (let i = 0; i < 500; i += 1) store.put({ id: `r${batch}_${i}`, seq: i, json: text });
      inFlight.push(new Promise((resolve) => { tx.oncomplete = resolve; }));
      if (inFlight.length > 2) await inFlight.shift();
    }
    await Promise.all(inFlight);
    const elapsed = performance.now() - t0;
    db.close();
    return elapsed;
  });
  console.log(`BENCH bulk: IndexedDB alone, 50,000 puts of 1 KB (s) | ${(ms / 1000).toFixed(2)}`);
});
