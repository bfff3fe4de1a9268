// Coverage as a person uses it: the "Refund on early fraud warning" template measured on
// generated events leaves a branch never exercised; Sandflow finds an event that takes it
// and adds it as a test, and every branch is then covered.
import { test, expect } from '@playwright/test';

import { importWorkflows, watchErrors } from './helpers.mjs';

test('coverage finds an event for the never-exercised branch and adds it as a test', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'Use template Refund on early fraud warning' }).click();
  await expect(page.getByRole('textbox', { name: 'Workflow name' })).toHaveValue('Refund on early fraud warning');

  const coverage = page.getByRole('region', { name: 'Coverage' });
  const summary = coverage.getByTestId('coverage-summary');
  const events = coverage.getByRole('spinbutton', { name: 'Generated events' });
  // 100 generated events: every outcome counted.
  await events.fill('100');
  await coverage.getByRole('button', { name: 'Measure coverage' }).click();
  await expect(summary).toHaveText(/Branches covered: \d of 2 \(\d+%\) · 100 outcomes counted/);

  // No test yet and no generated event: nothing is exercised, and the canvas says so.
  await events.fill('0');
  await coverage.getByRole('button', { name: 'Measure coverage' }).click();
  await expect(summary).toHaveText('Branches covered: 0 of 2 (0%) · 0 outcomes counted');
  await expect(page.locator('.canvas').getByText('Never exercised').first()).toBeVisible();

  // An event for each side of the condition, found and added as a test.
  for (const [side, after] of [['the “else” branch', '1 of 2 (50%)'], ['the “if true” branch', '2 of 2 (100%)']]) {
    const never = coverage.getByTestId('never-exercised').filter({ hasText: side });
    await never.getByRole('button', { name: 'Find an event' }).click();
    await expect(never.getByRole('status')).toContainText('Found on try');
    if (after.startsWith('1')) {
      await page.screenshot({ path: new URL('../../docs/coverage.png', import.meta.url).pathname, fullPage: true });
    }
    await never.getByRole('button', { name: 'Add as test' }).click();
    await expect(summary).toHaveText(new RegExp(`Branches covered: ${after.replace(/[()]/g, '\\$&')}`));
  }
  await expect(page.getByTestId('test-count')).toHaveText('Tests: 2 passing');

  // Measured again from the saved tests alone: every branch is covered.
  await coverage.getByRole('button', { name: 'Measure coverage' }).click();
  await expect(summary).toHaveText('Branches covered: 2 of 2 (100%) · 2 outcomes counted');
  await expect(page.locator('.canvas').getByText('Never exercised')).toHaveCount(0);

  // A count past the limit is refused with the range.
  await events.fill('99999');
  await coverage.getByRole('button', { name: 'Measure coverage' }).click();
  await expect(coverage.getByRole('alert')).toContainText('from 0 to 10000');
  expect(errors).toEqual([]);
});

test('a branch no event can take is said unreachable, with the conditions that contradict each other by name', async ({ page }) => {
  const errors = watchErrors(page);
  const amount = (op, value) => ({ compare: { field: 'trigger.data.object.amount', op, value, kind: 'money' } });
  const contradicting = {
    format_version: 1, id: 'wf_e2e_never', name: 'Large and small at once', status: 'inactive',
    trigger: { event_type: 'charge.succeeded', condition: amount('greater_than', 100) },
    steps: [{ type: 'branch', id: 'step_small', condition: amount('less_than', 50),
      then: [{ type: 'email', id: 'step_never', to: 'team@example.com', subject: 'Never', body: '', rows: [] }],
      else: [] }],
    created: 1700000000, updated: 1700000000,
  };
  await importWorkflows(page, [contradicting]);
  await page.goto(`/workflows/${contradicting.id}`);
  const coverage = page.getByRole('region', { name: 'Coverage' });
  await coverage.getByRole('spinbutton', { name: 'Generated events' }).fill('20');
  await coverage.getByRole('button', { name: 'Measure coverage' }).click();
  const never = coverage.getByTestId('never-exercised').filter({ hasText: 'the “if true” branch' });
  await never.getByRole('button', { name: 'Find an event' }).click();
  await expect(never.getByRole('status')).toHaveText(
    'Unreachable: these cannot all hold: Charge | Amount is greater than 100.00 (trigger conditions); Charge | Amount is less than 50.00 (Step 1 · Condition, If true)',
  );
  expect(errors).toEqual([]);
});
