// Benchmark: the memory a large sandbox account takes. 10,000 new customers, then 10,000
// paid invoices (each with its customer, payment method, invoice item, invoice, payment
// intent and charge), through the Event generator's bulk path with no workflow; then the
// wasm linear memory (it never shrinks, so it shows the peak), the account's size as the
// JSON text IndexedDB holds, and the same after a reload. Prints figures; asserts only that
// the work was done.
import { test, expect } from '@playwright/test';
import { sendBulk } from '../e2e/helpers.mjs';

const COUNT = 10_000;
const mb = (bytes) => (bytes / 1e6).toFixed(0);

test('memory: a sandbox account of 10,000 customers and 10,000 paid invoices', async ({ page }) => {
  test.setTimeout(600_000);
  await page.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => { window.sandflowWasm = e.detail.wasm; });
  });
  const wasm = () => page.evaluate(() => window.sandflowWasm.memory.buffer.byteLength);
  for (const type of ['customer.created', 'invoice.paid']) {
    await sendBulk(page, type, COUNT, 590_000);
    console.log(`BENCH memory: wasm after 10,000 ${type} (MB) | ${mb(await wasm())}`);
  }
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('sandflow');
    open.onsuccess = () => {
      const r = open.result.transaction('objects').objectStore('objects').getAll();
      r.onsuccess = () => {
        const latest = new Map();
        for (const record of r.result) {
          for (const [, object] of JSON.parse(record.json)) latest.set(object.id, JSON.stringify(object).length);
        }
        let chars = 0;
        for (const n of latest.values()) chars += n;
        resolve({ objects: latest.size, chars });
      };
      r.onerror = () => reject(r.error);
    };
    open.onerror = () => reject(open.error);
  }));
  expect(stored.objects).toBeGreaterThan(COUNT * 2);
  console.log(`BENCH memory: objects in the account | ${stored.objects}`);
  console.log(`BENCH memory: the account as JSON text (MB) | ${mb(stored.chars)}`);
  // A new page load: the account is read back from IndexedDB.
  await page.goto('/workbench?tab=objects&type=invoice');
  await expect(page.locator('.type-list__item', { hasText: 'invoice' }).first()).toContainText(/\d{4,}/);
  console.log(`BENCH memory: wasm after a reload that reads the account back (MB) | ${mb(await wasm())}`);
});
