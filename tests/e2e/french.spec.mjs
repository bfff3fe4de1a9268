// The seed's own scenario in French, found by the French labels of Stripe's Dashboard (the
// seed page's vocabulary): a browser whose language is French opens Sandflow in French.
// Then the switch in the header: English to French and back, remembered across reloads.
import { test, expect } from '@playwright/test';

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
    // Une condition: le nom commence par « Jean » (the field picker's names are the
    // engine's, in English).
    await triggerPanel.getByRole('button', { name: 'Ajouter une condition' }).click();
    await triggerPanel.getByRole('searchbox', { name: 'Rechercher des champs' }).fill('name');
    await triggerPanel.getByRole('button', { name: 'Customer | Name', exact: true }).click();
    await triggerPanel.getByRole('combobox', { name: 'Opérateur' }).selectOption({ label: 'commence par' });
    await triggerPanel.getByRole('textbox', { name: 'Valeur' }).fill('Jean');
    await triggerPanel.getByRole('textbox', { name: 'Valeur' }).press('Tab');
    await triggerPanel.getByRole('button', { name: 'Terminé' }).click();
    await expect(page.getByRole('region', { name: 'Déclencheur' })).toContainText('Seulement si');

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
    await panel.getByRole('button', { name: 'Customer | ID', exact: true }).click();
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
