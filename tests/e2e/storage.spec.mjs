// Storage as a person meets it: a tab closed in the middle of work, two tabs open at once,
// a disk that refuses writes, a browser without IndexedDB. Crashes are simulated by writing
// to the app's own database what a closed tab would have left, then reloading.
import { test, expect } from '@playwright/test';
import { everyCustomer, importWorkflows, addCustomer, nav, watchErrors } from './helpers.mjs';

// These tests write to the app's database from the page with `new Function`, which the
// app's Content-Security-Policy forbids: they run with it bypassed (trust.spec.mjs checks
// the app itself runs under it).
test.use({ bypassCSP: true });

/** Runs `fn(db, arg)` in the page against the app's IndexedDB database, in one read-write
 * transaction over `stores`; resolves with what `fn` returned once it is committed. */
async function inDatabase(page, stores, fn, arg) {
  return page.evaluate(async ({ stores, source, arg }) => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('sandflow');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = db.transaction(stores, 'readwrite');
    const request = (r) => new Promise((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    // eslint-disable-next-line no-new-func
    const result = await new Function('tx', 'request', 'arg', `return (${source})(tx, request, arg);`)(tx, request, arg);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return result;
  }, { stores, source: fn.toString(), arg });
}

async function openRecentRuns(page, name) {
  await nav(page, 'Workflows');
  await page.getByRole('link', { name }).click();
  return page.getByRole('region', { name: 'Recent runs' });
}

test('after a tab closed mid-work, a pending event runs once, a running run is interrupted, an old run reads', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [everyCustomer]);
  await addCustomer(page, 'Ada Lovelace');
  const runs = await openRecentRuns(page, 'Every new customer');
  await expect(runs.getByText(/· 1 run$/)).toBeVisible();

  // What a tab closed between the two writes of a delivery leaves: its events written as
  // pending, and (as a step that was still going would leave it) a run marked running.
  // Beside them, a run and a workflow as schema version 2 stored them (structured objects,
  // no text).
  await inDatabase(page, ['runs', 'events', 'workflows'], async (tx, request) => {
    const [workflow] = await request(tx.objectStore('workflows').getAll());
    tx.objectStore('workflows').put({ ...JSON.parse(workflow.json), id: 'wf_oldformat', name: 'Stored by version 2', status: 'inactive' });
    const runs = await request(tx.objectStore('runs').getAll());
    const events = await request(tx.objectStore('events').getAll());
    const first = JSON.parse(runs[0].json);
    const running = { ...first, id: 'wfrun_leftrunning', status: 'running', ended: null, started: first.started - 1 };
    tx.objectStore('runs').put({
      id: running.id, workflow_id: running.workflow_id, status: 'running', started: running.started,
      json: JSON.stringify(running),
    });
    tx.objectStore('runs').put({ ...first, id: 'wfrun_oldformat', started: first.started - 2 });
    const delivered = events.find((e) => e.json.includes('"customer.created"'));
    const [event] = JSON.parse(delivered.json);
    event.id = 'evt_leftpending';
    event.data.object.name = 'Grace Hopper';
    tx.objectStore('events').put({
      id: 'events_evt_leftpending', created: event.created, pending: event.created, count: 1,
      json: JSON.stringify([event]),
    });
  });

  await page.reload();
  const after = await openRecentRuns(page, 'Every new customer');
  await expect(after.getByText(/· 4 runs/)).toBeVisible();
  await expect(after.getByRole('row').filter({ hasText: 'evt_leftpending' })).toHaveCount(1);
  const interrupted = after.getByRole('row').filter({ hasText: 'Interrupted' });
  await expect(interrupted).toHaveCount(1);
  await interrupted.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Interrupted');

  // Started again: nothing runs twice.
  await page.reload();
  const again = await openRecentRuns(page, 'Every new customer');
  await expect(again.getByText(/· 4 runs/)).toBeVisible();
  // The workflow and the run stored in the old format read like the others.
  await nav(page, 'Workflows');
  await expect(page.getByRole('link', { name: 'Stored by version 2' })).toBeVisible();
  await page.goto('/workflows/wf_e2e_all/runs/wfrun_oldformat');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Succeeded');
  await expect(page.locator('.run-flow > li').first()).toContainText('customer.created');
  const left = await inDatabase(page, ['events'], async (tx, request) =>
    (await request(tx.objectStore('events').getAll())).filter((e) => 'pending' in e).length);
  expect(left).toBe(0);
  expect(errors).toEqual([]);
});

test('two tabs: what one does shows in the other without a reload, and runs once', async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  const errors = [...watchErrors(first), ...watchErrors(second)];
  await importWorkflows(first, [everyCustomer]);
  await second.goto('/customers');
  await expect(second.getByRole('heading', { name: 'Customers', exact: true })).toBeVisible();

  // A person switches tabs to act in one (a background tab gets no animation frames).
  await first.bringToFront();
  await addCustomer(first, 'Ada Lovelace');
  await second.bringToFront();
  await expect(second.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  await addCustomer(second, 'Grace Hopper');
  await first.bringToFront();
  await expect(first.getByRole('cell', { name: 'Grace Hopper' })).toBeVisible();
  await expect(first.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();

  // Each customer started one run: two in all, seen alike from both tabs.
  for (const page of [first, second]) {
    await page.bringToFront();
    await nav(page, 'Workflows');
    await expect(page.getByRole('row', { name: /Every new customer/ }).getByRole('cell').nth(3)).toHaveText('2');
  }
  expect(errors).toEqual([]);
});

test('a write that fails says so, undoes what was not stored, and leaves nothing half-written', async ({ page }) => {
  // The disk is "full" once `window.failWrites` is set: every put throws QuotaExceededError.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (window.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await importWorkflows(page, [everyCustomer]);
  await addCustomer(page, 'Ada Lovelace');
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();

  await page.evaluate(() => { window.failWrites = true; });
  const dialog = await addCustomer(page, 'Grace Hopper');
  await expect(page.getByRole('alert').filter({ hasText: 'saving to browser storage failed' }).first()).toBeVisible();
  await expect(dialog.getByRole('alert')).toContainText('QuotaExceededError');
  await expect(dialog.getByRole('alert')).toContainText('Nothing was changed');
  // What was not stored is not shown as if it were: the page shows what is stored.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Grace Hopper' })).toHaveCount(0);

  // After a reload, only what was written whole is there: Ada and her run, not Grace.
  await page.reload();
  await nav(page, 'Customers');
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Grace Hopper' })).toHaveCount(0);
  await nav(page, 'Workflows');
  await expect(page.getByRole('row', { name: /Every new customer/ }).getByRole('cell').nth(3)).toHaveText('1');
});

test('without IndexedDB the page says so and works in memory', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  const errors = watchErrors(page);
  await page.goto('/workflows');
  await expect(page.getByRole('alert')).toContainText('browser storage is unavailable');
  await importWorkflows(page, [everyCustomer]);
  await addCustomer(page, 'Ada Lovelace');
  const runs = await openRecentRuns(page, 'Every new customer');
  const row = runs.getByRole('row').filter({ hasText: 'customer.created' });
  await expect(row).toHaveCount(1);
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Succeeded');
  await nav(page, 'Outbox');
  await expect(page.getByRole('list', { name: 'Emails' })).toContainText('New customer');
  expect(errors).toEqual([]);
});

test('an account stored whole by an earlier version is read and kept', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [everyCustomer]);
  await addCustomer(page, 'Ada Lovelace');
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  // Rewrite the account as versions before schema 3 kept it: one JSON text in `objects`.
  await inDatabase(page, ['meta', 'objects', 'logs'], async (tx, request) => {
    const core = JSON.parse((await request(tx.objectStore('meta').get('account'))).json);
    // Object chunks in key order hold [place, object] pairs; a later version wins.
    const numbered = (await request(tx.objectStore('objects').getAll()))
      .flatMap((chunk) => JSON.parse(chunk.json))
      .sort((a, b) => a[0] - b[0]);
    const objects = Object.fromEntries(numbered.map(([, object]) => [object.id, object]));
    const order = [...new Set(numbered.map(([, object]) => object.id))];
    const sandbox = {
      ...core.sandbox, store: { objects, order },
      pending: [], history: [], logs: [],
    };
    tx.objectStore('meta').delete('account');
    tx.objectStore('objects').clear();
    tx.objectStore('logs').clear();
    tx.objectStore('objects').put({ id: 'account', json: JSON.stringify({ sandbox, dispatcher: core.dispatcher }) });
  });
  await page.reload();
  await nav(page, 'Customers');
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  // It was rewritten in the current format, and the account goes on from there.
  const stored = await inDatabase(page, ['meta', 'objects'], async (tx, request) => ({
    meta: Boolean(await request(tx.objectStore('meta').get('account'))),
    whole: Boolean(await request(tx.objectStore('objects').get('account'))),
  }));
  expect(stored).toEqual({ meta: true, whole: false });
  await addCustomer(page, 'Grace Hopper');
  // Added means stored: the dialog closes once the write is done.
  await expect(page.getByRole('cell', { name: 'Grace Hopper' })).toBeVisible();
  await page.reload();
  await nav(page, 'Customers');
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Grace Hopper' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('Reset sandbox and Reset everything, each after a confirmation, and what each keeps', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [everyCustomer]);
  await addCustomer(page, 'Ada Lovelace');
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  await nav(page, 'Outbox');
  await expect(page.getByRole('list', { name: 'Emails' })).toContainText('New customer');

  // Cancel changes nothing; confirming empties the sandbox and the Outbox, keeps the runs.
  await page.getByRole('button', { name: 'Reset sandbox' }).click();
  await page.getByRole('dialog', { name: 'Reset sandbox?' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('list', { name: 'Emails' })).toContainText('New customer');
  await page.getByRole('button', { name: 'Reset sandbox' }).click();
  await page.getByRole('dialog', { name: 'Reset sandbox?' }).getByRole('button', { name: 'Reset sandbox' }).click();
  await expect(page.getByRole('heading', { name: 'No emails yet' })).toBeVisible();
  await addCustomer(page, 'Grace Hopper');
  await nav(page, 'Outbox');
  await expect(page.getByRole('list', { name: 'Emails' }).getByRole('listitem')).toHaveCount(1);
  await page.reload();
  await nav(page, 'Customers');
  await expect(page.getByRole('cell', { name: 'Grace Hopper' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toHaveCount(0);
  await nav(page, 'Outbox');
  await expect(page.getByRole('list', { name: 'Emails' }).getByRole('listitem')).toHaveCount(1);
  await nav(page, 'Workflows');
  await expect(page.getByRole('row', { name: /Every new customer/ }).getByRole('cell').nth(3)).toHaveText('2');

  // Reset everything leaves nothing, also after a reload.
  await page.getByRole('button', { name: 'Reset everything' }).click();
  await page.getByRole('dialog', { name: 'Reset everything?' }).getByRole('button', { name: 'Reset everything' }).click();
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
  await nav(page, 'Customers');
  await expect(page.getByRole('cell', { name: 'Grace Hopper' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a workflow written by a newer Sandflow is left out and said, the rest loads', async ({ page }) => {
  await importWorkflows(page, [everyCustomer]);
  await inDatabase(page, ['workflows'], async (tx, request) => {
    const [workflow] = await request(tx.objectStore('workflows').getAll());
    tx.objectStore('workflows').put({ ...workflow, id: 'wf_future', format: 99 });
  });
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('1 stored workflows could not be read and were left out');
  await expect(page.getByRole('link', { name: 'Every new customer' })).toBeVisible();
});

test('when old object versions pile up, the next write stores the account afresh, nothing lost', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [everyCustomer]);
  await addCustomer(page, 'Ada Lovelace');
  await addCustomer(page, 'Grace Hopper');
  await expect(page.getByRole('cell', { name: 'Grace Hopper' })).toBeVisible();
  // Pretend a long history of changes: the ledger says a million versions are stored.
  await inDatabase(page, ['meta'], async (tx, request) => {
    const record = await request(tx.objectStore('meta').get('account'));
    tx.objectStore('meta').put({ ...record, json: record.json.replace(/"versions":\d+/, '"versions":1000000') });
  });
  await page.reload();
  await addCustomer(page, 'Linus Torvalds');
  await expect(page.getByRole('cell', { name: 'Linus Torvalds' })).toBeVisible();
  const stored = await inDatabase(page, ['meta', 'objects'], async (tx, request) => {
    const chunks = await request(tx.objectStore('objects').getAll());
    const json = (await request(tx.objectStore('meta').get('account'))).json;
    return {
      chunks: chunks.length,
      objects: chunks.reduce((n, c) => n + JSON.parse(c.json).length, 0),
      versions: Number(/"versions":(\d+)/.exec(json)[1]),
    };
  });
  // One chunk with every object (three customers), and the ledger counts just those.
  expect(stored).toEqual({ chunks: 1, objects: 3, versions: 3 });
  await page.reload();
  await nav(page, 'Customers');
  for (const name of ['Ada Lovelace', 'Grace Hopper', 'Linus Torvalds']) {
    await expect(page.getByRole('cell', { name })).toBeVisible();
  }
  expect(errors).toEqual([]);
});
