// Sandflow put online: the release build made for a sub-path (scripts/bundle.sh
// /any/sub/path/, in dist-hosted/) served by a plain static server whose one rule is the
// fallback to index.html (static-server.mjs). First without the service worker, so that
// every file and every deep link comes from the host; then with it: offline after a first
// visit, and a new build deployed while the app is open.
import { test, expect } from '@playwright/test';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serveBuild } from './static-server.mjs';
import { welcomeJean, everyCustomer, addCustomer, watchErrors } from './helpers.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dist = process.env.E2E_HOSTED_DIST || join(root, 'dist-hosted');

let host;
test.beforeAll(() => {
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`no sub-path build in ${dist}: run scripts/bundle.sh /any/sub/path/ dist-hosted (scripts/test.sh does)`);
  }
});
test.beforeEach(async () => { host = await serveBuild(dist); });
test.afterEach(async () => { await host?.close(); });

/** Imports workflows from the Workflows page of the hosted app (the helpers' own import
 * goes to the root of the host). */
async function importHere(page, workflows) {
  await page.goto(`${host.url}workflows`);
  const input = page.getByLabel('Import workflows');
  await expect(input).toBeEnabled();
  await input.setInputFiles({
    name: 'workflows.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format_version: 1, workflows })),
  });
  await expect(page.getByText(`Imported ${workflows.length} workflow`)).toBeVisible();
}

/** Resolves once the service worker has copied the build and is active. */
async function offlineCopyReady(page) {
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
}

test.describe('served under a sub-path, from the host alone', () => {
  test.use({ serviceWorkers: 'block' });

  test('links, assets and deep links stay under the path; a deep link reloads; the data survives', async ({ page }) => {
    const errors = watchErrors(page);
    const failed = [];
    page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
    page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) errors.push(m.text()); });

    // The root of the path opens the Workflows page.
    await page.goto(host.url);
    await expect(page).toHaveURL(`${host.url}workflows`);
    await importHere(page, [welcomeJean, everyCustomer]);

    // Links of the page and of the sidebar lead to addresses under the path, and the router
    // follows them without leaving the page.
    await page.evaluate(() => { window.samePage = true; });
    await page.getByRole('link', { name: 'Welcome Jean' }).click();
    await expect(page).toHaveURL(`${host.url}workflows/wf_e2e_jean`);
    await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Welcome Jean');
    await addCustomer(page, 'Jean Dupont');
    await expect(page).toHaveURL(`${host.url}customers`);
    await expect(page.getByRole('link', { name: 'Jean Dupont' })).toBeVisible();
    expect(await page.evaluate(() => window.samePage)).toBe(true);
    for (const href of await page.locator('a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))) {
      expect(href.startsWith(host.base), `link ${href}`).toBe(true);
    }

    // A deep link reloads from the host (its fallback), and what was stored is there.
    await page.goto(`${host.url}workflows/wf_e2e_all`);
    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Every new customer');
    await page.getByRole('link', { name: '← Workflows' }).click();
    await expect(page).toHaveURL(`${host.url}workflows`);
    await expect(page.getByRole('row', { name: /Every new customer/ })).toContainText('1');
    await page.goto(`${host.url}customers`);
    await expect(page.getByRole('link', { name: 'Jean Dupont' })).toBeVisible();

    // The page remembered is reopened at the path's root, under the path.
    await page.goto(host.url);
    await expect(page).toHaveURL(`${host.url}customers`);
    // Storage is reported in the sidebar.
    await expect(page.getByRole('region', { name: 'Storage' })).toContainText(/Stored in this browser: [\d.]+ [KMG]B/);

    // Every file came from under the path, none failed, and the manifest and icons load.
    const manifest = await (await page.request.get(`${host.url}manifest.webmanifest`)).json();
    for (const icon of manifest.icons) expect((await page.request.get(`${host.url}${icon.src}`)).ok()).toBe(true);
    expect(host.requests.filter((path) => !path.startsWith(host.base))).toEqual([]);
    expect(failed).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('the browser is asked once to keep the data, and little room left is said', async ({ page }) => {
    const errors = watchErrors(page);
    // A browser whose disk is nearly full, and that does not promise to keep the data.
    await page.addInitScript(() => {
      const MB = 2 ** 20;
      window.keepAsked = 0;
      navigator.storage.persist = async () => { window.keepAsked += 1; return false; };
      navigator.storage.persisted = async () => false;
      navigator.storage.estimate = async () => ({ usage: 96 * MB, quota: 100 * MB, usageDetails: { indexedDB: 90 * MB } });
    });
    await page.goto(host.url);
    const storage = page.getByRole('region', { name: 'Storage' });
    await expect(storage).toContainText("Stored in this browser: 96.0 MB (your data 90.0 MB, the app's offline copy 6.0 MB)");
    await expect(storage).toContainText('4.0 MB free. The browser may clear it if the disk fills up');
    await expect(storage.getByRole('alert')).toContainText('Little room left (4.0 MB)');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers', exact: true }).click();
    await expect(page).toHaveURL(`${host.url}customers`);
    expect(await page.evaluate(() => window.keepAsked)).toBe(1);
    expect(errors).toEqual([]);
  });
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('after a first visit, the app and its data open offline, at a deep link too', async ({ page, context }) => {
    const errors = watchErrors(page);
    await importHere(page, [welcomeJean]);
    await addCustomer(page, 'Jean Offline');
    await expect(page.getByRole('link', { name: 'Jean Offline' })).toBeVisible();
    await offlineCopyReady(page);

    // No network at all: the browser is offline and the host is gone.
    await context.setOffline(true);
    await host.close();
    await page.reload();
    await expect(page.getByRole('link', { name: 'Jean Offline' })).toBeVisible();
    await page.goto(`${host.url}workflows/wf_e2e_jean`);
    await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Welcome Jean');
    await expect(page.getByText('A new version is ready')).toHaveCount(0);
    // French was never shown online: its texts (fr.json) come from the offline copy too.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await expect(page.getByRole('textbox', { name: 'Nom du workflow' })).toHaveValue('Welcome Jean');
    await expect(page.getByText('Client créé').first()).toBeVisible();
    // So does what the first screen fetches on first use: moving the sandbox clock.
    await page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Workflows', exact: true }).click();
    await page.getByRole('button', { name: 'Avancer l’horloge' }).click();
    await page.getByRole('button', { name: 'Avancer', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Horloge avancée (1 jour)' })).toBeVisible();
    expect(errors).toEqual([]);
    host = null;
  });

  test('a new build deployed: the open app says so, never reloads by itself, and Reload loads it', async ({ page }) => {
    const errors = watchErrors(page);
    await importHere(page, [welcomeJean]);
    await offlineCopyReady(page);
    // The next visit is served by the worker, which has nothing new to say.
    await page.reload();
    await expect(page.getByRole('link', { name: 'Welcome Jean' })).toBeVisible();
    await expect(page.getByText('A new version is ready')).toHaveCount(0);

    // A new build on the host: the same one with a changed page (marked), its service
    // worker list made again as the build's hook makes it.
    const next = mkdtempSync(join(tmpdir(), 'sandflow-next-'));
    try {
      cpSync(dist, next, { recursive: true });
      const index = join(next, 'index.html');
      writeFileSync(index, readFileSync(index, 'utf8').replace('<title>', '<meta name="e2e-build" content="next" />\n    <title>'));
      execFileSync('node', [join(root, 'scripts/precache.mjs'), next]);
      host.deploy(next);

      // The next visit opens the build the browser has, and says a new one is ready.
      await page.goto(`${host.url}workflows/wf_e2e_jean`);
      await page.evaluate(() => { window.working = true; });
      const notice = page.getByRole('status').filter({ hasText: 'A new version is ready' });
      await expect(notice).toBeVisible({ timeout: 15_000 });
      expect(await page.locator('meta[name="e2e-build"]').count()).toBe(0);
      // It waits for the person: two seconds later the page is still the same one.
      await page.waitForTimeout(2_000);
      expect(await page.evaluate(() => window.working)).toBe(true);

      await notice.getByRole('button', { name: 'Reload' }).click();
      await expect(page.locator('meta[name="e2e-build"]')).toHaveAttribute('content', 'next');
      await expect(page).toHaveURL(`${host.url}workflows/wf_e2e_jean`);
      await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Welcome Jean');
      await expect(page.getByText('A new version is ready')).toHaveCount(0);
    } finally {
      rmSync(next, { recursive: true, force: true });
    }
    expect(errors).toEqual([]);
  });
});
