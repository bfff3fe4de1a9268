// Nothing lost, ever: real races between tabs of one browser profile, clicks made as early
// as possible while a large account loads on a throttled CPU, inputs too deep or too long
// on every way in, writes refused by storage, and a crash. Each scenario ends with an
// audit of what is stored: every event once, exactly one run per event and matching
// active workflow, no object id drawn twice, nothing left pending.
import { test, expect } from '@playwright/test';
import { everyCustomer, welcomeJean, importWorkflows, nav, sendBulk, watchErrors } from './helpers.mjs';
import { audit } from './audit.mjs';

/** Opens the New customer dialog of `page` filled with `name`, ready to submit. */
async function customerForm(page, name) {
  await page.getByRole('button', { name: '+ New customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'New customer' });
  await dialog.getByLabel('Name').fill(name);
  return dialog;
}

/** Submits every prepared dialog at the same instant, then waits for each to close. */
async function submitTogether(dialogs) {
  await Promise.all(dialogs.map((d) => d.getByRole('button', { name: 'Add customer' }).click()));
  for (const d of dialogs) await expect(d).toBeHidden({ timeout: 30_000 });
}

/** Clicks the button named `label` in every page at one agreed instant of the shared
 * clock, not one Playwright action after the other (which leaves the first tab time to
 * finish its change and tell the others before the next click lands). */
async function clickTogether(pages, label) {
  const at = Date.now() + 400;
  await Promise.all(pages.map((p) => p.evaluate(([name, when]) => {
    const button = [...document.querySelectorAll('button')].find((el) => el.textContent.trim() === name);
    setTimeout(() => button.click(), when - Date.now());
  }, [label, at])));
}

/** What every scenario must end with, after both tabs reloaded. */
/**
 * Two tabs of one profile, `workflow` imported in the first, both opened at `path` and
 * waited for with `ready(page)`; page errors are watched in the first.
 */
async function twoTabsAt(context, workflow, path, ready) {
  const a = await context.newPage();
  const errors = watchErrors(a);
  await importWorkflows(a, [workflow]);
  const b = await context.newPage();
  for (const p of [a, b]) {
    await p.goto(path);
    await ready(p);
  }
  return { a, b, errors };
}

async function expectNothingLost(pages, expected) {
  for (const p of pages) await p.reload();
  const [first, ...others] = pages;
  // The loading notice is drawn with the frame: once the frame is there, its absence
  // means start-up has ended.
  for (const p of pages) {
    await p.locator('.shell').waitFor();
    await expect(p.getByText('Loading your data')).toBeHidden({ timeout: 30_000 });
  }
  const stored = await audit(first);
  expect(stored.pending, 'deliveries left pending').toBe(0);
  expect(stored.doubledRuns, 'events run twice by one workflow').toBe(0);
  expect(stored.duplicateRunIds, 'run ids drawn twice').toBe(0);
  expect(stored.missingRuns, 'events without their run').toBe(0);
  expect(stored.customerIdCollisions, 'customer ids drawn twice').toBe(0);
  if (expected.customers !== undefined) expect(stored.customers).toBe(expected.customers);
  if (expected.runs !== undefined) expect(stored.runs).toBe(expected.runs);
  // Every tab shows the same account.
  for (const p of [first, ...others]) {
    await nav(p, 'Customers');
    await expect(p.getByRole('heading', { name: 'Customers', exact: true })).toBeVisible();
  }
  const counts = await Promise.all(pages.map((p) => p.locator('[data-testid="customer-count"]').innerText()));
  for (const c of counts) expect(c).toBe(counts[0]);
  // The count is written with the language's grouping (`2,605 customers`): compare its digits.
  if (expected.customers !== undefined) expect(counts[0].replace(/\D/g, '')).toBe(String(expected.customers));
  return stored;
}

test.describe('two tabs of one profile', () => {
  test('both add customers at the same instant, 15 times: 30 customers, 30 runs, no id twice', async ({ context }) => {
    const { a, b, errors } = await twoTabsAt(context, everyCustomer, '/customers',
      (p) => expect(p.getByRole('button', { name: '+ New customer' })).toBeEnabled());
    for (let i = 0; i < 15; i += 1) {
      const dialogs = [await customerForm(a, `Ada ${i}`), await customerForm(b, `Bob ${i}`)];
      await submitTogether(dialogs);
    }
    const stored = await expectNothingLost([a, b], { customers: 30, runs: 30 });
    expect(stored.events).toBe(30);
    expect(errors).toEqual([]);
  });

  test('both bulk-send at once, then one bulk-sends 2,000 while the other adds customers', async ({ context }) => {
    test.setTimeout(240_000);
    const a = await context.newPage();
    await importWorkflows(a, [everyCustomer]);
    const b = await context.newPage();
    await Promise.all([
      sendBulk(a, 'customer.created', 300, 120_000),
      sendBulk(b, 'customer.created', 300, 120_000),
    ]);
    let stored = await expectNothingLost([a, b], { customers: 600, runs: 600 });
    expect(stored.events).toBe(600);

    await a.goto('/event-generator?type=customer.created');
    await a.getByLabel('Number of events').fill('2000');
    await a.getByRole('button', { name: 'Send in bulk' }).click();
    await b.goto('/customers');
    for (let i = 0; i < 5; i += 1) {
      const dialog = await customerForm(b, `During bulk ${i}`);
      await submitTogether([dialog]);
    }
    await expect(a.getByText('Done 2000 of 2000 events')).toBeVisible({ timeout: 180_000 });
    stored = await expectNothingLost([a, b], { customers: 2605, runs: 2605 });
    for (let i = 0; i < 5; i += 1) expect(stored.customerNames).toContain(`During bulk ${i}`);
  });

  test('both add a test to one workflow at the same instant, 5 times: 10 tests kept', async ({ context }) => {
    const add = (p) => p.getByRole('button', { name: 'New test from a generated event' });
    const { a, b, errors } = await twoTabsAt(context, everyCustomer, `/workflows/${everyCustomer.id}`,
      (p) => expect(add(p)).toBeEnabled());
    for (let i = 1; i <= 5; i += 1) {
      await clickTogether([a, b], 'New test from a generated event');
      for (const p of [a, b]) await expect(p.getByText('Added “Test')).toBeVisible({ timeout: 30_000 });
      // Each test is stored under its own id: none was written over another.
      for (const p of [a, b]) {
        await p.reload();
        await expect(p.getByTestId('test-row')).toHaveCount(2 * i, { timeout: 30_000 });
        await expect(add(p)).toBeEnabled();
      }
    }
    expect(errors).toEqual([]);
  });

  test('a test renamed in two tabs at the same instant: one rename is stored, the other refused and said', async ({ context }) => {
    const { a, b, errors } = await twoTabsAt(context, everyCustomer, `/workflows/${everyCustomer.id}`,
      (p) => expect(p.getByRole('button', { name: 'New test from a generated event' })).toBeEnabled());
    await a.getByRole('button', { name: 'New test from a generated event' }).click();
    // The other tab shows the new test without a reload.
    for (const p of [a, b]) await expect(p.getByTestId('test-row')).toHaveCount(1);
    for (const [p, name] of [[a, 'Named in A'], [b, 'Named in B']]) {
      const row = p.getByTestId('test-row');
      await row.locator('summary').click();
      await row.getByRole('button', { name: 'Rename' }).click();
      await row.getByRole('textbox', { name: 'Name' }).fill(name);
    }
    await clickTogether([a, b], 'Save name');
    const renamed = (p) => p.getByRole('status').filter({ hasText: 'Test renamed' });
    const refused = (p) => p.getByRole('alert').filter({ hasText: 'changed or deleted in another tab' });
    await expect(async () => {
      const said = await Promise.all([a, b].map(async (p) => [await renamed(p).count(), await refused(p).count()]));
      // One tab stored its name; the other was told, and stored nothing over it.
      expect(said.map(([r, f]) => `${r}${f}`).sort()).toEqual(['01', '10']);
    }).toPass({ timeout: 15_000 });
    const winner = (await renamed(a).count()) === 1 ? 'Named in A' : 'Named in B';
    for (const p of [a, b]) await expect(p.getByTestId('test-row')).toContainText(winner);
    for (const p of [a, b]) {
      await p.reload();
      await expect(p.getByTestId('test-row')).toHaveCount(1);
      await expect(p.getByTestId('test-row')).toContainText(winner);
    }
    expect(errors).toEqual([]);
  });

  test('one workflow edited in two tabs: a clean editor follows, a save over a newer one asks first', async ({ context }) => {
    const nameBox = (p) => p.getByRole('textbox', { name: 'Workflow name' });
    // Saved means stored: the editor's "Unsaved changes" goes once the write is done.
    const save = async (p) => p.getByRole('button', { name: 'Save', exact: true }).click();
    const saved = async (p) => expect(p.getByText('Unsaved changes')).toBeHidden();
    const { a, b, errors } = await twoTabsAt(context, welcomeJean, `/workflows/${welcomeJean.id}`,
      (p) => expect(nameBox(p)).toHaveValue(welcomeJean.name));
    // B has nothing unsaved: it shows what A saved, and says why.
    await nameBox(a).fill('Saved in A');
    await save(a);
    await saved(a);
    await expect(nameBox(b)).toHaveValue('Saved in A');
    await expect(b.getByText('This workflow was changed in another tab: the editor shows it as saved there')).toBeVisible();
    // B has unsaved changes while A saves again: B's save is refused, nothing is lost.
    await nameBox(b).fill('Typed in B');
    await nameBox(a).fill('Saved in A again');
    await save(a);
    await saved(a);
    await expect(nameBox(b)).toHaveValue('Typed in B');
    await save(b);
    const conflict = b.getByRole('alert').filter({ hasText: 'changed in another tab since you opened it' });
    await expect(conflict).toBeVisible();
    await a.reload();
    await expect(nameBox(a)).toHaveValue('Saved in A again');
    // Load that version: B shows A's; then B's own change, saved over it when chosen.
    await conflict.getByRole('button', { name: 'Load that version' }).click();
    await expect(nameBox(b)).toHaveValue('Saved in A again');
    await nameBox(b).fill('Typed in B');
    await nameBox(a).fill('Saved in A a third time');
    await save(a);
    await saved(a);
    await save(b);
    await conflict.getByRole('button', { name: 'Save mine over it' }).click();
    await expect(b.getByText('Saved', { exact: true })).toBeVisible();
    await a.reload();
    await expect(nameBox(a)).toHaveValue('Typed in B');
    expect(errors).toEqual([]);
  });

  test('four tabs add customers at the same instant: every customer and run kept once', async ({ context }) => {
    test.setTimeout(120_000);
    const first = await context.newPage();
    await importWorkflows(first, [everyCustomer]);
    const pages = [first];
    for (let i = 0; i < 3; i += 1) pages.push(await context.newPage());
    for (const p of pages) {
      await p.goto('/customers');
      await expect(p.getByRole('button', { name: '+ New customer' })).toBeEnabled();
    }
    for (let round = 0; round < 5; round += 1) {
      const dialogs = [];
      for (const [i, p] of pages.entries()) dialogs.push(await customerForm(p, `Tab ${i} round ${round}`));
      await submitTogether(dialogs);
    }
    await expectNothingLost(pages, { customers: 20, runs: 20 });
  });
});

test('clicks made as early as possible during start-up change nothing until it has loaded', async ({ page }) => {
  test.setTimeout(240_000);
  await importWorkflows(page, [everyCustomer]);
  await sendBulk(page, 'customer.created', 3000, 180_000);
  // A customer renamed before the reload keeps its name.
  await nav(page, 'Customers');
  await page.locator('table a[href^="/customers/cus_"]').first().click();
  await page.getByRole('button', { name: 'Edit customer' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit customer' });
  await edit.getByLabel('Name').fill('Renamed before reload');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(edit).toBeHidden();
  const before = await audit(page);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  // Click Send event every few milliseconds from the first moment the page can run code.
  // (Once: the script runs again on every later load of the page.)
  await page.addInitScript(() => {
    if (sessionStorage.getItem('early-clicks-done')) return;
    sessionStorage.setItem('early-clicks-done', '1');
    window.__clicks = { whileLoading: 0, sent: 0 };
    const timer = setInterval(() => {
      const button = [...document.querySelectorAll('button')].find((b) => /Send event|Loading/.test(b.textContent));
      if (!button) return;
      if (button.disabled) {
        window.__clicks.whileLoading += 1;
        button.click();
      } else {
        button.click();
        window.__clicks.sent += 1;
        clearInterval(timer);
      }
    }, 5);
  });
  await page.goto('/event-generator?type=customer.created');
  await expect(page.getByRole('region', { name: 'Event sent' })).toBeVisible({ timeout: 120_000 });
  const clicks = await page.evaluate(() => window.__clicks);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  expect(clicks.whileLoading, 'clicks made while loading').toBeGreaterThan(0);
  expect(clicks.sent).toBe(1);

  const after = await expectNothingLost([page], {});
  // Nothing went backwards: the one send's events (a customer.created scenario may cause
  // more than one) and exactly one more run than before, the rename kept.
  expect(after.events).toBeGreaterThan(before.events);
  expect(after.runs).toBe(before.runs + 1);
  expect(after.customerNames).toContain('Renamed before reload');
});

test.describe('inputs too deep or too long are refused before anything is stored', () => {
  test('an override nested 125 levels deep, and a path of 6,000 segments', async ({ page }) => {
    const errors = watchErrors(page);
    await page.goto('/event-generator?type=customer.created');
    await page.getByRole('button', { name: 'Add field override' }).click();
    const deep = `${'{"a":'.repeat(125)}1${'}'.repeat(125)}`;
    await page.getByLabel('Field path 1').fill('metadata.deep');
    await page.getByLabel('Value 1').fill(deep);
    await page.getByRole('button', { name: 'Send event', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: /levels/ })).toBeVisible();

    await page.getByLabel('Field path 1').fill(Array(6000).fill('a').join('.'));
    await page.getByLabel('Value 1').fill('x');
    await page.getByRole('button', { name: 'Send event', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: /path/ })).toBeVisible();
    await expect(page.locator('#crash')).toHaveCount(0);

    // The account still loads, with nothing of either stored.
    await page.reload();
    await page.locator('.shell').waitFor();
    await expect(page.getByText('Loading your data')).toBeHidden({ timeout: 30_000 });
    const stored = await audit(page);
    expect(stored.events).toBe(0);
    await expect(page.getByRole('alert').filter({ hasText: /could not be read/ })).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test("customer metadata beyond Stripe's limits is refused with the limit", async ({ page }) => {
    await page.goto('/customers');
    await page.getByRole('button', { name: '+ New customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'New customer' });
    await dialog.getByLabel('Name').fill('Meta');
    await dialog.getByRole('button', { name: /Add metadata/ }).click();
    await dialog.getByLabel(/Key/).first().fill('k'.repeat(41));
    await dialog.getByLabel(/Value/).first().fill('v');
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await expect(dialog.getByRole('alert')).toContainText('40');
    await dialog.getByLabel(/Key/).first().fill('tier');
    await dialog.getByLabel(/Value/).first().fill('v'.repeat(501));
    await dialog.getByRole('button', { name: 'Add customer' }).click();
    await expect(dialog.getByRole('alert')).toContainText('500');
    expect((await audit(page)).customers).toBe(0);
  });

  test('a workflow file nested 100,000 levels deep is refused without a crash', async ({ page }) => {
    await page.goto('/workflows');
    const input = page.getByLabel('Import workflows');
    await expect(input).toBeEnabled();
    await input.setInputFiles({
      name: 'deep.json', mimeType: 'application/json',
      buffer: Buffer.from('['.repeat(100_000)),
    });
    await expect(page.getByRole('alert').first()).toContainText(/Nothing was imported/);
    await expect(page.locator('#crash')).toHaveCount(0);
  });
});

test.describe('writes refused by storage', () => {
  // Storage refuses the next `times` writes into `store`, as a full disk does
  // (QuotaExceededError); set from the test with window.__refuse = { store, times }.
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function refusing(...args) {
        const refuse = window.__refuse;
        if (refuse && refuse.times > 0 && this.name === refuse.store) {
          refuse.times -= 1;
          window.__refused = (window.__refused || 0) + 1;
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        }
        return put.apply(this, args);
      };
    });
  });

  test('the first write of a delivery refused: nothing is kept, the page says so', async ({ page }) => {
    await importWorkflows(page, [everyCustomer]);
    await page.goto('/event-generator?type=customer.created');
    await page.evaluate(() => { window.__refuse = { store: 'events', times: 1 }; });
    await page.getByRole('button', { name: 'Send event', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: /not saved/ }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Send event', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Event sent' })).toBeVisible();
    const stored = await expectNothingLost([page], { runs: 1 });
    expect(stored.events).toBe(1);
  });

  test('the second write refused: the event waits and its run is stored by the retry', async ({ page }) => {
    await importWorkflows(page, [everyCustomer]);
    await page.goto('/event-generator?type=customer.created');
    await page.evaluate(() => { window.__refuse = { store: 'runs', times: 1 }; });
    await page.getByRole('button', { name: 'Send event', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: /Saved, but its workflow run could not be saved yet/ })).toBeVisible();
    await page.screenshot({ path: new URL('../../docs/refused-write.png', import.meta.url).pathname });
    // The page says one event waits; the retry stores its run by itself (2 s later).
    const waiting = page.getByText(/saved events? (is|are) waiting/);
    await expect(waiting).toBeVisible();
    await expect(waiting).toBeHidden({ timeout: 20_000 });
    const stored = await expectNothingLost([page], { runs: 1 });
    expect(stored.events).toBe(1);
  });

  test('a bulk send with refused writes counts what is stored; the retries store the rest', async ({ page }) => {
    test.setTimeout(120_000);
    await importWorkflows(page, [everyCustomer]);
    await page.goto('/event-generator?type=customer.created');
    await page.getByLabel('Number of events').fill('1000');
    // The bulk send stops at the first refusal; the retries (2, 5 and 15 s later) meet the
    // other three.
    await page.evaluate(() => { window.__refuse = { store: 'runs', times: 4 }; });
    await page.getByRole('button', { name: 'Send in bulk' }).click();
    await expect(page.getByText(/storage refused a write/)).toBeVisible({ timeout: 60_000 });
    const summary = page.getByRole('definition');
    await expect(summary.first()).toBeVisible();
    // What the page reported equals what is stored.
    const runsShown = Number(await page.locator('dl.summary div:has(dt:text-is("Runs")) dd').innerText());
    await expect(page.getByText(/saved events? (is|are) waiting/)).toBeHidden({ timeout: 90_000 });
    const stored = await audit(page);
    expect(stored.pending).toBe(0);
    expect(stored.missingRuns).toBe(0);
    expect(stored.doubledRuns).toBe(0);
    expect(stored.runs).toBeGreaterThanOrEqual(runsShown);
    expect(stored.runs).toBe(stored.events);
  });
});

test('a crash shows a banner with Reload and the error text, and stored data is kept', async ({ page }) => {
  await importWorkflows(page, [everyCustomer]);
  await page.evaluate(() => {
    try { window.wasmBindings.sandflow_crash_test(); } catch (e) { /* the panic aborts the call */ }
  });
  const banner = page.getByRole('alert').filter({ hasText: 'Sandflow stopped because of an error' });
  await expect(banner).toBeVisible();
  await expect(banner.getByLabel('Error text')).toHaveValue(/crash asked for by the crash test/);
  await page.screenshot({ path: new URL('../../docs/crash.png', import.meta.url).pathname });
  await banner.getByRole('link', { name: 'Reload' }).click();
  await expect(page.getByRole('link', { name: 'Every new customer' })).toBeVisible();
});

test('the app runs under its Content-Security-Policy without a violation', async ({ page }) => {
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.goto('/workflows');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("'unsafe-eval'");
  await importWorkflows(page, [everyCustomer]);
  await page.getByRole('link', { name: 'Every new customer' }).click();
  await nav(page, 'Customers');
  await nav(page, 'Event generator');
  await nav(page, 'Workbench');
  expect(violations).toEqual([]);
});
