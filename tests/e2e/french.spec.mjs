// The seed's own scenario in French, found by the French labels of Stripe's Dashboard (the
// seed page's vocabulary): a browser whose language is French opens Sandflow in French.
// Then the switch in the header: English to French and back, remembered across reloads.
import { test, expect } from '@playwright/test';

import { refuseUntilAllowed, watchErrors } from './helpers.mjs';

/** Follows a link of the sidebar, by its French name. */
async function navFr(page, name) {
  await page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name, exact: true }).click();
}

test.describe('a browser in French', () => {
  test.use({ locale: 'fr-FR' });

  test('the seed scenario in French: build, activate, Jean Dupont runs it, inspect, rerun, delete', async ({ page }) => {
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Créer un workflow: Nouveau workflow, Workflow sans titre, Ajouter un déclencheur.
    await page.goto('/workflows');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
    await expect(page.getByText('Aucun workflow pour l’instant')).toBeVisible();
    await page.getByRole('button', { name: 'Nouveau workflow' }).click();
    await expect(page).toHaveURL(/\/workflows\/wf_/);
    const name = page.getByRole('textbox', { name: 'Nom du workflow' });
    await expect(name).toHaveValue('Workflow sans titre');
    await name.fill('Bienvenue Jean');
    await name.press('Tab');

    await page.getByRole('button', { name: 'Ajouter un déclencheur' }).click();
    // The catalog in French: the search finds "Client créé" by its French name.
    await page.getByRole('searchbox', { name: 'Rechercher des déclencheurs' }).fill('client créé');
    await page.getByRole('button', { name: /^Client créé/ }).first().click();
    const triggerPanel = page.getByRole('complementary', { name: 'Configuration du déclencheur' });
    await expect(triggerPanel.getByText('customer.created')).toBeVisible();
    // Une condition: le nom commence par « Jean ». The field picker names fields and their
    // source in French ("Client | Nom") and finds them by their French words.
    await triggerPanel.getByRole('button', { name: 'Ajouter une condition' }).click();
    await triggerPanel.getByRole('searchbox', { name: 'Rechercher des champs' }).fill('nom');
    await triggerPanel.getByRole('button', { name: 'Client | Nom', exact: true }).click();
    await triggerPanel.getByRole('combobox', { name: 'Opérateur' }).selectOption({ label: 'commence par' });
    await triggerPanel.getByRole('textbox', { name: 'Valeur' }).fill('Jean');
    await triggerPanel.getByRole('textbox', { name: 'Valeur' }).press('Tab');
    await triggerPanel.getByRole('button', { name: 'Terminé' }).click();
    await expect(page.getByRole('region', { name: 'Déclencheur' })).toContainText('Seulement si');
    await expect(page.getByRole('region', { name: 'Déclencheur' })).toContainText('Client | Nom commence par «\u00a0Jean\u00a0»');

    // Ajouter une étape: une action dont le champ Obligatoire reçoit une valeur dynamique.
    await page.getByRole('button', { name: 'Ajouter une étape' }).last().click();
    await page.getByRole('menuitem', { name: /^Action/ }).click();
    await page.getByRole('searchbox', { name: 'Rechercher des actions' }).fill('mettre à jour client');
    await page.getByRole('button', { name: /^Mettre à jour un client/ }).first().click();
    const panel = page.getByRole('complementary', { name: 'Configuration de l’étape' });
    await expect(panel.getByRole('heading', { name: 'Mettre à jour un client' })).toBeVisible();
    await expect(panel.getByText('Obligatoire').first()).toBeVisible();
    await expect(page.getByText('Étapes\u00a0: 1 sur 12')).toBeVisible();
    await panel.getByRole('button', { name: 'Insérer une valeur dynamique dans Client' }).click();
    await panel.getByRole('searchbox', { name: 'Rechercher des champs' }).fill('id');
    await panel.getByRole('button', { name: 'Client | ID', exact: true }).click();
    await panel.getByRole('button', { name: 'Terminé' }).click();

    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Enregistré' })).toBeVisible();
    await page.getByRole('button', { name: 'Activer', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Activé' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Désactiver', exact: true })).toBeVisible();
    await expect(page.getByText('v1 en production')).toBeVisible();
    await page.screenshot({ path: new URL('../../docs/screenshot-fr.png', import.meta.url).pathname });
    // The engine's refusals speak French too.
    await page.getByRole('button', { name: 'Monter Mettre à jour un client' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'l’étape est déjà en haut de sa liste' })).toBeVisible();

    // Tester un workflow: Clients, + Nouveau client, Ajouter un client.
    await navFr(page, 'Clients');
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
    await page.getByRole('button', { name: '+ Nouveau client' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau client' });
    await dialog.getByLabel('Nom').fill('Jean Dupont');
    await dialog.getByLabel('E-mail').fill('jean@example.com');
    await dialog.getByRole('button', { name: 'Ajouter un client' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: /\S/ }).first()).toContainText('1 exécution de workflow démarrée');
    await expect(page.getByTestId('customer-count')).toHaveText('1 client');

    // Observer un workflow: Exécutions récentes, badge Réussi.
    await navFr(page, 'Workflows');
    const row = page.getByRole('row', { name: /Bienvenue Jean/ });
    await expect(row).toContainText('Actif');
    await expect(row).toContainText('Réussi');
    await page.getByRole('link', { name: 'Bienvenue Jean' }).click();
    const runs = page.getByRole('region', { name: 'Exécutions récentes' });
    await expect(runs.getByRole('heading', { name: 'Exécutions récentes' })).toBeVisible();
    const run = runs.getByRole('row').filter({ hasText: 'customer.created' });
    await expect(run.getByText('Réussi', { exact: true })).toBeVisible();
    // Dates follow the language (Intl): "5 janv. 2025, 14:03:07 UTC".
    await expect(run.getByRole('cell').nth(1)).toHaveText(/^\d{1,2} \S+ \d{4}( à|,) \d{2}:\d{2}:\d{2} UTC$/);
    await run.getByRole('link').click();
    await expect(page).toHaveURL(/\/runs\/wfrun_/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Réussi');
    const runUrl = page.url();

    // Inspecter dans Workbench, from the action step.
    const steps = page.locator('.run-flow > li');
    await steps.nth(1).getByRole('link', { name: 'Inspecter dans Workbench' }).click();
    await expect(page).toHaveURL(/\/workbench\?tab=logs&id=req_/);
    await expect(page.getByRole('tab', { name: 'Logs' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('.workbench__detail')).toContainText(/POST \/v1\/customers\/cus_\w+/);
    await page.goBack();
    await expect(page).toHaveURL(runUrl);

    // Inspecter la ressource, from the menu.
    await page.getByRole('button', { name: 'Plus d’actions' }).click();
    await page.getByRole('menuitem', { name: 'Inspecter la ressource' }).click();
    const resource = page.getByRole('dialog', { name: 'Inspecter la ressource' });
    await expect(resource).toContainText('"email": "jean@example.com"');
    await resource.getByRole('button', { name: 'Fermer' }).click();

    // Relancer l’exécution: a new run, linked to this one.
    await page.getByRole('button', { name: 'Relancer l’exécution' }).click();
    await expect(page.getByText('Relance de')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Réussi');

    // Désactiver, then Supprimer le workflow, confirmed by Supprimer in the modal.
    await page.getByRole('link', { name: 'Bienvenue Jean' }).click();
    await page.getByRole('button', { name: 'Désactiver', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Activer', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Plus d’actions' }).click();
    await page.getByRole('menuitem', { name: 'Supprimer le workflow' }).click();
    const confirm = page.getByRole('dialog', { name: 'Supprimer le workflow\u00a0?' });
    await expect(confirm).toContainText('définitive');
    await confirm.getByRole('button', { name: 'Supprimer', exact: true }).click();
    await expect(page).toHaveURL(/\/workflows$/);
    await expect(page.getByText('Aucun workflow pour l’instant')).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('amounts are formatted for the language by Intl: 1 000,00 € and €1,000.00', async ({ page }) => {
    // A charge of 1,000.00 EUR (100000 in Stripe's minor unit), by the generator's overrides.
    await page.goto('/event-generator?type=charge.succeeded');
    await page.getByRole('button', { name: 'Imposer un champ' }).click();
    await page.getByRole('button', { name: 'Imposer un champ' }).click();
    await page.getByLabel('Chemin du champ 1').fill('amount');
    await page.getByLabel('Valeur 1').fill('100000');
    await page.getByLabel('Chemin du champ 2').fill('currency');
    await page.getByLabel('Valeur 2').fill('eur');
    await page.getByRole('button', { name: 'Envoyer l’événement', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Événement envoyé' })).toBeVisible();
    await page.goto('/workbench?tab=objects&type=charge');
    // French: a (narrow) no-break space between thousands, a comma, the euro sign after.
    await expect(page.getByRole('list', { name: 'Objets' })).toContainText(/1\s000,00\s€/);
    await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
    await expect(page.getByRole('list', { name: 'Objects' })).toContainText('€1,000.00');
  });
});

/** A customer is welcomed only when named Jean: a condition step and an email. */
const welcomeIfJean = {
  format_version: 1, id: 'wf_e2e_fr', name: 'Welcome Jean', status: 'active',
  trigger: { event_type: 'customer.created' },
  steps: [{
    type: 'branch', id: 'step_jean',
    condition: { compare: { field: 'trigger.data.object.name', op: 'starts_with', value: 'Jean', kind: 'string' } },
    then: [{ type: 'email', id: 'step_hello', to: 'team@example.com', subject: 'Jean is here', body: '', rows: [] }],
    else: [],
  }],
  created: 1700000000, updated: 1700000000,
};

test('the engine’s sentences in French: a condition step’s summary, a version diff, what moving time does', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/workflows');
  const input = page.getByLabel('Import workflows');
  await expect(input).toBeEnabled();
  await input.setInputFiles({
    name: 'workflows.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format_version: 1, workflows: [welcomeIfJean] })),
  });
  await expect(page.getByText('Imported 1 workflow')).toBeVisible();
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');

  // The step card of the condition: « Si Client | Nom commence par « Jean » ».
  await page.getByRole('link', { name: 'Welcome Jean' }).click();
  const summary = page.locator('.step-card:not(.step-card--trigger) .step-card__summary').first();
  await expect(summary).toHaveText('Si Client | Nom commence par «\u00a0Jean\u00a0»');
  await page.screenshot({ path: new URL('../../docs/screenshot-fr-condition.png', import.meta.url).pathname });

  // A draft renamed, compared with v1: the change and the summary in French.
  const name = page.getByRole('textbox', { name: 'Nom du workflow' });
  await name.fill('Bienvenue Jean');
  await name.press('Tab');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Enregistré' })).toBeVisible();
  await page.goto(page.url().replace(/\/workflows\/(wf_[\w]+).*$/, '/workflows/$1/compare/1/draft'));
  const changes = page.getByRole('region', { name: 'Modifications' });
  await expect(changes).toContainText('renommé');
  await expect(changes.getByRole('listitem')).toHaveText('renommé de «\u00a0Welcome Jean\u00a0» en «\u00a0Bienvenue Jean\u00a0»');
  await expect(changes).not.toContainText('renamed');

  // The clock's Advance time panel: what moving time does, in French, Stripe's event types kept.
  await page.getByRole('button', { name: 'Avancer l’horloge' }).first().click();
  await page.getByText('Ce que fait l’avance de l’horloge').click();
  const effects = page.locator('.clock__effects');
  await expect(effects).toContainText('3 jours avant la fin d’un essai\u00a0: customer.subscription.trial_will_end');
  await expect(effects).toContainText('arrival_date d’un virement en attente\u00a0: payout.paid');
  await expect(effects).not.toContainText('before a trial ends');
  expect(errors).toEqual([]);
});

test('the language switch in the header: French, stored, then English again', async ({ page }) => {
  await page.goto('/workflows');
  // Playwright's Chromium speaks English: the app starts in English.
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeVisible();
  const language = page.getByRole('combobox', { name: 'Language' });
  await language.selectOption('fr');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(page.getByRole('button', { name: 'Nouveau workflow' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Clients' })).toBeVisible();
  await expect(page).toHaveURL(/\/workflows$/);
  // Remembered: a reload (and an English browser) keeps French.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Nouveau workflow' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeVisible();
});

test('French texts that cannot be fetched: the page stays in English and says so, then French works once they can', async ({ page }) => {
  const errors = watchErrors(page);
  // The catalogs' French is a file of its own (fr.json), fetched the first time French is shown.
  let french = 0;
  await page.route(/\/fr\.json(\?|$)/, (route) => { french += 1; return route.abort('internetdisconnected'); });
  // The interface's French, a lazily loaded part of the wasm, is asked for once fr.json came.
  const parts = [];
  page.on('request', (request) => { if (/split_french_interface/.test(request.url())) parts.push(request.url()); });
  await page.goto('/workflows');
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeVisible();
  expect(french).toBe(0);
  const language = page.getByRole('combobox', { name: 'Language' });
  await language.selectOption('fr');
  const notice = page.getByRole('alert').filter({ hasText: 'French could not be loaded (no network?): English is shown.' });
  await expect(notice).toContainText('Le français n’a pas pu être chargé');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeVisible();
  await expect(language).toHaveValue('en');
  expect(french).toBe(1);
  expect(parts).toEqual([]);

  // Not remembered: the next visit starts in English. This time fr.json comes and the
  // interface's part does not: said the same way, and the app goes on.
  await page.unroute(/\/fr\.json(\?|$)/);
  const allow = await refuseUntilAllowed(page, /split_french_interface[^/]*\.wasm$/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeVisible();
  await expect(notice).toHaveCount(0);
  await language.selectOption('fr');
  await expect(notice).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(language).toHaveValue('en');
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeVisible();

  // Once it can be fetched, choosing French again works, without a reload.
  allow();
  await language.selectOption('fr');
  await expect(page.getByRole('button', { name: 'Nouveau workflow' })).toBeVisible();
  // The template gallery's names are catalog text, from fr.json.
  await expect(page.getByRole('heading', { name: 'Prévenir l’équipe d’un litige' })).toBeVisible();
  await expect(notice).toHaveCount(0);
  expect(parts).toHaveLength(2);
  expect(errors).toEqual([]);
});
