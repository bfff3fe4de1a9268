// Versions as a person uses them: a draft of an active workflow never runs; Publish makes
// it the next version; every run says which version it ran; the history lists them, opens
// one read-only, and starts a draft from an old one; everything survives a reload.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';

import { everyCustomer, importWorkflows, addCustomer, nav, watchErrors } from './helpers.mjs';

/** Opens the workflow's editor from the list. */
async function openWorkflow(page, name) {
  await nav(page, 'Workflows');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue(name);
}

/** Changes the subject of the workflow's email step in the editor. */
async function setSubject(page, subject) {
  await page.getByRole('button', { name: 'Email a team member', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Step configuration' });
  const field = panel.getByRole('textbox', { name: 'Subject', exact: true });
  await field.fill(subject);
  await field.press('Tab');
  await panel.getByRole('button', { name: 'Done' }).click();
}

/** How many runs of the workflow ran version `n` (Recent runs filtered by version). */
async function runsOfVersion(page, name, n) {
  await openWorkflow(page, name);
  const runs = page.getByRole('region', { name: 'Recent runs' });
  await runs.getByRole('combobox', { name: 'Version' }).selectOption(String(n));
  const rows = runs.getByRole('row').filter({ hasText: 'customer.created' });
  await expect(rows.first().getByRole('cell').nth(3)).toHaveText(`v${n}`);
  return rows;
}

test('a draft never runs; Publish makes v2 live; runs say their version; restore v1 as v3; all kept after a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [everyCustomer]);
  await openWorkflow(page, 'Every new customer');
  await expect(page.getByTestId('live-version')).toHaveText('v1 live');

  // Edit the active workflow and save: the draft is stored, v1 still runs.
  await setSubject(page, 'Hello from the draft');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(page.locator('.badge--draft')).toBeVisible();
  await addCustomer(page, 'Ada Lovelace');
  await expect(await runsOfVersion(page, 'Every new customer', 1)).toHaveCount(1);
  const emails = page.getByRole('list', { name: 'Emails' }).getByRole('link');
  await nav(page, 'Outbox');
  await expect(emails).toHaveCount(1);
  await expect(emails.first()).toContainText('New customer');

  // Publish with a note: v2 is live and the next event runs it.
  await openWorkflow(page, 'Every new customer');
  await expect(page.getByRole('complementary', { name: 'Step configuration' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Publish' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish a new version?' });
  await expect(dialog).toContainText('The draft becomes v2');
  await dialog.getByLabel('Note (optional)').fill('Friendlier subject');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Published v2' })).toBeVisible();
  await expect(page.getByTestId('live-version')).toHaveText('v2 live');
  await expect(page.locator('.badge--draft')).toHaveCount(0);
  await addCustomer(page, 'Grace Hopper');
  await expect(await runsOfVersion(page, 'Every new customer', 2)).toHaveCount(1);
  await expect(await runsOfVersion(page, 'Every new customer', 1)).toHaveCount(1);
  await nav(page, 'Outbox');
  await expect(emails).toHaveCount(2);
  await expect(emails.filter({ hasText: 'Hello from the draft' })).toHaveCount(1);

  // The run page says which version ran, and offers a rerun on the version it ran.
  const ofV1 = await runsOfVersion(page, 'Every new customer', 1);
  await ofV1.first().getByRole('link').click();
  await expect(page.getByTestId('run-version')).toHaveText('v1');
  await page.getByRole('button', { name: 'Rerun on v1' }).click();
  await expect(page.getByTestId('run-version')).toHaveText('v1');
  await expect(page.getByText('Rerun of')).toBeVisible();

  // Version history: both versions, their notes and run counts; v1 opens read-only.
  await openWorkflow(page, 'Every new customer');
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Version history' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Version history');
  const table = page.getByRole('table');
  const v2 = table.getByRole('row').filter({ hasText: 'Friendlier subject' });
  await expect(v2).toContainText('v2');
  await expect(v2).toContainText('Live');
  await expect(v2.getByRole('cell').nth(3)).toHaveText('1');
  const v1 = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'v1', exact: true }) });
  await expect(v1.getByRole('cell').nth(3)).toHaveText('2');
  await page.screenshot({ path: new URL('../../docs/version-history.png', import.meta.url).pathname, fullPage: true });

  // Compare v1 with v2: the changed subject, listed and marked on both definitions; the
  // address names both versions, so it reloads as it was.
  await page.getByRole('link', { name: 'Compare' }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_e2e_all\/compare\/1\/2$/);
  const changes = page.getByRole('region', { name: 'Changes' });
  await expect(changes).toContainText('v1 → v2');
  await expect(changes.getByRole('listitem')).toHaveCount(1);
  await expect(changes.getByRole('listitem')).toContainText('Hello from the draft');
  await expect(page.locator('.step-card--changed')).toHaveCount(2);
  await page.screenshot({ path: new URL('../../docs/compare.png', import.meta.url).pathname, fullPage: true });
  await page.reload();
  await expect(page.locator('.step-card--changed')).toHaveCount(2);
  await page.goBack();
  await v1.getByRole('link', { name: 'v1', exact: true }).click();
  await expect(page.getByRole('region', { name: 'v1' })).toContainText('New customer');
  await expect(page.getByText('Read-only')).toBeVisible();

  // Start a draft from v1, publish it as v3 with the note ready.
  await page.getByRole('button', { name: 'Start a draft from v1' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Draft started from v1' })).toBeVisible();
  await page.getByRole('button', { name: 'Publish' }).click();
  await expect(dialog.getByLabel('Note (optional)')).toHaveValue('Restored from v1');
  await dialog.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('live-version')).toHaveText('v3 live');

  // Everything is kept after a reload; the next event runs v3 (v1's subject).
  await page.reload();
  await expect(page.getByTestId('live-version')).toHaveText('v3 live');
  await addCustomer(page, 'Alan Turing');
  await expect(await runsOfVersion(page, 'Every new customer', 3)).toHaveCount(1);
  await nav(page, 'Outbox');
  // Ada's (v1), the rerun on v1, and Alan's (v3, v1's subject again).
  await expect(emails.filter({ hasText: 'New customer' })).toHaveCount(3);
  await openWorkflow(page, 'Every new customer');
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Version history' }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(4);
  expect(errors).toEqual([]);
});

test('Discard draft asks first, then the editor shows the live version again', async ({ page }) => {
  await importWorkflows(page, [everyCustomer]);
  await openWorkflow(page, 'Every new customer');
  await setSubject(page, 'Not for long');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.badge--draft')).toBeVisible();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Discard draft' }).click();
  const dialog = page.getByRole('dialog', { name: 'Discard the draft?' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.badge--draft')).toBeVisible();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Discard draft' }).click();
  await dialog.getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Draft discarded' })).toBeVisible();
  await expect(page.locator('.badge--draft')).toHaveCount(0);
  await page.getByRole('button', { name: 'Email a team member', exact: true }).click();
  await expect(page.getByRole('complementary', { name: 'Step configuration' }).getByRole('textbox', { name: 'Subject', exact: true })).toHaveValue('New customer');
  await page.reload();
  await expect(page.locator('.badge--draft')).toHaveCount(0);
});

test('a workflow exported with its history imports with its versions and its draft', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [everyCustomer]);
  await openWorkflow(page, 'Every new customer');
  await setSubject(page, 'Second');
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByRole('dialog', { name: 'Publish a new version?' }).getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('live-version')).toHaveText('v2 live');
  await setSubject(page, 'Third, not published');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.badge--draft')).toBeVisible();

  await page.getByRole('button', { name: 'More actions' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export workflow' }).click(),
  ]);
  const file = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(file.workflows).toHaveLength(1);
  expect(file.versions.map((v) => v.number)).toEqual([1, 2]);
  expect(file.drafts).toHaveLength(1);

  // Everything goes, then the file brings the workflow back with its history.
  await page.getByRole('button', { name: 'Reset everything' }).click();
  await page.getByRole('dialog', { name: 'Reset everything?' }).getByRole('button', { name: 'Reset everything' }).click();
  await nav(page, 'Workflows');
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
  await page.getByLabel('Import workflows').setInputFiles(await download.path());
  await expect(page.getByText('Imported 1 workflow')).toBeVisible();
  await openWorkflow(page, 'Every new customer');
  await expect(page.getByTestId('live-version')).toHaveText('v2 live');
  await expect(page.locator('.badge--draft')).toBeVisible();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Version history' }).click();
  await expect(page.getByRole('table').getByRole('row')).toHaveCount(3);
  expect(errors).toEqual([]);
});
