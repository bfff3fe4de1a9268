// The keyboard alone: the seed's workflow built without the mouse, with every key press
// counted, and the menus, pickers, panels and dialogs each putting focus where the next
// action is. A press is one key (Tab, Enter, an arrow, Escape, a shortcut); the text typed
// into boxes is counted apart, since it is the same whatever the page does.
import { test, expect } from '@playwright/test';
import { watchErrors } from './helpers.mjs';

/** A keyboard that counts what it is asked to do. */
function countingKeyboard(page) {
  const counts = { presses: 0, typed: 0 };
  return {
    counts,
    async press(key, times = 1) {
      for (let i = 0; i < times; i++) {
        counts.presses += 1;
        await page.keyboard.press(key);
      }
    },
    async type(text) {
      counts.typed += text.length;
      await page.keyboard.type(text);
    },
    /** Tabs (Shift+Tab when `back`) until the focused element matches `name`, at most
     * `limit` presses: what a person does, reading each stop. */
    async tabTo(name, { back = false, limit = 40 } = {}) {
      for (let i = 0; i < limit; i++) {
        const at = await focusedName(page);
        if (name instanceof RegExp ? name.test(at) : at === name) return;
        counts.presses += 1;
        await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      }
      throw new Error(`"${name}" not reached in ${limit} presses (focus on "${await focusedName(page)}")`);
    },
  };
}

/** The focused element's accessible name (its label, aria-label or text). */
function focusedName(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return '';
    const label = el.getAttribute('aria-label') || el.labels?.[0]?.textContent || el.textContent || '';
    return label.trim().replace(/\s+/g, ' ');
  });
}

async function expectFocus(page, name) {
  await expect.poll(() => focusedName(page)).toEqual(name);
}

test('the seed workflow is built with the keyboard alone in under 80 key presses', async ({ page }) => {
  const errors = watchErrors(page);
  const keys = countingKeyboard(page);
  await page.goto('/workflows');
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeEnabled();

  // New workflow: focus lands in its name box.
  await keys.tabTo('New workflow');
  await keys.press('Enter');
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  await expectFocus(page, 'Workflow name');
  await keys.press('Control+a');
  await keys.type('Welcome Jean');

  // Add trigger: focus in the search box; Enter picks the first match; focus then on
  // Add condition, whose field search takes focus in turn.
  await keys.tabTo('Add trigger');
  await keys.press('Enter');
  await expectFocus(page, 'Search triggers');
  await keys.type('customer created');
  await keys.press('Enter');
  const triggerPanel = page.getByRole('complementary', { name: 'Trigger configuration' });
  await expect(triggerPanel.getByText('customer.created')).toBeVisible();
  await expectFocus(page, 'Add condition');
  await keys.press('Enter');
  await expectFocus(page, 'Search fields');
  await keys.type('name');
  await keys.press('Enter');
  await expectFocus(page, 'Operator');
  await keys.tabTo('Operator'); // no press: already there
  // "starts with", chosen in the closed select with the arrows.
  const operator = triggerPanel.getByRole('combobox', { name: 'Operator' });
  for (let i = 0; i < 10 && (await operator.inputValue()) !== 'starts with'; i++) await keys.press('ArrowDown');
  await expect(operator).toHaveValue('starts with');
  await expectFocus(page, 'Operator');
  await keys.press('Tab');
  await expectFocus(page, 'Value');
  await keys.type('Jean');
  await keys.press('Tab');
  await keys.press('Escape');
  await expect(triggerPanel).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Trigger' })).toContainText('Only when Customer | Name starts with "Jean"');
  await expectFocus(page, 'Customer created');

  // Add step → Email a team member, through the menu with the arrows.
  await keys.tabTo('Add step');
  await keys.press('Enter');
  await expect.poll(() => focusedName(page)).toMatch(/^Action/);
  await keys.press('End');
  await expect.poll(() => focusedName(page)).toMatch(/^Email a team member/);
  await keys.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Step configuration' });
  await expect(panel.getByRole('heading', { name: 'Email a team member' })).toBeVisible();
  await expectFocus(page, 'To');
  await keys.type('team@example.com');
  await keys.tabTo('Subject');
  await keys.type('New customer');
  await keys.press('Tab');
  await keys.press('Escape');
  await expect(panel).toHaveCount(0);
  await expectFocus(page, 'Email a team member');

  // Add step → Action → Update a customer; its Customer from the trigger's ID.
  await keys.tabTo('Add step');
  await keys.press('Enter');
  await expect.poll(() => focusedName(page)).toMatch(/^Action/);
  await keys.press('Enter');
  await expectFocus(page, 'Search actions');
  await keys.type('update customer');
  await keys.press('Enter');
  await expect(panel.getByRole('heading', { name: 'Update a customer' })).toBeVisible();
  await expectFocus(page, 'Customer');
  await keys.press('Tab');
  await expectFocus(page, 'Insert a dynamic value into Customer');
  await keys.press('Enter');
  await expectFocus(page, 'Search fields');
  await keys.type('customer id');
  // The arrows go down the list to the customer's own ID.
  for (let i = 0; i < 10 && (await focusedName(page)) !== 'Customer | ID'; i++) await keys.press('ArrowDown');
  await keys.press('Enter');
  await expect(panel.locator('.chip', { hasText: 'Customer | ID' })).toBeVisible();
  await expectFocus(page, 'Insert a dynamic value into Customer');
  await keys.press('Escape');
  await expectFocus(page, 'Update a customer');

  // Save, then Activate.
  await keys.tabTo('Save', { back: true });
  await keys.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await keys.tabTo('Activate');
  await keys.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Activated' })).toBeVisible();

  await expect(page.getByRole('article', { name: 'Step 1: Email a team member' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Step 2: Update a customer' })).toBeVisible();
  console.log(`keyboard-only build: ${keys.counts.presses} key presses, ${keys.counts.typed} characters typed`);
  expect(keys.counts.presses).toBeLessThan(80);
  expect(errors).toEqual([]);
});

test('menus follow the WAI-ARIA menu pattern: arrows, Home / End, Escape gives focus back', async ({ page }) => {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'New workflow' }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  const add = page.getByRole('button', { name: 'Add step' });
  await add.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Add step' });
  const items = menu.getByRole('menuitem');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.nth(2)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(items.nth(2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(add).toBeFocused();

  // The overflow menu: the same keys; its dialog gives focus back when it closes.
  const more = page.getByRole('button', { name: 'More actions' });
  await more.focus();
  await page.keyboard.press('Enter');
  const overflow = page.getByRole('menu');
  await expect(overflow.getByRole('menuitem').first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(overflow.getByRole('menuitem', { name: 'Delete workflow' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Delete workflow?' });
  // Focus on the least destructive button; Tab stays inside the dialog.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(dialog.getByRole('button', { name: 'Delete', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(more).toBeFocused();
});

test('moving a step with the keyboard keeps focus on its button', async ({ page }) => {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'New workflow' }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  for (const [name, title] of [[/^Condition/, 'Condition'], [/^Email a team member/, 'Email a team member']]) {
    await page.getByRole('button', { name: 'Add step' }).last().click();
    await page.getByRole('menuitem', { name }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    // Closing the panel gives focus back to the step's card, a frame later.
    await expect(page.getByRole('button', { name: title, exact: true })).toBeFocused();
  }
  const down = page.getByRole('button', { name: 'Move down Condition' });
  await down.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article', { name: 'Step 2: Condition' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Move down Condition' })).toBeFocused();
});
