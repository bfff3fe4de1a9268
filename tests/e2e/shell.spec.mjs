// The app shell as a person meets it: the page loads, the sidebar reaches every page, and
// each page says honestly what it holds.
import { test, expect } from '@playwright/test';

const pages = [
  { link: 'Workflows', path: '/workflows', empty: 'No workflows yet' },
  { link: 'Customers', path: '/customers', empty: 'No customers yet' },
  { link: 'Event generator', path: '/event-generator', empty: 'No events sent yet' },
  { link: 'Workbench', path: '/workbench', empty: 'No events or requests yet' },
  { link: 'Outbox', path: '/outbox', empty: 'No emails yet' },
];

test('the page loads with its title and opens on Workflows', async ({ page }) => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
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

test('a link to the page whose part is still loading leaves the page whole', async ({ page }) => {
  // The sandbox's part arrives 1.5 s late; meanwhile the sidebar's link to the same page
  // is clicked.
  await page.route(/split_sandbox_part[^/]*\.wasm$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  await page.goto('/customers');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Customers', exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole('button', { name: '+ New customer' })).toBeVisible();
});
