// Benchmark: the Workbench over a history far longer than the 5,000 events and requests the
// sandbox keeps in memory. One payout and one failed request, then 10,000 new customers
// (each with its run): the Workbench then finds the old items in IndexedDB. Times are taken
// inside the page, from the input event to the DOM showing the answer (a MutationObserver),
// as medians of several tries. Prints figures; asserts only that the answers are right.
import { test, expect } from '@playwright/test';
import {
  broken, everyCustomer, importWorkflows, addCustomer, nav, sendEvent, sendBulk,
} from '../e2e/helpers.mjs';
import { reportMs } from './bench.mjs';

const COUNT = 10_000;
const TRIES = 5;

/** Sets the Workbench search box `placeholder` to `text` and times until the list
 * `list` shows exactly one row containing `expect`. */
async function timeFilter(page, { placeholder, list, text, expectText }) {
  return page.evaluate(async ({ placeholder, list, text, expectText }) => {
    const input = document.querySelector(`input[placeholder="${placeholder}"]`);
    const root = document.querySelector('.workbench__list');
    const found = () => {
      const ul = root.querySelector(`ul[aria-label="${list}"]`);
      const rows = ul ? ul.querySelectorAll('a') : [];
      return rows.length === 1 && rows[0].textContent.includes(expectText);
    };
    const t0 = performance.now();
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (found()) {
          observer.disconnect();
          resolve(performance.now() - t0);
        }
      });
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    });
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return done;
  }, { placeholder, list, text, expectText });
}

/** Clears the search box `placeholder` and waits for the full list back. */
async function clear(page, label) {
  await page.getByLabel(label).fill('');
  await expect(page.locator('.workbench__list li')).toHaveCount(100);
}

test('workbench: old items found past 10,000 newer ones', async ({ page }) => {
  test.setTimeout(600_000);
  await importWorkflows(page, [everyCustomer, broken]);
  // The failed request: "Tag a missing customer" runs once, then is deactivated.
  await addCustomer(page, 'Ada Lovelace', 'ada@example.com');
  await nav(page, 'Workflows');
  await page.getByRole('row', { name: /Tag a missing customer/ }).getByRole('button', { name: 'Deactivate' }).click();
  const payoutId = await sendEvent(page, 'payout.paid');
  await sendBulk(page, 'customer.created', COUNT, 590_000);
  const stored = await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('sandflow');
    open.onsuccess = () => {
      const tx = open.result.transaction(['events', 'logs']);
      const counts = {};
      const events = tx.objectStore('events').getAll();
      events.onsuccess = () => { counts.events = events.result.reduce((n, r) => n + r.count, 0); };
      const logs = tx.objectStore('logs').count();
      logs.onsuccess = () => { counts.logChunks = logs.result; };
      tx.oncomplete = () => resolve(counts);
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  }));
  console.log(`BENCH workbench: events stored | ${stored.events}`);

  await nav(page, 'Workbench');
  await expect(page.locator('.workbench__list li')).toHaveCount(100);
  const byType = [];
  const byId = [];
  for (let i = 0; i < TRIES; i += 1) {
    byType.push(await timeFilter(page, { placeholder: 'customer.', list: 'Events', text: 'payout.paid', expectText: payoutId }));
    await clear(page, 'Filter by type');
    byId.push(await timeFilter(page, { placeholder: 'evt_', list: 'Events', text: payoutId, expectText: payoutId }));
    await clear(page, 'Search by id');
  }
  reportMs('workbench: an event type older than memory, through by_type', byType);
  reportMs(`workbench: an event id older than memory, reading ${stored.events} events back`, byId);

  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.locator('.workbench__list li')).toHaveCount(100);
  const failed = [];
  for (let i = 0; i < TRIES; i += 1) {
    const ms = await page.evaluate(async () => {
      const select = document.querySelector('.workbench__list select');
      const root = document.querySelector('.workbench__list');
      const t0 = performance.now();
      const done = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          const rows = root.querySelectorAll('ul[aria-label="Request logs"] a');
          if (rows.length === 1 && rows[0].textContent.includes('404')) {
            observer.disconnect();
            resolve(performance.now() - t0);
          }
        });
        observer.observe(root, { childList: true, subtree: true, characterData: true });
      });
      select.value = 'failed';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return done;
    });
    failed.push(ms);
    await page.getByRole('combobox', { name: 'Status' }).selectOption('all');
    await expect(page.locator('.workbench__list li')).toHaveCount(100);
  }
  reportMs(`workbench: the one failed request, older than memory, walking ${stored.logChunks} log records`, failed);
});
