// Testing workflows in the sandbox as a person would: create customers, fire events one at
// a time or in bulk, move the clock, and read what ran in Recent runs, on the run page, in
// Workbench and in the Outbox. Workflows come in through the page's own Import button.
import { test, expect } from '@playwright/test';

import {
  welcomeJean, broken, everyCustomer, importWorkflows, addCustomer, nav, watchErrors,
  sendEvent, sendBulk,
} from './helpers.mjs';

test('the seed test: Jean Dupont runs the workflow, every step is readable and linked', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [welcomeJean]);
  const dialog = await addCustomer(page, 'Jean Dupont', 'jean@example.com');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: /\S/ }).first()).toContainText('1 workflow run started');
  await expect(page.getByRole('cell', { name: 'Jean Dupont' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'jean@example.com' })).toBeVisible();

  // Recent runs on the workflow page.
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Welcome Jean' }).click();
  const runs = page.getByRole('region', { name: 'Recent runs' });
  await expect(runs.getByRole('heading', { name: 'Recent runs' })).toBeVisible();
  await expect(runs.getByRole('img', { name: /Runs per day by status/ })).toBeVisible();
  const row = runs.getByRole('row').filter({ hasText: 'customer.created' });
  await expect(row).toHaveCount(1);
  await expect(row.getByText('Succeeded', { exact: true })).toBeVisible();
  // How long it took, timed while it ran.
  await expect(row.getByRole('cell').nth(3)).toHaveText('v1');
  await expect(row.getByRole('cell').nth(5)).toHaveText(/^\d+(\.\d+)? (ms|s)$/);

  // The run: trigger, the action with its resolved input, the email as sent.
  await row.getByRole('link').click();
  await expect(page).toHaveURL(/\/workflows\/wf_e2e_jean\/runs\/wfrun_/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Succeeded');
  const steps = page.locator('.run-flow > li');
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('customer.created');
  await expect(steps.nth(1)).toContainText('Update a customer');
  await expect(steps.nth(1)).toContainText('Succeeded');
  await expect(steps.nth(1)).toContainText(/"customer": "cus_\w+"/);
  await expect(steps.nth(1)).toContainText('"greeted": "yes"');
  await expect(steps.nth(1).locator('.step-card__header')).toContainText(/\d+(\.\d+)? (ms|s)/);
  await expect(steps.nth(2)).toContainText('New customer Jean Dupont');
  await expect(steps.nth(2)).toContainText('Say hello to Jean Dupont.');
  await page.screenshot({ path: new URL('../../docs/run.png', import.meta.url).pathname, fullPage: true });
  // Inspect in Workbench: on the trigger and the action, not on the email.
  await expect(steps.nth(2).getByRole('link', { name: 'Inspect in Workbench' })).toHaveCount(0);
  const runUrl = page.url();
  await steps.nth(1).getByRole('link', { name: 'Inspect in Workbench' }).click();
  await expect(page).toHaveURL(/\/workbench\?tab=logs&id=req_/);
  await expect(page.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.workbench__detail')).toContainText(/POST \/v1\/customers\/cus_\w+/);
  await expect(page.locator('.workbench__detail')).toContainText('"status": 200');

  await page.goBack();
  await expect(page).toHaveURL(runUrl);
  await page.locator('.run-flow > li').first().getByRole('link', { name: 'Inspect in Workbench' }).click();
  await expect(page).toHaveURL(/\/workbench\?tab=events&id=evt_/);
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  const detail = page.locator('.workbench__detail');
  await expect(detail).toContainText('"type": "customer.created"');
  await expect(detail).toContainText('"name": "Jean Dupont"');

  // Inspect resource shows the customer the event carried.
  await page.goBack();
  await expect(page).toHaveURL(runUrl);
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Inspect resource' }).click();
  const resource = page.getByRole('dialog', { name: 'Inspect resource' });
  await expect(resource).toContainText('"object": "customer"');
  await expect(resource).toContainText('"email": "jean@example.com"');
  await resource.getByRole('button', { name: 'Close' }).click();

  // The Outbox has the email, linked to its run.
  await nav(page, 'Outbox');
  await expect(page.getByRole('list', { name: 'Emails' })).toContainText('New customer Jean Dupont');
  const email = page.getByRole('article', { name: 'Email' });
  await expect(email).toContainText('team@example.com');
  await expect(email).toContainText('Say hello to Jean Dupont.');
  await email.getByRole('link', { name: 'View run' }).click();
  await expect(page).toHaveURL(runUrl);
  expect(errors).toEqual([]);
});

test('Marie does not match the condition: no run', async ({ page }) => {
  await importWorkflows(page, [welcomeJean]);
  await addCustomer(page, 'Marie Curie', 'marie@example.com');
  await expect(page.getByRole('status').filter({ hasText: /\S/ }).first()).toContainText('No workflow ran.');
  await expect(page.getByRole('cell', { name: 'Marie Curie' })).toBeVisible();
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Welcome Jean' }).click();
  await expect(page.getByText('No runs yet.')).toBeVisible();
});

test('an email without @ is refused next to the field; a name with markup stays text', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/customers');
  const dialog = await addCustomer(page, 'Jean Sans Arobase', 'jean.example.com');
  await expect(dialog.getByRole('alert')).toContainText('Invalid email address: jean.example.com');
  await expect(dialog.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('No customers yet')).toBeVisible();

  const markup = '<img src=x onerror=alert(1)>';
  await addCustomer(page, markup, '');
  await expect(page.getByRole('cell', { name: markup })).toBeVisible();
  await expect(page.locator('main img')).toHaveCount(0);
  await page.getByRole('link', { name: markup }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(markup);
  await nav(page, 'Workbench');
  await page.getByRole('link', { name: /customer\.created/ }).first().click();
  await expect(page.locator('.workbench__detail')).toContainText(`"name": "${markup}"`);
  await expect(page.locator('main img')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a customer can be edited (customer.updated with previous values) and deleted', async ({ page }) => {
  await page.goto('/customers');
  await addCustomer(page, 'Jean Valjean', 'jv@example.com');
  await page.getByRole('link', { name: 'Jean Valjean' }).click();
  await page.getByRole('button', { name: 'Edit customer' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit customer' });
  await edit.getByLabel('Name').fill('Jean Valjean 24601');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: /\S/ }).first()).toContainText('customer.updated fired');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jean Valjean 24601');

  await nav(page, 'Workbench');
  await page.getByLabel('Filter by type').fill('customer.updated');
  await page.getByRole('list', { name: 'Events' }).getByRole('link').first().click();
  const detail = page.locator('.workbench__detail');
  await expect(detail).toContainText('"previous_attributes"');
  await expect(detail).toContainText('"name": "Jean Valjean"');

  await page.goBack();
  await page.goBack();
  await page.getByRole('button', { name: 'Delete customer' }).click();
  await page.getByRole('dialog', { name: 'Delete customer' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await expect(page.getByText('No customers yet')).toBeVisible();
});

test('Event generator: one event with an override triggers the workflow, linked to its run', async ({ page }) => {
  const errors = watchErrors(page);
  // The dispute sent below creates a customer with a random name, which can start with
  // "Jean": this workflow wants the overridden name exactly, so only the first send runs it.
  const onlyGenerated = {
    ...welcomeJean,
    trigger: { event_type: 'customer.created', condition: {
      compare: { field: 'trigger.data.object.name', op: 'equals', value: 'Jean Généré', kind: 'string' },
    } },
  };
  await importWorkflows(page, [onlyGenerated]);
  await nav(page, 'Event generator');
  await expect(page.getByText('No events sent yet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send event', exact: true })).toBeDisabled();
  await page.getByLabel('Search event types').fill('customer created');
  await page.getByRole('button', { name: /Customer created customer\.created/ }).click();
  await expect(page).toHaveURL(/type=customer\.created/);
  await page.getByRole('button', { name: 'Add field override' }).click();
  await page.getByLabel('Field path 1').fill('name');
  await page.getByLabel('Value 1').fill('Jean Généré');
  await page.getByRole('button', { name: 'Send event', exact: true }).click();

  const report = page.getByRole('region', { name: 'Event sent' });
  await expect(report).toContainText(/customer\.created\s+evt_\w+/);
  await expect(report.getByRole('heading', { name: 'Triggered 1 run' })).toBeVisible();
  await expect(report.getByRole('cell', { name: 'Welcome Jean' })).toBeVisible();
  await expect(report.getByText('Succeeded', { exact: true })).toBeVisible();
  await report.getByRole('link', { name: /^wfrun_/ }).click();
  await expect(page.locator('.run-flow > li').nth(2)).toContainText('New customer Jean Généré');

  // Browsing by category reaches non-suggested types too.
  await nav(page, 'Event generator');
  await page.locator('summary').filter({ hasText: /^Dispute\s*\d+$/ }).click();
  await page.getByRole('button', { name: /charge\.dispute\.funds_withdrawn/ }).click();
  await page.getByRole('button', { name: 'Send event', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Event sent' })).toContainText('charge.dispute.funds_withdrawn');
  await expect(page.getByRole('heading', { name: 'No workflow ran' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('bulk: 1,000 events with duplicates and out of order, progress to the end and a summary', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await importWorkflows(page, [everyCustomer]);
  await page.goto('/event-generator?type=customer.created');
  await page.getByLabel('Number of events').fill('1000');
  await page.getByLabel(/Deliver some events twice/).check();
  await page.getByLabel('Deliver out of order').check();
  await page.getByRole('button', { name: 'Send in bulk' }).click();
  // The page answers while it sends: Stop is there and the bar moves.
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Bulk send progress' });
  await expect(bar).toHaveAttribute('max', '1000');
  await expect(page.getByText('Done 1000 of 1000 events')).toBeVisible({ timeout: 150_000 });
  await expect(bar).toHaveAttribute('value', '1000');
  const summary = page.getByRole('definition');
  const value = async (term) => Number(await page.locator('.summary div', { hasText: term }).locator('dd').innerText());
  expect(await value('Events')).toBe(1000);
  const delivered = await value('Delivered');
  expect(delivered).toBeGreaterThan(1000); // duplicates
  const runs = await value('Runs');
  expect(runs).toBeGreaterThanOrEqual(1000);
  expect(runs).toBeLessThan(delivered);
  expect(await value('Succeeded')).toBe(runs);
  expect(await value('Failed')).toBe(0);
  await expect(page.locator('.summary div', { hasText: 'Time taken' })).toContainText(/\d+\.\d s/);
  await expect(summary.first()).toBeVisible();
  await page.screenshot({ path: new URL('../../docs/event-generator.png', import.meta.url).pathname, fullPage: true });
  expect(errors).toEqual([]);
});

test('bulk: several event types in turn, picked from the catalog; an unknown type finds nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/event-generator?type=customer.created');
  const types = page.getByRole('list', { name: 'Event types of the bulk send' });
  await expect(types.getByRole('listitem')).toHaveText(['customer.created']);
  const addType = page.getByRole('button', { name: 'Add type' });
  const mixIn = page.getByRole('searchbox', { name: 'Mix in another type' });
  await addType.click();
  await expect(mixIn).toBeFocused();
  await mixIn.fill('invoice.payed');
  await expect(page.getByText('No event type matches')).toBeVisible();
  await mixIn.press('Enter');
  await expect(types.getByRole('listitem')).toHaveCount(1);
  // Enter in the search box picks the first match and closes the list.
  await mixIn.fill('invoice.paid');
  await mixIn.press('Enter');
  await expect(mixIn).toBeHidden();
  await addType.click();
  await mixIn.fill('payout paid');
  await page.getByRole('button', { name: /^Payout paid/ }).click();
  await expect(types.getByRole('listitem')).toHaveText(['customer.created', /invoice\.paid/, /payout\.paid/]);
  await page.getByRole('button', { name: 'Remove payout.paid' }).click();
  await expect(types.getByRole('listitem')).toHaveCount(2);

  await page.getByLabel('Number of events').fill('30');
  await page.getByRole('button', { name: 'Send in bulk' }).click();
  await expect(page.getByText('Done 30 of 30 events')).toBeVisible({ timeout: 60_000 });
  await nav(page, 'Workbench');
  const events = page.getByRole('list', { name: 'Events' });
  await page.getByLabel('Filter by type').fill('invoice.paid');
  await expect(events.getByRole('link')).toHaveCount(15);
  await page.getByLabel('Filter by type').fill('customer.created');
  // 15 asked for, and the customer each paid invoice was made for.
  await expect(events.getByRole('link')).toHaveCount(30);
  await page.getByLabel('Filter by type').fill('payout.paid');
  await expect(events.getByRole('link')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Workbench: Events, Logs and Objects each open as JSON, selection in the address', async ({ page }) => {
  await page.goto('/workbench');
  await expect(page.getByText('No events or requests yet')).toBeVisible();
  await addCustomer(page, 'Ada Lovelace', 'ada@example.com');
  await nav(page, 'Workbench');
  await page.getByRole('list', { name: 'Events' }).getByRole('link', { name: /customer\.created/ }).click();
  await expect(page).toHaveURL(/tab=events&id=evt_/);
  await expect(page.locator('.workbench__detail')).toContainText('"object": "event"');
  await expect(page.locator('.workbench__detail')).toContainText('"name": "Ada Lovelace"');
  const eventUrl = page.url();

  await page.getByRole('tab', { name: 'Logs' }).click();
  const log = page.getByRole('list', { name: 'Request logs' }).getByRole('link', { name: /POST \/v1\/customers/ });
  await log.click();
  await expect(page).toHaveURL(/tab=logs&id=req_/);
  await expect(page.locator('.workbench__detail')).toContainText('"action": "customers.create"');
  await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
  await expect(page.getByText('No request matches.')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/tab=logs$/);
  await page.goBack();
  await expect(page).toHaveURL(eventUrl);
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.workbench__detail')).toContainText('"type": "customer.created"');

  await page.getByRole('tab', { name: 'Objects' }).click();
  await page.getByRole('list', { name: 'Objects' }).getByRole('link', { name: /Ada Lovelace/ }).click();
  await expect(page).toHaveURL(/tab=objects&type=customer&id=cus_/);
  await expect(page.locator('.workbench__detail')).toContainText('"email": "ada@example.com"');
  // The JSON tree folds.
  const fold = page.locator('.workbench__detail .json__fold').first();
  await fold.locator('summary').first().click();
  await expect(fold).not.toHaveAttribute('open', '');
});

test('Workbench reads history older than the 5,000 items memory keeps from storage', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  // Jean Dupont runs both: one run succeeds, the other fails with a 404 request.
  await importWorkflows(page, [welcomeJean, broken]);
  await addCustomer(page, 'Jean Dupont', 'jean@example.com');
  await nav(page, 'Workflows');
  await page.getByRole('row', { name: /Tag a missing customer/ }).getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByRole('row', { name: /Tag a missing customer/ })).toContainText('Inactive');
  await page.getByRole('link', { name: 'Welcome Jean' }).click();
  await page.getByRole('region', { name: 'Recent runs' }).getByRole('row')
    .filter({ hasText: 'customer.created' }).getByRole('link').click();
  await expect(page).toHaveURL(/\/runs\/wfrun_/);
  const runUrl = page.url();

  // One payout, then more than 5,000 new customers push it out of memory.
  const payoutId = await sendEvent(page, 'payout.paid');
  await sendBulk(page, 'customer.created', 5200, 200_000);

  let newest;
  for (const reload of [false, true]) {
    if (reload) await page.reload();
    await nav(page, 'Workbench');
    const events = page.getByRole('list', { name: 'Events' });
    await expect(events.getByRole('link')).toHaveCount(100);
    // After a reload, memory holds the same newest events, though all share one second.
    const first = await events.getByRole('link').first().innerText();
    if (reload) expect(first).toBe(newest);
    newest = first;
    await page.getByLabel('Filter by type').fill('payout.paid');
    // Not in memory any more: read through the by-type index.
    await expect(events.getByRole('link')).toHaveCount(1);
    await events.getByRole('link', { name: /payout\.paid/ }).click();
    // Its link names the stored record holding it.
    await expect(page).toHaveURL(new RegExp(`tab=events&id=${payoutId}&in=events_\\d{15}_\\d{10}_\\w+$`));
    await expect(page.locator('.workbench__detail')).toContainText('"type": "payout.paid"');
    await expect(page.locator('.workbench__detail')).toContainText('"object": "payout"');

    // Search by id finds it too, without the type.
    await page.getByLabel('Filter by type').fill('');
    await page.getByLabel('Search by id').fill(payoutId);
    await expect(events.getByRole('link')).toHaveCount(1);
    await expect(events.getByRole('link')).toContainText(payoutId);

    // The run's trigger event and its request, long out of memory: the links say where
    // to look (the event's type and time, the request's run).
    await page.goto(runUrl);
    await page.locator('.run-flow > li').first().getByRole('link', { name: 'Inspect in Workbench' }).click();
    await expect(page).toHaveURL(/tab=events&id=evt_\w+&kind=customer\.created&at=\d+$/);
    await expect(page.locator('.workbench__detail')).toContainText('"name": "Jean Dupont"');
    await page.goBack();
    await page.locator('.run-flow > li').nth(1).getByRole('link', { name: 'Inspect in Workbench' }).click();
    await expect(page).toHaveURL(/tab=logs&id=req_\w+&run=wfrun_/);
    await expect(page.locator('.workbench__detail')).toContainText(/POST \/v1\/customers\/cus_\w+/);
    await expect(page.getByLabel('Filter by run')).toHaveValue(/^wfrun_/);
    await expect(page.getByRole('list', { name: 'Request logs' }).getByRole('link')).toHaveCount(1);

    // The one failed request, older than every request memory holds.
    await page.getByLabel('Filter by run').fill('');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('failed');
    const failed = page.getByRole('list', { name: 'Request logs' }).getByRole('link');
    await expect(failed).toHaveCount(1);
    await expect(failed).toContainText('404 POST /v1/customers/cus_doesnotexist');
    await failed.click();
    await expect(page).toHaveURL(/tab=logs&id=req_\w+&in=logs_\d{20}$/);
    await expect(page.locator('.workbench__detail')).toContainText("No such customer: 'cus_doesnotexist'");
  }
  expect(errors).toEqual([]);
});

test('Outbox starts empty', async ({ page }) => {
  await page.goto('/outbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Outbox' })).toBeVisible();
  await expect(page.getByText('No emails yet')).toBeVisible();
});

test('the sandbox clock is always shown and advances by days and hours', async ({ page }) => {
  await page.goto('/customers');
  const clock = page.getByTestId('sandbox-time');
  // The shown text follows the language (`Intl`); the `datetime` attribute is the instant.
  const read = async () => Date.parse(await clock.locator('time').getAttribute('datetime'));
  const before = await read();
  expect(Math.abs(before - Date.now())).toBeLessThan(120_000);
  await page.getByRole('button', { name: 'Advance time' }).click();
  const panel = page.getByRole('region', { name: 'Advance time' });
  await panel.getByLabel('Advance by').fill('3');
  await panel.getByLabel('Unit').selectOption('days');
  await panel.getByRole('button', { name: 'Advance', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText(/Advanced 3 days: \d+ events? happened\./);
  expect(await read() - before).toBe(3 * 86_400_000);
  await panel.getByLabel('Advance by').fill('1');
  await panel.getByLabel('Unit').selectOption('hours');
  await panel.getByRole('button', { name: 'Advance', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('Advanced 1 hour');
  expect(await read() - before).toBe(3 * 86_400_000 + 3_600_000);
  // A date in the past is refused: the clock only moves forward.
  await panel.getByLabel('To date (UTC)').fill('2001-01-01T00:00');
  await panel.getByRole('button', { name: 'Advance to date' }).click();
  await expect(panel.getByRole('alert')).toContainText('only moves forward');
  // It survives a reload and shows on every page.
  await page.reload();
  await nav(page, 'Workbench');
  expect(await read() - before).toBe(3 * 86_400_000 + 3_600_000);
});

test('a failed run says why; Rerun is refused while the workflow is inactive and works once active', async ({ page }) => {
  await importWorkflows(page, [broken]);
  await addCustomer(page, 'Grace Hopper', 'grace@example.com');
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Tag a missing customer' }).click();
  const runs = page.getByRole('region', { name: 'Recent runs' });
  await runs.getByRole('combobox', { name: 'Status' }).selectOption('succeeded');
  await expect(runs.getByText('No run has this status.')).toBeVisible();
  await runs.getByRole('combobox', { name: 'Status' }).selectOption('failed');
  await runs.getByRole('row').filter({ hasText: 'Failed' }).getByRole('link').click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('Failed');
  const failure = page.getByRole('alert').filter({ hasText: 'Failed at' });
  await expect(failure).toContainText('Failed at “Update a customer”');
  await expect(failure).toContainText("No such customer: 'cus_doesnotexist'");
  const runUrl = page.url();

  // Deactivate, then Rerun is refused with the reason.
  await nav(page, 'Workflows');
  await page.getByRole('button', { name: 'Deactivate Tag a missing customer' }).click();
  await expect(page.getByRole('row', { name: /Tag a missing customer/ })).toContainText('Inactive');
  await page.goBack();
  await expect(page).toHaveURL(runUrl);
  await page.getByRole('button', { name: 'Rerun' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Rerun refused' })).toContainText('inactive');
  await expect(page).toHaveURL(runUrl);

  // Active again: Rerun makes a new run linked to this one.
  await nav(page, 'Workflows');
  await page.getByRole('button', { name: 'Activate Tag a missing customer' }).click();
  await expect(page.getByRole('row', { name: /Tag a missing customer/ })).toContainText('Active');
  await page.goBack();
  await expect(page).toHaveURL(runUrl);
  await page.getByRole('button', { name: 'Rerun' }).click();
  await expect(page).not.toHaveURL(runUrl);
  const original = runUrl.split('/').pop();
  await expect(page.getByText(`Rerun of ${original}`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Failed');
});

test('regression: the sandbox account survives a reload', async ({ page }) => {
  // Spec §8: nothing is lost on a reload. The account record holds the generator's u64
  // state, which IndexedDB's serializer refused ("can't be represented as a JavaScript
  // number"), so customers, events and logs vanished on reload.
  await page.goto('/customers');
  await addCustomer(page, 'Ada Lovelace', 'ada@example.com');
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(page.getByText('saving to browser storage failed')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  await page.goto('/workbench?tab=events');
  await expect(page.getByRole('list', { name: 'Events' })).toContainText('customer.created');
});

test('Rerun is refused once the original event is older than 30 days of sandbox time', async ({ page }) => {
  await importWorkflows(page, [broken]);
  await addCustomer(page, 'Ada Lovelace', 'ada@example.com');
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Tag a missing customer' }).click();
  const runs = page.getByRole('region', { name: 'Recent runs' });
  await runs.getByRole('row').filter({ hasText: 'Failed' }).getByRole('link').click();
  const runUrl = page.url();

  // Move the sandbox clock past the rerun window, from the header.
  await page.getByRole('button', { name: 'Advance time' }).click();
  const panel = page.getByRole('region', { name: 'Advance time' });
  await panel.getByLabel('Advance by').fill('31');
  await panel.getByLabel('Unit').selectOption('days');
  await panel.getByRole('button', { name: 'Advance', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('Advanced 31 days');
  // The panel lies over the page: Escape closes it.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);

  await expect(page).toHaveURL(runUrl);
  await page.getByRole('button', { name: 'Rerun' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Rerun refused' });
  await expect(refusal).toContainText('31 days');
  await expect(refusal).toContainText('30');
  await expect(page).toHaveURL(runUrl);
});
