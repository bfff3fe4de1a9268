// Saved tests in the browser: 50 tests of a 12-step workflow (the step limit), run again
// after an edit of the draft. The figure is the time the run of all 50 takes, as the page
// measures it around the engine's `run_tests` (the "ran in" beside the tally); the edit,
// the 200 ms pause after typing and the drawing of the results come on top of it. Figures
// only, printed as BENCH lines.
import { test, expect } from '@playwright/test';
import { reportMs } from './bench.mjs';
import { importWorkflows, nav } from '../e2e/helpers.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const TESTS = 50;

const update = (id, key) => ({
  type: 'action', id, action: 'customers.update',
  params: { customer: '{{trigger.data.object.id}}', metadata: { [key]: '{{trigger.data.object.name}}' } },
});
const email = (id, subject) => ({ type: 'email', id, to: 'team@example.com', subject, body: '', rows: [] });

/** Twelve steps on every new customer: four updates, a branch on the balance with an email
 * and an update on each side, then two emails and two updates. */
const twelve = {
  format_version: 1, id: 'wf_bench_twelve', name: 'Twelve steps', status: 'inactive',
  trigger: { event_type: 'customer.created' },
  steps: [
    update('u1', 'a'), update('u2', 'b'), update('u3', 'c'), update('u4', 'd'),
    { type: 'branch', id: 'big',
      condition: { compare: { field: 'trigger.data.object.balance', op: 'greater_than', value: 0, kind: 'number' } },
      then: [email('e1', 'Big {{trigger.data.object.name}}'), update('u5', 'e')],
      else: [email('e2', 'Small {{trigger.data.object.name}}'), update('u6', 'f')] },
    email('e3', 'Welcome {{trigger.data.object.name}}'), update('u7', 'g'), email('e4', 'Audit'),
  ],
  created: 1700000000, updated: 1700000000,
};

test('tests: 50 tests of a 12-step workflow after an edit', async ({ page }) => {
  test.setTimeout(300_000);
  await importWorkflows(page, [twelve]);
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Twelve steps' }).click();
  await expect(page.getByText('12 of 12 steps')).toBeVisible();
  const add = page.getByRole('button', { name: 'New test from a generated event' });
  for (let i = 1; i <= TESTS; i++) {
    await add.click();
    await expect(page.getByTestId('test-count')).toHaveText(`Tests: ${i} passing`);
  }
  const timing = page.getByTestId('test-timing');
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const before = Number(await timing.getAttribute('data-runs'));
    await page.getByRole('button', { name: 'Email a team member', exact: true }).last().click();
    const subject = page.getByRole('complementary', { name: 'Step configuration' }).getByRole('textbox', { name: 'Subject', exact: true });
    await subject.fill(`Audit ${i}`);
    await subject.press('Tab');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(timing).not.toHaveAttribute('data-runs', String(before));
    // The subject is expected by every test: all 50 now fail, each with what it found.
    await expect(page.getByTestId('test-count')).toHaveText(`Tests: 0 passing, ${TESTS} failing`);
    times.push(Number(await timing.getAttribute('data-ms')));
  }
  reportMs(`tests: ${TESTS} tests of a 12-step workflow, run after an edit, in the browser`, times);
});

test('coverage: 500 generated events through a template, then the search for each never-exercised point', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'Use template Refund on early fraud warning' }).click();
  const coverage = page.getByRole('region', { name: 'Coverage' });
  await coverage.getByRole('spinbutton', { name: 'Generated events' }).fill('500');
  const summary = coverage.getByTestId('coverage-summary');
  const measures = [];
  const searches = [];
  for (let i = 0; i < RUNS; i++) {
    const start = Date.now();
    await coverage.getByRole('button', { name: 'Measure coverage' }).click();
    await expect(coverage.getByRole('button', { name: 'Measure coverage' })).toBeEnabled({ timeout: 120_000 });
    await expect(summary).toContainText('500 outcomes counted');
    measures.push(Date.now() - start);
    // Every point no generated run reached, searched one after the other.
    const never = coverage.getByTestId('never-exercised');
    const n = await never.count();
    const began = Date.now();
    for (let j = 0; j < n; j++) {
      await never.nth(j).getByRole('button', { name: 'Find an event' }).click();
      await expect(never.nth(j).getByRole('status')).toBeVisible({ timeout: 120_000 });
    }
    if (n > 0) searches.push(Date.now() - began);
  }
  reportMs('coverage: 500 generated events through "Refund on early fraud warning", measured in the browser', measures);
  if (searches.length) reportMs('coverage: the search for every never-exercised point after it, in the browser', searches);
});
