// Sandflow on a phone (390×844, touch), as a person meets it: the seed scenario from an
// empty sandbox to a run read step by step, with no page scrolling sideways, the sidebar
// behind a Menu button, the configuration panel as a full-width sheet with Done as the way
// back, dialogs that fit and touch targets of at least 40 px. Also at 360 px, the
// narrowest supported, every page keeps to the width of the window.
import { test, expect } from '@playwright/test';
import { welcomeJean, broken, importWorkflows, watchErrors } from './helpers.mjs';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

/** The page does not scroll sideways. */
async function expectNoSideScroll(page, what) {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll, `${what} scrolls sideways`).toBeLessThanOrEqual(client);
}

/** Every visible control is at least 40 px tall (and buttons at least 40 px wide). */
async function expectTouchTargets(page, what) {
  const small = await page.evaluate(() => {
    const controls = document.querySelectorAll('button, input:not([type=checkbox]):not([type=radio]):not([type=file]), select, summary, [role=menuitem], .sidebar__links a, a.button');
    return [...controls]
      .filter((el) => el.offsetParent !== null && getComputedStyle(el).visibility !== 'hidden')
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ el, box }) => box.width > 0 && (box.height < 39.5 || (el.tagName === 'BUTTON' && box.width < 39.5)))
      .map(({ el, box }) => `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') || el.textContent).trim().slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`);
  });
  expect(small, `${what}: touch targets under 40 px`).toEqual([]);
}

/** Opens a page from the Menu button. */
async function menuTo(page, name) {
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).tap();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
}

test('the seed scenario on a phone: build, activate, add Jean, read the run', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/workflows');
  await expectNoSideScroll(page, 'Workflows');
  // The sidebar is a Menu button; its links show once it is open.
  const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers', exact: true });
  await expect(links).toBeHidden();
  await expect(page.getByRole('button', { name: 'Menu' })).toBeVisible();
  await expectTouchTargets(page, 'Workflows');

  const create = page.getByRole('button', { name: 'New workflow' });
  await expect(create).toBeInViewport();
  await create.tap();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  const name = page.getByRole('textbox', { name: 'Workflow name' });
  await expect(name).toBeFocused();
  await name.fill('Welcome Jean');
  await name.press('Tab');
  await expectNoSideScroll(page, 'Editor');
  for (const b of ['Save', 'Activate']) await expect(page.getByRole('button', { name: b })).toBeInViewport();

  // The trigger panel is a sheet over the whole width, with Done to go back.
  await page.getByRole('button', { name: 'Add trigger' }).tap();
  const triggerPanel = page.getByRole('complementary', { name: 'Trigger configuration' });
  const sheet = await triggerPanel.boundingBox();
  expect(sheet.x).toBe(0);
  expect(sheet.width).toBe(390);
  await expect(triggerPanel.getByRole('button', { name: 'Done' })).toBeInViewport();
  await expect(page.getByRole('searchbox', { name: 'Search triggers' })).toBeFocused();
  await page.getByRole('searchbox', { name: 'Search triggers' }).fill('customer created');
  await page.getByRole('button', { name: /^Customer created/ }).first().tap();
  await triggerPanel.getByRole('button', { name: 'Add condition' }).tap();
  await triggerPanel.getByRole('searchbox', { name: 'Search fields' }).fill('name');
  await triggerPanel.getByRole('button', { name: 'Customer | Name', exact: true }).tap();
  await triggerPanel.getByRole('combobox', { name: 'Operator' }).selectOption({ label: 'starts with' });
  await triggerPanel.getByRole('textbox', { name: 'Value' }).fill('Jean');
  await triggerPanel.getByRole('textbox', { name: 'Value' }).press('Tab');
  await expectNoSideScroll(page, 'Trigger panel');
  await expectTouchTargets(page, 'Trigger panel');
  await triggerPanel.getByRole('button', { name: 'Done' }).tap();
  await expect(triggerPanel).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Trigger' })).toContainText('Only when Customer | Name starts with "Jean"');

  // An email step: the menu fits, the panel is a sheet.
  await page.getByRole('button', { name: 'Add step' }).last().tap();
  const menuBox = await page.getByRole('menu', { name: 'Add step' }).boundingBox();
  expect(menuBox.x).toBeGreaterThanOrEqual(0);
  expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(390);
  await page.getByRole('menuitem', { name: /Email a team member/ }).tap();
  const panel = page.getByRole('complementary', { name: 'Step configuration' });
  await panel.getByRole('textbox', { name: 'To', exact: true }).fill('team@example.com');
  await panel.getByRole('textbox', { name: 'Subject', exact: true }).fill('New customer ');
  await panel.getByRole('textbox', { name: 'Subject', exact: true }).press('Tab');
  await panel.getByRole('button', { name: 'Insert a dynamic value into Subject' }).tap();
  await panel.getByRole('searchbox', { name: 'Search fields' }).fill('name');
  await panel.getByRole('button', { name: 'Customer | Name', exact: true }).tap();
  await expectNoSideScroll(page, 'Step panel');
  await expectTouchTargets(page, 'Step panel');
  await panel.getByRole('button', { name: 'Done' }).tap();

  await page.getByRole('button', { name: 'Save' }).tap();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Activate' }).tap();
  await expect(page.getByRole('status').filter({ hasText: 'Activated' })).toBeVisible();
  await expectTouchTargets(page, 'Editor');
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  await page.screenshot({ path: new URL('../../docs/screenshot-phone.png', import.meta.url).pathname });

  // The seed's own test: a customer named Jean, from the Customers page.
  await menuTo(page, 'Customers');
  await page.getByRole('button', { name: '+ New customer' }).tap();
  const dialog = page.getByRole('dialog', { name: 'New customer' });
  const box = await dialog.boundingBox();
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await expectTouchTargets(page, 'New customer dialog');
  await dialog.getByLabel('Name').fill('Jean Dupont');
  await dialog.getByLabel('Email').fill('jean@example.com');
  await dialog.getByRole('button', { name: 'Add customer' }).tap();
  await expect(page.getByRole('status').filter({ hasText: /\S/ }).first()).toContainText('1 workflow run started');
  await expectNoSideScroll(page, 'Customers');

  await menuTo(page, 'Workflows');
  await page.getByRole('link', { name: 'Welcome Jean' }).tap();
  const runs = page.getByRole('region', { name: 'Recent runs' });
  const row = runs.getByRole('row').filter({ hasText: 'customer.created' });
  await expect(row.getByText('Succeeded', { exact: true })).toBeVisible();
  await expectNoSideScroll(page, 'Editor with a run');
  await row.getByRole('link').first().tap();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Succeeded');
  await expect(page.locator('.run-flow > li').nth(1)).toContainText('New customer Jean Dupont');
  await expectNoSideScroll(page, 'Run');
  await expectTouchTargets(page, 'Run');
  expect(errors).toEqual([]);
});

test('a template opens from a tap, and every page keeps to a 360 px window', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'Use template Notify the team of a dispute' }).tap();
  await expect(page).toHaveURL(/\/workflows\/wf_/);
  await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Notify the team of a dispute');
  await importWorkflows(page, [welcomeJean, broken]);
  await menuTo(page, 'Customers');
  await page.getByRole('button', { name: '+ New customer' }).tap();
  await page.getByRole('dialog').getByLabel('Name').fill('Jean Dupont');
  await page.getByRole('dialog').getByRole('button', { name: 'Add customer' }).tap();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const pages = ['/workflows', '/customers', '/event-generator', '/workbench', '/workbench?tab=logs', '/workbench?tab=objects', '/outbox',
    `/workflows/${welcomeJean.id}`, `/workflows/${welcomeJean.id}/versions`, `/workflows/${welcomeJean.id}/versions/1`,
    `/workflows/${welcomeJean.id}/replay`, `/workflows/${broken.id}`];
  for (const path of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await page.waitForTimeout(200);
    await expectNoSideScroll(page, path);
    await expectTouchTargets(page, path);
  }
  // The workflows list stacks: each workflow a card of its own, nothing to scroll inside,
  // each value under its column's name.
  await page.goto('/workflows');
  const table = page.getByRole('table');
  await expect(table.getByRole('row')).toHaveCount(4);
  const [inner, box] = await table.evaluate((t) => [t.scrollWidth, t.clientWidth]);
  expect(inner, 'the workflows table scrolls inside itself').toBeLessThanOrEqual(box);
  const row = table.getByRole('row').filter({ hasText: welcomeJean.name });
  await expect(row.getByRole('cell').nth(1)).toBeVisible();
  const label = await row.getByRole('cell').nth(1).evaluate((td) => getComputedStyle(td, '::before').content);
  expect(label).toBe('"Trigger"');
  const [name, trigger] = await Promise.all([0, 1].map((i) => row.getByRole('cell').nth(i).boundingBox()));
  expect(trigger.y, 'the trigger stands under the name').toBeGreaterThan(name.y + name.height - 1);
  // The pages one link away: a customer, a run, an email, an event.
  await page.goto('/customers');
  await page.getByRole('link', { name: 'Jean Dupont' }).tap();
  await expectNoSideScroll(page, 'Customer');
  await page.goto(`/workflows/${welcomeJean.id}`);
  await page.getByRole('region', { name: 'Recent runs' }).getByRole('row').nth(1).getByRole('link').first().tap();
  await expect(page).toHaveURL(/\/runs\//);
  await expectNoSideScroll(page, 'Run');
  await page.goto('/outbox');
  await page.locator('.list__item').first().tap();
  await expectNoSideScroll(page, 'Outbox, one open');
  await page.goto('/workbench');
  await page.locator('.list__item').first().tap();
  await expectNoSideScroll(page, 'Workbench, one open');
});
