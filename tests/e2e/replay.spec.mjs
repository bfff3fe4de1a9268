// Replay and run comparison as a person uses them: what a draft would have done with the
// events that really happened (and with events imported from Stripe), with no side
// effect; two stored runs compared step by step.
import { test, expect } from '@playwright/test';

import { everyCustomer, importWorkflows, addCustomer, nav, watchErrors, sendBulk } from './helpers.mjs';

/** The Workflows list's run count of the workflow, and how many emails the Outbox holds. */
async function counts(page) {
  await nav(page, 'Workflows');
  const runs = await page.getByRole('row', { name: /Every new customer/ }).getByRole('cell').nth(3).innerText();
  await nav(page, 'Outbox');
  await expect(page.getByRole('list', { name: 'Emails' })).toBeVisible();
  const emails = await page.getByRole('list', { name: 'Emails' }).getByRole('link').count();
  return { runs, emails };
}

test('replaying 200 events against a draft shows what would change, and changes nothing', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [everyCustomer]);
  await sendBulk(page, 'customer.created', 200, 120_000);
  const before = await counts(page);
  expect(before.runs).toBe('200');

  // A draft with another subject.
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Every new customer' }).click();
  await page.getByRole('button', { name: 'Email a team member', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Step configuration' });
  await panel.getByRole('textbox', { name: 'Subject', exact: true }).fill('A new customer arrived');
  await panel.getByRole('textbox', { name: 'Subject', exact: true }).press('Tab');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await page.getByRole('link', { name: 'Replay' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Replay');
  await page.getByLabel('Number of events').fill('200');
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByText('200 of 200 events replayed')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('replay-summary')).toHaveText('200 different output');
  const results = page.getByRole('region', { name: 'Replay results' });
  await results.getByText('Show the difference').first().click();
  await expect(results.locator('.value-change').first()).toContainText('A new customer arrived');
  await page.screenshot({ path: new URL('../../docs/replay.png', import.meta.url).pathname });

  // The live version replayed against itself: the same everywhere.
  await page.getByRole('combobox', { name: 'Definition' }).selectOption('1');
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByText('200 of 200 events replayed')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('replay-summary')).toHaveText('200 same');

  // The events that v1's runs ran on, through the draft.
  await page.getByRole('radio').nth(1).check();
  await page.getByRole('combobox', { name: 'Definition' }).selectOption('draft');
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByText('200 of 200 events replayed')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('replay-summary')).toHaveText('200 different output');

  // The events of a span of sandbox time (the last day, by default), through the draft.
  await page.getByRole('radio').nth(2).check();
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByText('200 of 200 events replayed')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('replay-summary')).toHaveText('200 different output');
  const end = await page.getByLabel('Range end (UTC)').inputValue();
  await page.getByLabel('Range start (UTC)').fill(end.replace(/^(\d{4})/, (y) => String(Number(y) + 1)));
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('the range ends before it starts');

  // A replayed run kept as a test of the workflow.
  await page.getByRole('radio').first().check();
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByText('200 of 200 events replayed')).toBeVisible({ timeout: 60_000 });
  await results.getByRole('button', { name: 'Save as test' }).first().click();
  await page.getByRole('dialog', { name: 'Save as test' }).getByRole('button', { name: 'Save test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as test' })).toBeVisible();

  // Nothing was stored, sent or changed.
  expect(await counts(page)).toEqual(before);
  expect(errors).toEqual([]);
});

test('events imported from Stripe replay through the draft; bad files are refused with the reason', async ({ page }) => {
  await importWorkflows(page, [everyCustomer]);
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Every new customer' }).click();
  await page.getByRole('link', { name: 'Replay' }).click();
  const file = page.getByLabel('Import events');

  const event = (id, name, created) => ({
    id, object: 'event', api_version: '2025-09-30.clover', created, livemode: false,
    pending_webhooks: 0, request: { id: null, idempotency_key: null }, type: 'customer.created',
    data: { object: { id: `cus_${id.slice(4)}`, object: 'customer', name, email: null, metadata: {}, created } },
  });
  // The output of `stripe listen --format JSON`: one event per line, among the CLI's logs.
  const listen = [
    'Ready! Your webhook signing secret is whsec_test (^C to quit)',
    JSON.stringify(event('evt_1AbCdEfGh1', 'Ada Lovelace', 1_700_000_000)),
    '2026-12-01 10:00:00   --> customer.created [evt_1AbCdEfGh1]',
    JSON.stringify(event('evt_1AbCdEfGh2', 'Grace Hopper', 1_700_000_060)),
  ].join('\n');
  await file.setInputFiles({ name: 'listen.txt', mimeType: 'text/plain', buffer: Buffer.from(listen) });
  await expect(page.getByRole('status').filter({ hasText: '2 events read' })).toContainText('2 log lines skipped');
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByText('2 of 2 events replayed')).toBeVisible();
  await expect(page.getByTestId('replay-summary')).toHaveText('2 now run');

  // Then into the sandbox: their objects are kept and the active workflow runs on them, once.
  await page.getByRole('button', { name: 'Add to the sandbox' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'added to the sandbox' })).toHaveText('2 events added to the sandbox; 2 workflow runs started.');
  await page.getByRole('button', { name: 'Add to the sandbox' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'nothing was added' })).toBeVisible();
  await nav(page, 'Customers');
  await expect(page.getByRole('cell', { name: 'Grace Hopper' })).toBeVisible();
  await nav(page, 'Workflows');
  await expect(page.getByRole('row', { name: /Every new customer/ }).getByRole('cell').nth(3)).toHaveText('2');
  await page.getByRole('link', { name: 'Every new customer' }).click();
  await page.getByRole('link', { name: 'Replay' }).click();

  await file.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"data": [') });
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was imported' })).toContainText('not JSON');
});

test('two stored runs compared step by step, from Recent runs', async ({ page }) => {
  await importWorkflows(page, [everyCustomer]);
  await addCustomer(page, 'Ada Lovelace');
  await addCustomer(page, 'Grace Hopper');
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Every new customer' }).click();
  const runs = page.getByRole('region', { name: 'Recent runs' });
  await expect(runs.getByText('Tick two runs to compare them.')).toBeVisible();
  const boxes = runs.getByRole('checkbox');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await runs.getByRole('link', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/\/runs\/wfrun_\w+\/compare\/wfrun_\w+$/);
  const diff = page.getByRole('region', { name: 'Run differences' });
  await expect(diff).toContainText('Both runs took the same path.');
  await expect(diff).toContainText('step_all');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Run differences' })).toContainText('Both runs took the same path.');
});

test('the Event generator takes one event from Stripe into the sandbox', async ({ page }) => {
  await importWorkflows(page, [everyCustomer]);
  await page.goto('/event-generator');
  const section = page.getByRole('region', { name: 'Events from Stripe' });
  // What `stripe events retrieve` prints: one event.
  const event = {
    id: 'evt_1Retrieved01', object: 'event', api_version: '2025-09-30.clover', created: 1_700_000_000,
    livemode: false, pending_webhooks: 1, request: { id: 'req_abcdefgh12', idempotency_key: null },
    type: 'customer.created',
    data: { object: { id: 'cus_Retrieved01', object: 'customer', name: 'Katherine Johnson', email: 'kj@example.com', metadata: {} } },
  };
  await section.getByLabel('Import events').setInputFiles({ name: 'event.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(event)) });
  await expect(section.getByRole('status').filter({ hasText: '1 event read' })).toBeVisible();
  await section.getByRole('button', { name: 'Add to the sandbox' }).click();
  await expect(section.getByRole('status').filter({ hasText: 'added' })).toHaveText('1 event added to the sandbox; 1 workflow run started.');
  await nav(page, 'Customers');
  await expect(page.getByRole('cell', { name: 'Katherine Johnson' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('cell', { name: 'Katherine Johnson' })).toBeVisible();
});

/** On every succeeded charge: a branch on its amount, an email on each side. */
const bigCharges = {
  format_version: 1, id: 'wf_e2e_big', name: 'Big charges', status: 'active',
  trigger: { event_type: 'charge.succeeded' },
  steps: [{
    type: 'branch', id: 'step_big',
    condition: { compare: { field: 'trigger.data.object.amount', op: 'greater_than', value: 5000, kind: 'number' } },
    then: [{ type: 'email', id: 'step_vip', to: 'team@example.com', subject: 'Big charge', body: '', rows: [] }],
    else: [{ type: 'email', id: 'step_small', to: 'team@example.com', subject: 'Small charge', body: '', rows: [] }],
  }],
  created: 1700000000, updated: 1700000000,
};

test('a new threshold in the draft: replay counts the runs whose path changes, and shows the branch change', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [bigCharges]);
  await sendBulk(page, 'charge.succeeded', 200, 120_000);
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Big charges' }).click();

  // The threshold, lowered in the draft from 5,000 to 1,000 (minor units).
  await page.getByRole('button', { name: 'Condition', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Step configuration' });
  await panel.getByRole('textbox', { name: 'Value' }).fill('1000');
  await panel.getByRole('textbox', { name: 'Value' }).press('Tab');
  await panel.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await page.getByRole('link', { name: 'Replay' }).click();
  await page.getByLabel('Number of events').fill('200');
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect(page.getByText('200 of 200 events replayed')).toBeVisible({ timeout: 60_000 });
  // Charges over 5,000 or at most 1,000 take the same side; those between change side.
  const summary = await page.getByTestId('replay-summary').innerText();
  const counts = Object.fromEntries([...summary.matchAll(/(\d+) (same|different path|different output|now runs|no longer runs)/g)].map((m) => [m[2], Number(m[1])]));
  expect(counts.same + counts['different path']).toBe(200);
  expect(counts['different path']).toBeGreaterThan(0);
  expect(counts.same).toBeGreaterThan(0);
  const results = page.getByRole('region', { name: 'Replay results' });
  await results.getByRole('combobox', { name: /Verdict|Show/ }).selectOption('different path');
  await results.getByText('Show the difference').first().click();
  await expect(results.getByText('took the “otherwise” branch').first()).toBeVisible();
  await expect(results.getByText('took the “if true” branch').first()).toBeVisible();
  expect(errors).toEqual([]);
});
