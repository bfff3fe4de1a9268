// axe-core in French: the data is made in English (helpers.mjs speaks English), then the
// language switch is set to French and every page is visited by its address, with the
// editor's panels, the tests' and coverage sections and the Save as test dialog open. axe.spec.mjs walks
// the same pages in English, by their labels.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

import { welcomeJean, broken, importWorkflows, addCustomer, watchErrors } from './helpers.mjs';

/** The serious and critical violations of what the page shows now, one line each. */
async function violations(page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}`));
}

test('axe (fr): every page, the editor\'s panels, tests, coverage and a dialog', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await importWorkflows(page, [welcomeJean, broken]);
  await addCustomer(page, 'Jean Dupont', 'jean@example.com');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  const found = [];
  const check = async (what) => {
    await page.waitForTimeout(150);
    for (const v of await violations(page)) found.push(`${what}: ${v}`);
  };
  const visit = async (path, what) => {
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('navigation', { name: 'Principale' })).toBeVisible();
    await page.waitForTimeout(300);
    await check(what);
  };

  await visit('/workflows', 'Workflows');
  await visit('/customers', 'Clients');
  await page.getByRole('link', { name: 'Jean Dupont' }).first().click();
  await check('Client');
  await visit('/event-generator', 'Générateur d’événements');
  await visit('/workbench?tab=events', 'Workbench, événements');
  await visit('/workbench?tab=logs', 'Workbench, journaux');
  await visit('/outbox', 'Boîte d’envoi');
  await visit('/workflows/wf_e2e_jean', 'Éditeur');
  await page.locator('.step-card--trigger button, [aria-label="Déclencheur"] button').first().click();
  await check('Éditeur, panneau du déclencheur');
  await page.keyboard.press('Escape');
  await page.locator('.step-card__title').first().click();
  await check('Éditeur, panneau d’étape');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Mesurer la couverture' }).click();
  await expect(page.getByTestId('coverage-summary')).toBeVisible();
  await check('Éditeur, couverture');
  await page.getByRole('button', { name: 'Nouveau test à partir d’un événement généré' }).click();
  await expect(page.getByTestId('test-row')).toHaveCount(1);
  await page.getByTestId('test-row').locator('summary').click();
  await check('Éditeur, tests');
  await visit('/workflows/wf_e2e_jean/versions', 'Historique des versions');
  await visit('/workflows/wf_e2e_jean/replay', 'Rejouer');
  await page.goto('/workflows/wf_e2e_jean');
  await page.getByRole('region', { name: 'Exécutions récentes' }).locator('tbody tr').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/runs\//);
  await check('Exécution');
  await page.getByRole('button', { name: 'Enregistrer comme test' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('Dialogue Enregistrer comme test');
  await page.keyboard.press('Escape');
  await visit('/nowhere', 'Page introuvable');

  expect(found).toEqual([]);
  expect(errors).toEqual([]);
});
