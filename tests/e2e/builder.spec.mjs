// The builder as a person uses it: build the seed's workflow from nothing, hit the limits
// and read why, undo and redo, delete through the modal, start from a template, import.
import { test, expect } from '@playwright/test';
import { everyCustomer, importWorkflows, nav, watchErrors } from './helpers.mjs';

async function newWorkflow(page) {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'New workflow' }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Untitled workflow');
}

async function addTrigger(page, search, label) {
  await page.getByRole('button', { name: 'Add trigger' }).click();
  await page.getByRole('searchbox', { name: 'Search triggers' }).fill(search);
  await page.getByRole('button', { name: new RegExp(`^${label}`) }).first().click();
}

async function addEmailStep(page) {
  await page.getByRole('button', { name: 'Add step' }).last().click();
  await page.getByRole('menuitem', { name: /Email a team member/ }).click();
}

test('build the seed workflow from nothing, save, activate and find it intact after a reload', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await newWorkflow(page);
  const name = page.getByRole('textbox', { name: 'Workflow name' });
  await name.fill('Welcome Jean');
  await name.press('Tab');

  await addTrigger(page, 'customer created', 'Customer created');
  const triggerPanel = page.getByRole('complementary', { name: 'Trigger configuration' });
  await expect(triggerPanel.getByText('customer.created')).toBeVisible();
  await triggerPanel.getByRole('button', { name: 'Add condition' }).click();
  await triggerPanel.getByRole('searchbox', { name: 'Search fields' }).fill('name');
  await triggerPanel.getByRole('button', { name: 'Customer | Name', exact: true }).click();
  await triggerPanel.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'starts with' });
  await triggerPanel.getByRole('textbox', { name: 'Value' }).fill('Jean');
  await triggerPanel.getByRole('textbox', { name: 'Value' }).press('Tab');
  await triggerPanel.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('region', { name: 'Trigger' })).toContainText('Only when Customer | Name starts with "Jean"');

  // An email to the team with the customer's name as a dynamic value.
  await addEmailStep(page);
  const panel = page.getByRole('complementary', { name: 'Step configuration' });
  await expect(panel.getByText('Required').first()).toBeVisible();
  await panel.getByRole('textbox', { name: 'To', exact: true }).fill('team@example.com');
  await panel.getByRole('textbox', { name: 'Subject', exact: true }).fill('New customer: ');
  await panel.getByRole('textbox', { name: 'Subject', exact: true }).press('Tab');
  await panel.getByRole('button', { name: 'Insert a dynamic value into Subject' }).click();
  await panel.getByRole('searchbox', { name: 'Search fields' }).fill('name');
  await panel.getByRole('button', { name: 'Customer | Name', exact: true }).click();
  await expect(panel.locator('.chip', { hasText: 'Customer | Name' })).toBeVisible();
  await panel.getByRole('button', { name: 'Done' }).click();

  // An "Update a customer" action whose Required Customer is missing: activation refuses.
  await page.getByRole('button', { name: 'Add step' }).last().click();
  await page.getByRole('menuitem', { name: /^Action/ }).click();
  await page.getByRole('searchbox', { name: 'Search actions' }).fill('update customer');
  await page.getByRole('button', { name: /^Update a customer/ }).click();
  await expect(page.getByText('2 of 12 steps')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Activate' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Not activated' });
  await expect(alert).toContainText('Required parameter Customer is empty');
  await alert.getByRole('button', { name: 'Step 2: Update a customer' }).click();
  const actionPanel = page.getByRole('complementary', { name: 'Step configuration' });
  await expect(actionPanel.getByRole('heading', { name: 'Update a customer' })).toBeVisible();
  await actionPanel.getByRole('button', { name: 'Insert a dynamic value into Customer' }).click();
  await actionPanel.getByRole('searchbox', { name: 'Search fields' }).fill('id');
  await actionPanel.getByRole('button', { name: 'Customer | ID', exact: true }).click();
  await expect(actionPanel.locator('.chip', { hasText: 'Customer | ID' })).toBeVisible();
  // The refusal follows the draft: the fixed problem leaves the list.
  await expect(page.getByRole('alert').filter({ hasText: 'Not activated' })).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Every problem is fixed' })).toBeVisible();
  await page.screenshot({ path: new URL('../../docs/editor.png', import.meta.url).pathname, fullPage: true });
  await actionPanel.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Activated' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deactivate' })).toBeVisible();

  await page.getByRole('link', { name: '← Workflows' }).click();
  const row = page.getByRole('row', { name: /Welcome Jean/ });
  await expect(row).toContainText('Customer created');
  await expect(row).toContainText('Active');
  await page.screenshot({ path: new URL('../../docs/workflows.png', import.meta.url).pathname, fullPage: true });

  await page.waitForTimeout(300); // the IndexedDB write is batched
  await page.reload();
  await page.getByRole('link', { name: 'Welcome Jean' }).click();
  await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Welcome Jean');
  await expect(page.getByRole('region', { name: 'Trigger' })).toContainText('Customer created');
  await expect(page.getByRole('article', { name: 'Step 1: Email a team member' })).toBeVisible();
  await page.getByRole('button', { name: 'Email a team member', exact: true }).click();
  await expect(page.locator('.chip', { hasText: 'Customer | Name' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('undo and redo an edit with the buttons and the keyboard', async ({ page }) => {
  await newWorkflow(page);
  const name = page.getByRole('textbox', { name: 'Workflow name' });
  await name.fill('First name');
  await name.press('Tab');
  await addTrigger(page, 'invoice paid', 'Invoice paid');
  await expect(page.getByRole('region', { name: 'Trigger' })).toContainText('invoice.paid');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: 'Add trigger' })).toBeVisible();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByRole('region', { name: 'Trigger' })).toContainText('invoice.paid');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue('Untitled workflow');
  await page.keyboard.press('Control+Shift+z');
  await expect(name).toHaveValue('First name');
});

test('the 13th step is refused with the reason', async ({ page }) => {
  await newWorkflow(page);
  for (let i = 0; i < 12; i++) await addEmailStep(page);
  await expect(page.getByText('12 of 12 steps')).toBeVisible();
  await addEmailStep(page);
  await expect(page.getByRole('alert')).toContainText('a workflow can have at most 12 steps: remove one first');
  await expect(page.getByText('12 of 12 steps')).toBeVisible();
  // Deleting one makes room again.
  await page.getByRole('button', { name: 'Delete Email a team member' }).first().click();
  await expect(page.getByText('11 of 12 steps')).toBeVisible();
  await page.getByRole('button', { name: 'Duplicate Email a team member' }).first().click();
  await expect(page.getByText('12 of 12 steps')).toBeVisible();
});

test('a 7th active workflow and a 21st workflow are refused with the reason', async ({ page }) => {
  await page.goto('/workflows');
  for (let i = 0; i < 7; i++) {
    await page.getByRole('button', { name: 'Use template Notify the team of a dispute' }).click();
    await expect(page).toHaveURL(/\/workflows\/wf_/);
    await page.goto('/workflows');
  }
  const activate = page.getByRole('button', { name: 'Activate Notify the team of a dispute', exact: true });
  for (let i = 0; i < 6; i++) {
    await activate.first().click();
    // Activating is stored before it shows: one fewer Activate button each time.
    await expect(activate).toHaveCount(6 - i);
  }
  await page.getByRole('button', { name: 'Activate Notify the team of a dispute', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('6 workflows are already active: deactivate one first');
  await expect(page.getByRole('row').filter({ hasText: 'Inactive' })).toHaveCount(1);

  for (let i = 7; i < 20; i++) {
    await page.getByRole('button', { name: 'New workflow' }).click();
    await expect(page).toHaveURL(/\/workflows\/wf_/);
    await page.goto('/workflows');
  }
  await expect(page.getByRole('row')).toHaveCount(21);
  await page.getByRole('button', { name: 'New workflow' }).click();
  await expect(page.getByRole('alert')).toContainText('you already have 20 workflows, the most there can be: delete one first');
  await expect(page).toHaveURL(/\/workflows$/);
});

test('delete a workflow through the confirmation modal', async ({ page }) => {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'Use template Thank new customers' }).click();
  await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Thank new customers');
  await expect(page.getByText('3 of 12 steps')).toBeVisible();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete workflow' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete workflow?' });
  await expect(dialog).toContainText('permanent');
  await expect(dialog).toContainText('deactivate it instead');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Delete workflow' }).click();
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL(/\/workflows$/);
  await expect(page.getByText('No workflows yet')).toBeVisible();
});

test('the pickers answer the keyboard: focus on open, arrows, Enter picks, Escape closes', async ({ page }) => {
  await newWorkflow(page);
  await page.getByRole('button', { name: 'Add trigger' }).click();
  const search = page.getByRole('searchbox', { name: 'Search triggers' });
  await expect(search).toBeFocused();
  await page.keyboard.type('customer created');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('button', { name: /^Customer created/ })).toBeFocused();
  await page.keyboard.press('Enter');
  const triggerPanel = page.getByRole('complementary', { name: 'Trigger configuration' });
  await expect(triggerPanel.getByText('customer.created')).toBeVisible();
  await expect(search).toHaveCount(0);

  // The field picker: ArrowUp from the first choice goes back to the search box.
  await triggerPanel.getByRole('button', { name: 'Add condition' }).click();
  const fields = triggerPanel.getByRole('searchbox', { name: 'Search fields' });
  await expect(fields).toBeFocused();
  await page.keyboard.type('email');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(fields).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(fields).toHaveCount(0);

  // The action picker: Enter in the search box picks the first match.
  await triggerPanel.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Add step' }).last().click();
  await page.getByRole('menuitem', { name: /^Action/ }).click();
  await expect(page.getByRole('searchbox', { name: 'Search actions' })).toBeFocused();
  await page.keyboard.type('update customer');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Step configuration' }).getByRole('heading', { name: 'Update a customer' })).toBeVisible();
});

test('a template, a cycle warning, and import with every problem shown', async ({ page }) => {
  await newWorkflow(page);
  await addTrigger(page, 'customer updated', 'Customer updated');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('button', { name: 'Add step' }).last().click();
  await page.getByRole('menuitem', { name: /^Action/ }).click();
  await page.getByRole('searchbox', { name: 'Search actions' }).fill('update customer');
  await page.getByRole('button', { name: /^Update a customer/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Warning' })).toContainText('starts this workflow again');

  await page.goto('/workflows');
  await expect(page.getByLabel('Import workflows')).toBeEnabled();
  const bad = JSON.stringify({ format_version: 1, workflows: [{ id: 'x', name: 'Broken' }, { nope: true }] });
  await page.getByLabel('Import workflows').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Nothing was imported: 2 problems');
  await expect(alert).toContainText('workflow 1 is not a valid workflow');
  await expect(alert).toContainText('workflow 2 is not a valid workflow');

  const good = JSON.stringify({
    format_version: 1,
    workflows: [{
      format_version: 1, id: 'wf_imported', name: 'Imported one', status: 'inactive',
      trigger: { event_type: 'invoice.paid' },
      steps: [{ type: 'email', id: 'mail', to: 'billing@example.com', subject: 'Paid', body: '' }],
      created: 0, updated: 0,
    }],
  });
  await page.getByLabel('Import workflows').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await expect(page.getByRole('status')).toContainText('Imported 1 workflow');
  await expect(page.getByRole('row', { name: /Imported one/ })).toContainText('Invoice paid');
});

test('the configuration panel is resized by dragging or with the keys, and the width is remembered', async ({ page }) => {
  await importWorkflows(page, [everyCustomer]);
  await page.goto('/workflows/wf_e2e_all');
  const openPanel = () => page.getByRole('region', { name: 'Trigger' }).getByRole('button', { name: /Customer created/ }).click();
  await openPanel();
  const panel = page.getByRole('complementary', { name: 'Trigger configuration' });
  const handle = page.getByRole('separator', { name: 'Configuration panel width' });
  await expect(handle).toHaveAttribute('aria-valuenow', '400');
  const width = async () => Math.round((await panel.boundingBox()).width);
  expect(await width()).toBe(400);

  // Keys: left widens, right narrows, Home and End go to the limits.
  await handle.focus();
  await handle.press('ArrowLeft');
  await handle.press('ArrowLeft');
  await handle.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', '416');
  await handle.press('End');
  await expect(handle).toHaveAttribute('aria-valuenow', '720');
  await handle.press('Home');
  await expect(handle).toHaveAttribute('aria-valuenow', '320');

  // Drag 100 px to the left.
  const box = await handle.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - 100, box.y + 40, { steps: 5 });
  await page.mouse.up();
  await expect(handle).toHaveAttribute('aria-valuenow', '420');
  expect(await width()).toBe(420);

  // Remembered in this browser: another page load keeps it.
  await page.reload();
  await openPanel();
  await expect(handle).toHaveAttribute('aria-valuenow', '420');
  expect(await width()).toBe(420);
});

test('leaving with unsaved changes asks in a dialog: stay, leave without saving, or save and leave', async ({ page }) => {
  const errors = watchErrors(page); // a native confirm() would be reported here
  await importWorkflows(page, [everyCustomer]);
  await page.goto('/workflows/wf_e2e_all');
  const name = page.getByRole('textbox', { name: 'Workflow name' });
  await name.fill('Renamed once');
  await name.press('Tab');
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await nav(page, 'Customers');
  await expect(dialog).toBeVisible();
  await expect(page).toHaveURL(/\/workflows\/wf_e2e_all$/);
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(dialog).toBeHidden();
  await expect(name).toHaveValue('Renamed once');

  await nav(page, 'Customers');
  await dialog.getByRole('button', { name: 'Leave without saving' }).click();
  await expect(page).toHaveURL(/\/customers$/);
  await nav(page, 'Workflows');
  await expect(page.getByRole('link', { name: 'Every new customer' })).toBeVisible();

  await page.getByRole('link', { name: 'Every new customer' }).click();
  await name.fill('Renamed twice');
  await name.press('Tab');
  await nav(page, 'Outbox');
  await dialog.getByRole('button', { name: 'Save and leave' }).click();
  await expect(page).toHaveURL(/\/outbox$/);
  await nav(page, 'Workflows');
  await expect(page.getByRole('link', { name: 'Renamed twice' })).toBeVisible();
  expect(errors).toEqual([]);
});
