// Replay in the browser: 1,000 events (or BENCH_REPLAY_EVENTS; past 5,000 they come from
// the time-range source, which reads storage) of a live workflow's trigger type replayed against
// its draft (another email subject, so every row is "different output" and the run diff of
// each row is computed), from the click on Replay to "1000 of 1000 events replayed" with
// every row drawn. Figures only, printed as BENCH lines.
import { test, expect } from '@playwright/test';
import { reportMs } from './bench.mjs';
import { everyCustomer, importWorkflows, nav, sendBulk } from '../e2e/helpers.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const EVENTS = Number(process.env.BENCH_REPLAY_EVENTS || 1000);

test('replay: events against a draft (1,000, or BENCH_REPLAY_EVENTS)', async ({ page }) => {
  await importWorkflows(page, [everyCustomer]);
  await sendBulk(page, 'customer.created', EVENTS, 300_000);
  await nav(page, 'Workflows');
  await page.getByRole('link', { name: 'Every new customer' }).click();
  await page.getByRole('button', { name: 'Email a team member', exact: true }).click();
  const subject = page.getByRole('complementary', { name: 'Step configuration' }).getByRole('textbox', { name: 'Subject', exact: true });
  await subject.fill('Replayed subject');
  await subject.press('Tab');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.getByRole('link', { name: 'Replay' }).click();
  if (EVENTS > 5000) {
    // Past the 5,000 events memory holds: the last day's events, read from storage too.
    await page.getByRole('radio').nth(2).check();
  } else {
    await page.getByLabel('Number of events').fill(String(EVENTS));
  }
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = Date.now();
    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    await expect(page.getByText(`${EVENTS} of ${EVENTS} events replayed`)).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('replay-summary')).toHaveText(`${EVENTS} different output`);
    times.push(Date.now() - start);
  }
  reportMs(`replay: ${EVENTS} events against a draft, in the browser (progress drawn, 500 rows shown)`, times);
});
