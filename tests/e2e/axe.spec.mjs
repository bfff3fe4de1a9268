// Accessibility as axe-core judges it: no serious or critical violation on any page, nor
// with any panel, menu or dialog open, in each language the app speaks. The walk is the
// same in both: every label it looks for is the app's own word in that language
// (words.mjs reads them from the strings table and the catalogs).
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

import { welcomeJean, broken, importWorkflows, addCustomer, nav, watchErrors } from './helpers.mjs';
import { words, escaped } from './words.mjs';

const LANGUAGES = ['en', 'fr'];

/** Puts the app in `lang` with the header's switch (English is what it starts in). */
async function useLanguage(page, lang) {
  if (lang === 'en') return;
  await page.getByRole('combobox', { name: 'Language' }).selectOption(lang);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
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
    const w = words(lang);
    const { t, c } = w;
    await page.goto('/workflows');
    await useLanguage(page, lang);
    await check(page, 'Workflows, empty', found);
    await importWorkflows(page, [welcomeJean, broken], w);
    await check(page, 'Workflows', found);
    await page.getByRole('button', { name: t('Advance time') }).click();
    await check(page, 'Advance time', found);
    await page.getByRole('button', { name: t('Advance time') }).click();
    await page.getByRole('button', { name: t('Reset sandbox') }).click();
    await check(page, 'Reset sandbox dialog', found);
    await page.keyboard.press('Escape');

    // Customers, the new-customer dialog and a customer.
    await nav(page, t('Customers'), w);
    await check(page, 'Customers, empty', found);
    await page.getByRole('button', { name: t('+ New customer') }).click();
    await check(page, 'New customer dialog', found);
    await page.keyboard.press('Escape');
    await addCustomer(page, 'Jean Dupont', 'jean@example.com', w);
    await check(page, 'Customers', found);
    await page.getByRole('link', { name: 'Jean Dupont' }).first().click();
    await check(page, 'Customer', found);

    // The editor with each panel, menu and dialog.
    await nav(page, t('Workflows'), w);
    await page.getByRole('link', { name: 'Welcome Jean' }).click();
    await expect(page.getByRole('textbox', { name: t('Workflow name') })).toHaveValue('Welcome Jean');
    await check(page, 'Editor', found);
    await page.getByRole('button', { name: t('Measure coverage') }).click();
    await expect(page.getByTestId('coverage-summary')).toBeVisible();
    await check(page, 'Editor, coverage', found);
    await page.getByRole('button', { name: t('New test from a generated event') }).click();
    await expect(page.getByTestId('test-row')).toHaveCount(1);
    await page.getByTestId('test-row').locator('summary').click();
    await check(page, 'Editor, tests', found);
    await page.getByRole('region', { name: t('Trigger') }).getByRole('button').first().click();
    await check(page, 'Editor, trigger panel', found);
    await page.getByRole('button', { name: t('Change trigger') }).click();
    await check(page, 'Editor, trigger picker', found);
    await page.getByRole('button', { name: c('action.customers.update.name', 'Update a customer'), exact: true }).click();
    await check(page, 'Editor, action panel', found);
    await page.getByRole('button', { name: t('Insert a dynamic value into {target}', { target: c('param.customer', 'Customer') }) }).click();
    await check(page, 'Editor, dynamic value picker', found);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: c('email_step.name', 'Email a team member'), exact: true }).click();
    await check(page, 'Editor, email panel', found);
    await page.getByRole('button', { name: t('Done') }).click();
    await page.getByRole('button', { name: t('Add step') }).last().click();
    await check(page, 'Editor, Add step menu', found);
    await page.getByRole('menuitem', { name: new RegExp(`^${escaped(t('Condition'))}`) }).click();
    await check(page, 'Editor, condition panel', found);
    await page.getByRole('complementary', { name: t('Step configuration') }).getByRole('button', { name: t('Add condition') }).click();
    await check(page, 'Editor, field picker', found);
    await page.keyboard.press('Enter');
    await check(page, 'Editor, a condition row', found);
    await page.getByRole('button', { name: t('Done') }).click();
    await page.getByRole('button', { name: t('Add step') }).last().click();
    await page.getByRole('menuitem', { name: new RegExp(`^${escaped(t('Action'))}`) }).click();
    await check(page, 'Editor, action picker', found);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: t('More actions') }).click();
    await check(page, 'Editor, overflow menu', found);
    await page.getByRole('menuitem', { name: t('Delete workflow') }).click();
    await check(page, 'Delete dialog', found);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: t('Publish') }).click();
    await check(page, 'Publish dialog', found);
    await page.getByRole('dialog').getByRole('button', { name: t('Publish') }).click();
    await expect(page.getByRole('status').filter({ hasText: t('Published {version}: it runs from the next matching event', { version: 'v2' }) })).toBeVisible();

    // A run, the versions, replay.
    const runs = page.getByRole('region', { name: t('Recent runs') });
    await runs.getByRole('row').filter({ hasText: 'customer.created' }).first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/runs\/wfrun_/);
    await check(page, 'Run', found);
    await page.getByRole('button', { name: t('More actions') }).click();
    await check(page, 'Run, overflow menu', found);
    await page.getByRole('menuitem', { name: t('Inspect resource') }).click();
    await check(page, 'Inspect resource dialog', found);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: t('Save as test') }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await check(page, 'Save as test dialog', found);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await page.goto(page.url().replace(/\/runs\/.*/, '/versions'));
    await check(page, 'Version history', found);
    await page.goto(page.url().replace(/\/versions$/, '/versions/1'));
    await check(page, 'Version v1', found);
    await page.goto(page.url().replace(/\/versions\/1$/, '/compare/1/2'));
    await check(page, 'Compare', found);
    await page.goto(page.url().replace(/\/compare\/.*/, '/replay'));
    await check(page, 'Replay', found);
    await page.getByRole('button', { name: t('Replay'), exact: true }).click();
    await expect(page.getByText(w.pattern('{done} of {total} events replayed'))).toBeVisible();
    await check(page, 'Replay results', found);

    // The Event generator, Workbench, Outbox, an unknown page.
    await nav(page, t('Event generator'), w);
    await check(page, 'Event generator', found);
    await page.getByRole('searchbox', { name: t('Search event types') }).fill('customer created');
    await page.getByRole('button', { name: new RegExp(`^${escaped(c('event.customer.created.label', 'Customer created'))}`) }).first().click();
    await check(page, 'Event generator, a type chosen', found);
    await page.getByRole('button', { name: t('Send event'), exact: true }).click();
    await check(page, 'Event generator, sent', found);
    await nav(page, t('Workbench'), w);
    for (const tab of ['Events', 'Logs', 'Objects']) {
      await page.getByRole('tab', { name: t(tab) }).click();
      await check(page, `Workbench ${tab}`, found);
      await page.locator('.list__item').first().click();
      await check(page, `Workbench ${tab}, one open`, found);
    }
    await nav(page, t('Outbox'), w);
    await page.locator('.list__item').first().click();
    await check(page, 'Outbox', found);
    await page.goto('/no-such-page');
    await check(page, 'Page not found', found);

    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  });
}
