// The app shell as a person meets it: the page loads, the sidebar reaches every page, and
// each page says honestly what it holds.
import { test, expect } from '@playwright/test';

import { refuseUntilAllowed, watchErrors } from './helpers.mjs';

const pages = [
  { link: 'Workflows', path: '/workflows', empty: 'No workflows yet' },
  { link: 'Customers', path: '/customers', empty: 'No customers yet' },
  { link: 'Event generator', path: '/event-generator', empty: 'No events sent yet' },
  { link: 'Workbench', path: '/workbench', empty: 'No events or requests yet' },
  { link: 'Outbox', path: '/outbox', empty: 'No emails yet' },
];

test('the page loads with its title and opens on Workflows', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page).toHaveTitle('Sandflow');
  await expect(page).toHaveURL(/\/workflows$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the sidebar visits every page', async ({ page }) => {
  await page.goto('/workflows');
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const p of pages) {
    await nav.getByRole('link', { name: p.link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${p.path}$`));
    await expect(page.getByRole('heading', { level: 1, name: p.link })).toBeVisible();
    await expect(page.getByText(p.empty)).toBeVisible();
    await expect(nav.getByRole('link', { name: p.link, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  await page.getByRole('link', { name: 'Workflows', exact: true }).click();
  await page.screenshot({ path: new URL('../../docs/screenshot.png', import.meta.url).pathname });
});

test('an unknown address says so and offers the way back', async ({ page }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Back to Workflows' }).click();
  await expect(page).toHaveURL(/\/workflows$/);
});

// A page's part arrives `ms` late.
async function partLate(page, part, ms) {
  await page.route(new RegExp(`split_${part}[^/]*\\.wasm$`), async (route) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    await route.continue();
  });
}

test('links followed while a page’s part is still loading lead to the page they name', async ({ page }) => {
  const errors = watchErrors(page);
  const main = page.getByRole('navigation', { name: 'Main' });
  const heading = (name) => page.getByRole('heading', { level: 1, name, exact: true });
  await partLate(page, 'sandbox_part', 1500);
  // The same link as the page open.
  await page.goto('/customers');
  await main.getByRole('link', { name: 'Customers', exact: true }).click();
  await expect(heading('Customers')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('button', { name: '+ New customer' })).toBeVisible();
  // The same page without its address's query (the CI failure of stop 16).
  await page.goto('/workbench?tab=logs');
  await expect(page.getByRole('status').filter({ hasText: 'Loading the page…' })).toBeVisible();
  await main.getByRole('link', { name: 'Workbench', exact: true }).click();
  await expect(heading('Workbench')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  // Another page of the same part, then a page of another part, both still loading.
  await page.goto('/outbox');
  await main.getByRole('link', { name: 'Workbench', exact: true }).click();
  await expect(heading('Workbench')).toBeVisible({ timeout: 10_000 });
  await partLate(page, 'history_part', 1500);
  await page.goto('/customers');
  await page.goto('/workflows/wf_none/versions');
  await main.getByRole('link', { name: 'Outbox', exact: true }).click();
  await expect(heading('Outbox')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText('No emails yet')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a page whose code cannot be fetched says so, keeps the app, and loads on Try again', async ({ page }) => {
  const errors = watchErrors(page);
  const allow = await refuseUntilAllowed(page, /split_sandbox_part[^/]*\.wasm$/);
  await page.goto('/workflows');
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'This page could not be loaded' });
  await expect(alert).toContainText('Check your connection, then try again.');
  // The app goes on: another page of the first screen still works.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Workflows', exact: true }).click();
  await expect(page.getByRole('button', { name: 'New workflow' }).first()).toBeVisible();
  await page.goBack();
  await expect(alert).toBeVisible();
  allow();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers', exact: true })).toBeVisible();
  await expect(page.getByText('No customers yet')).toBeVisible();
  // The failed fetch was said on the page, never thrown.
  expect(errors).toEqual([]);
});

test('a button whose code cannot be fetched changes nothing, says why, and works when pressed again', async ({ page }) => {
  const errors = watchErrors(page);
  const allow = await refuseUntilAllowed(page, /split_advance_clock[^/]*\.wasm$/);
  await page.goto('/workflows');
  const clock = page.getByTestId('sandbox-time');
  const read = async () => Date.parse(await clock.locator('time').getAttribute('datetime'));
  const before = await read();
  await page.getByRole('button', { name: 'Advance time' }).click();
  const panel = page.getByRole('region', { name: 'Advance time' });
  await panel.getByLabel('Advance by').fill('2');
  await panel.getByRole('button', { name: 'Advance', exact: true }).click();
  await expect(panel.getByRole('alert')).toHaveText(
    'Time did not move: its code could not be fetched (no network?). Nothing was changed: check your connection, then try again',
  );
  expect(await read()).toBe(before);
  // The app goes on, and the same button works once the code can be fetched.
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeVisible();
  allow();
  await panel.getByRole('button', { name: 'Advance', exact: true }).click();
  await expect(panel.getByRole('status')).toContainText('Advanced 2 days');
  expect(await read() - before).toBe(2 * 86_400_000);
  expect(errors).toEqual([]);
});
