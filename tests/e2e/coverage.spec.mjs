// Coverage as a person uses it: the "Refund on early fraud warning" template measured on
// generated events leaves a branch never exercised; Sandflow finds an event that takes it
// and adds it as a test, and every branch is then covered.
import { test, expect } from '@playwright/test';

import { watchErrors } from './helpers.mjs';

test('coverage finds an event for the never-exercised branch and adds it as a test', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'Use template Refund on early fraud warning' }).click();
  await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Refund on early fraud warning');

  const coverage = page.getByRole('region', { name: 'Coverage' });
  await coverage.getByRole('spinbutton', { name: 'Generated events' }).fill('100');
  await coverage.getByRole('button', { name: 'Measure coverage' }).click();
  const summary = coverage.getByTestId('coverage-summary');
  await expect(summary).toHaveText(/Branches covered: 1 of 2 \(50%\) · 100 outcomes counted/);
  // The canvas marks what no run reached.
  await expect(page.locator('.canvas').getByText('Never exercised').first()).toBeVisible();
  const never = coverage.getByTestId('never-exercised').filter({ hasText: 'the “else” branch' });
  await never.getByRole('button', { name: 'Find an event' }).click();
  await expect(never.getByRole('status')).toContainText('Found on try');
  await page.screenshot({ path: new URL('../../docs/coverage.png', import.meta.url).pathname, fullPage: true });
  await never.getByRole('button', { name: 'Add as test' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'to the tests' })).toBeVisible();
  await expect(summary).toHaveText(/Branches covered: 2 of 2 \(100%\)/);

  // The new test passes on the draft, and measuring again counts it.
  await expect(page.getByTestId('test-count')).toHaveText('Tests: 1 passing');
  await coverage.getByRole('spinbutton', { name: 'Generated events' }).fill('0');
  await coverage.getByRole('button', { name: 'Measure coverage' }).click();
  await expect(summary).toHaveText(/Branches covered: 1 of 2 \(50%\) · 1 outcomes counted/);
  await expect(coverage.getByTestId('never-exercised').filter({ hasText: 'the “if true” branch' })).toBeVisible();

  // An unreachable side is said so, with the reason.
  await expect(coverage.getByRole('spinbutton', { name: 'Generated events' })).toHaveValue('0');
  await coverage.getByRole('spinbutton', { name: 'Generated events' }).fill('99999');
  await coverage.getByRole('button', { name: 'Measure coverage' }).click();
  await expect(coverage.getByRole('alert')).toContainText('from 0 to 10000');
  expect(errors).toEqual([]);
});
