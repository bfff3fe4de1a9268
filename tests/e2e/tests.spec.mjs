// Saved tests as a person uses them: a run saved as a test passes on the draft; an edit of
// the trigger's condition turns it red with the reason; undo turns it green; Publish warns
// while it is red; the test survives a reload, an export and an import.
import { test, expect } from '@playwright/test';

import { welcomeJean, importWorkflows, addCustomer, nav, watchErrors } from './helpers.mjs';

/** Opens the workflow's editor from the list. */
async function openWorkflow(page, name) {
  await nav(page, 'Workflows');
  await page.getByRole('link', { name }).click();
  await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue(name);
}

/** Sets the trigger condition's value (the seed's "name starts with …"). */
async function setTriggerValue(page, value) {
  await page.getByRole('region', { name: 'Trigger' }).getByRole('button').first().click();
  const panel = page.getByRole('complementary', { name: 'Trigger configuration' });
  const field = panel.getByRole('textbox', { name: 'Value' });
  await field.fill(value);
  await field.press('Tab');
  await panel.getByRole('button', { name: 'Done' }).click();
}

test('save a run as a test, break it with a condition edit, see why, undo to green', async ({ page }) => {
  const errors = watchErrors(page);
  await importWorkflows(page, [welcomeJean]);
  await addCustomer(page, 'Jean Dupont', 'jean@example.com');

  // The run of the seed's workflow, saved as a test.
  await openWorkflow(page, 'Welcome Jean');
  await expect(page.getByTestId('test-count')).toHaveText('No tests');
  const runs = page.getByRole('region', { name: 'Recent runs' });
  await runs.locator('tbody tr').first().getByRole('link').first().click();
  await page.getByRole('button', { name: 'Save as test' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save as test' });
  await dialog.getByRole('textbox', { name: 'Test name' }).fill('Jean is welcomed');
  await dialog.getByRole('button', { name: 'Save test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved as test “Jean is welcomed”' })).toBeVisible();
  await page.getByRole('link', { name: "Open the workflow's tests" }).click();

  const count = page.getByTestId('test-count');
  await expect(count).toHaveText('Tests: 1 passing');
  const row = page.getByTestId('test-row').filter({ hasText: 'Jean is welcomed' });
  await row.getByText('Jean is welcomed').click();
  await expect(row).toContainText('Passing');
  await expect(row).toContainText('The workflow runs on the event');
  await expect(row).toContainText('request metadata.greeted = “yes”');
  await expect(row).toContainText('sent to team@example.com');

  // The condition no longer matches Jean: red, and the reason.
  await setTriggerValue(page, 'Marie');
  await expect(count).toHaveText('Tests: 0 passing, 1 failing');
  await expect(row).toContainText('Failing');
  await expect(row).toContainText('The workflow runs on the event — it did not run');
  const why = row.getByTestId('trigger-clauses');
  await expect(why).toContainText('name starts with "Marie" — the event holds “Jean Dupont”');
  await page.screenshot({ path: new URL('../../docs/tests.png', import.meta.url).pathname, fullPage: true });

  // Publish says which tests fail.
  await page.getByRole('button', { name: 'Publish' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish a new version?' });
  await expect(publish.getByTestId('publish-tests-warning')).toContainText('1 of the workflow\'s tests fail on this draft: Jean is welcomed');
  await publish.getByRole('button', { name: 'Cancel' }).click();

  // Undo: green again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(count).toHaveText('Tests: 1 passing');

  // A change of a step's request makes the run diff show the change.
  await page.getByRole('button', { name: 'Update a customer', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Step configuration' });
  const value = panel.getByRole('textbox', { name: 'Value for greeted' });
  await value.fill('no');
  await value.press('Tab');
  await panel.getByRole('button', { name: 'Done' }).click();
  await expect(count).toHaveText('Tests: 0 passing, 1 failing');
  await expect(row).toContainText('request metadata.greeted = “yes” — found “no”');
  await expect(row).toContainText('Saved run → the draft\'s run');
  await expect(row.locator('.value-changes').first()).toContainText('greeted');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(count).toHaveText('Tests: 1 passing');

  // Stored: after a reload the test is there and passes.
  await page.reload();
  await expect(page.getByTestId('test-count')).toHaveText('Tests: 1 passing');
  expect(errors).toEqual([]);
});

test('remove an expectation, rename, edit the input event as JSON, delete', async ({ page }) => {
  const errors = watchErrors(page);
  // The generated customer's name comes from the sandbox's seed, which the page draws with
  // Math.random: one first name in twenty is Jean, and then the workflow runs. It failed
  // that way in a full run; a fixed sequence makes the draw the same every time.
  await page.addInitScript(() => {
    let state = 20261202;
    Math.random = () => {
      state = (state * 16807) % 2147483647;
      return state / 2147483647;
    };
  });
  await importWorkflows(page, [welcomeJean]);
  await openWorkflow(page, 'Welcome Jean');
  await page.getByRole('button', { name: 'New test from a generated event' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Added “Test 1”' })).toBeVisible();
  const row = page.getByTestId('test-row');
  await row.getByText('Test 1', { exact: true }).click();
  // A generated customer is not named Jean: the workflow does not run.
  await expect(row).toContainText('The workflow does not run on the event');
  await expect(page.getByTestId('test-count')).toHaveText('Tests: 1 passing');

  // The input event, edited: a Jean now; the test fails until its expectation goes.
  await row.getByRole('button', { name: 'Edit input event' }).click();
  const json = row.getByRole('textbox', { name: /Input event/ });
  const text = await json.inputValue();
  const event = JSON.parse(text);
  event.data.object.name = 'Jean Valjean';
  await json.fill('{ not json');
  await row.getByRole('button', { name: 'Save event' }).click();
  await expect(row.getByRole('alert')).toContainText('Not saved: the event is not a Stripe event');
  await json.fill(JSON.stringify(event));
  await row.getByRole('button', { name: 'Save event' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Input event saved' })).toBeVisible();
  await expect(page.getByTestId('test-count')).toHaveText('Tests: 0 passing, 1 failing');
  await row.getByRole('button', { name: 'Remove this expectation' }).first().click();
  await expect(page.getByRole('status').filter({ hasText: 'Expectation removed' })).toBeVisible();
  await expect(row).toContainText('0 expectations met');

  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByRole('textbox', { name: 'Name' }).fill('  ');
  await row.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved: give the test a name' })).toBeVisible();
  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByRole('textbox', { name: 'Name' }).fill('Valjean');
  await row.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Test renamed' })).toBeVisible();
  await expect(row).toContainText('Valjean');

  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  await row.getByRole('button', { name: 'Delete test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “Valjean”' })).toBeVisible();
  await expect(page.getByTestId('test-count')).toHaveText('No tests');
  expect(errors).toEqual([]);
});
