// Accessibility as axe-core judges it: no serious or critical violation on any page, nor
// with any panel, menu or dialog open. Each language the app speaks gets the same pass:
// LANGUAGES lists them, and `useLanguage` says how the page is put in one.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

import { welcomeJean, broken, importWorkflows, addCustomer, nav, watchErrors } from './helpers.mjs';

const LANGUAGES = ['en'];

/** Puts the app in `lang` (English is what it starts in). */
async function useLanguage(page, lang) {
  if (lang !== 'en') throw new Error(`axe.spec.mjs: say how the app is switched to "${lang}"`);
}

/** The serious and critical violations of what the page shows now, one line each. */
async function violations(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.split('\n')[1]?.trim()}`));
}

/** Checks the page as it is now, named `what` in the failure. */
async function check(page, what, found) {
  await page.waitForTimeout(150); // let the last render and focus move settle
  for (const v of await violations(page)) {
    console.log(`${what}: ${v}`);
    found.push(`${what}: ${v}`);
  }
}

for (const lang of LANGUAGES) {
  test(`axe (${lang}): every page, panel, menu and dialog has no serious or critical violation`, async ({ page }) => {
    test.setTimeout(300_000);
    const errors = watchErrors(page);
    const found = [];
    await page.goto('/workflows');
    await useLanguage(page, lang);
    await check(page, 'Workflows, empty', found);
    await importWorkflows(page, [welcomeJean, broken]);
    await check(page, 'Workflows', found);
    await page.getByRole('button', { name: 'Advance time' }).click();
    await check(page, 'Advance time', found);
    await page.getByRole('button', { name: 'Advance time' }).click();
    await page.getByRole('button', { name: 'Reset sandbox' }).click();
    await check(page, 'Reset sandbox dialog', found);
    await page.keyboard.press('Escape');

    // Customers, the new-customer dialog and a customer.
    await nav(page, 'Customers');
    await check(page, 'Customers, empty', found);
    await page.getByRole('button', { name: '+ New customer' }).click();
    await check(page, 'New customer dialog', found);
    await page.keyboard.press('Escape');
    await addCustomer(page, 'Jean Dupont', 'jean@example.com');
    await check(page, 'Customers', found);
    await page.getByRole('link', { name: 'Jean Dupont' }).first().click();
    await check(page, 'Customer', found);

    // The editor with each panel, menu and dialog.
    await nav(page, 'Workflows');
    await page.getByRole('link', { name: 'Welcome Jean' }).click();
    await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Welcome Jean');
    await check(page, 'Editor', found);
    await page.getByRole('region', { name: 'Trigger' }).getByRole('button').first().click();
    await check(page, 'Editor, trigger panel', found);
    await page.getByRole('button', { name: 'Change trigger' }).click();
    await check(page, 'Editor, trigger picker', found);
    await page.getByRole('button', { name: 'Update a customer', exact: true }).click();
    await check(page, 'Editor, action panel', found);
    await page.getByRole('button', { name: 'Insert a dynamic value into Customer' }).click();
    await check(page, 'Editor, dynamic value picker', found);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Email a team member', exact: true }).click();
    await check(page, 'Editor, email panel', found);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Add step' }).last().click();
    await check(page, 'Editor, Add step menu', found);
    await page.getByRole('menuitem', { name: /^Condition/ }).click();
    await check(page, 'Editor, condition panel', found);
    await page.getByRole('complementary', { name: 'Step configuration' }).getByRole('button', { name: 'Add condition' }).click();
    await check(page, 'Editor, field picker', found);
    await page.keyboard.press('Enter');
    await check(page, 'Editor, a condition row', found);
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('button', { name: 'Add step' }).last().click();
    await page.getByRole('menuitem', { name: /^Action/ }).click();
    await check(page, 'Editor, action picker', found);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'More actions' }).click();
    await check(page, 'Editor, overflow menu', found);
    await page.getByRole('menuitem', { name: 'Delete workflow' }).click();
    await check(page, 'Delete dialog', found);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Publish' }).click();
    await check(page, 'Publish dialog', found);
    await page.getByRole('dialog').getByRole('button', { name: 'Publish' }).click();
    await expect(page.getByRole('status').filter({ hasText: /Published v2/ })).toBeVisible();

    // A run, the versions, replay.
    const runs = page.getByRole('region', { name: 'Recent runs' });
    await runs.getByRole('row').filter({ hasText: 'customer.created' }).first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/runs\/wfrun_/);
    await check(page, 'Run', found);
    await page.getByRole('button', { name: 'More actions' }).click();
    await check(page, 'Run, overflow menu', found);
    await page.getByRole('menuitem', { name: 'Inspect resource' }).click();
    await check(page, 'Inspect resource dialog', found);
    await page.keyboard.press('Escape');
    await page.goto(page.url().replace(/\/runs\/.*/, '/versions'));
    await check(page, 'Version history', found);
    await page.goto(page.url().replace(/\/versions$/, '/versions/1'));
    await check(page, 'Version v1', found);
    await page.goto(page.url().replace(/\/versions\/1$/, '/compare/1/2'));
    await check(page, 'Compare', found);
    await page.goto(page.url().replace(/\/compare\/.*/, '/replay'));
    await check(page, 'Replay', found);
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect(page.getByText(/events? replayed/)).toBeVisible();
    await check(page, 'Replay results', found);

    // The Event generator, Workbench, Outbox, an unknown page.
    await nav(page, 'Event generator');
    await check(page, 'Event generator', found);
    await page.getByRole('searchbox', { name: 'Search event types' }).fill('customer created');
    await page.getByRole('button', { name: /^Customer created/ }).first().click();
    await check(page, 'Event generator, a type chosen', found);
    await page.getByRole('button', { name: 'Send event', exact: true }).click();
    await check(page, 'Event generator, sent', found);
    await nav(page, 'Workbench');
    for (const tab of ['Events', 'Logs', 'Objects']) {
      await page.getByRole('tab', { name: tab }).click();
      await check(page, `Workbench ${tab}`, found);
      await page.locator('.list__item').first().click();
      await check(page, `Workbench ${tab}, one open`, found);
    }
    await nav(page, 'Outbox');
    await page.locator('.list__item').first().click();
    await check(page, 'Outbox', found);
    await page.goto('/no-such-page');
    await check(page, 'Page not found', found);

    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });
}
