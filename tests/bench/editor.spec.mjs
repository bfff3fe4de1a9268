// The editor: time per edit on a workflow with branches at the 12-step limit, in the
// browser, from the click (or change event) to the DOM showing the result. Every edit
// goes through the engine (undo history, validation of the whole draft) and Leptos's
// re-render of the step list and panel. The workflow is imported from
// fixtures/editor-workflow.json (11 steps, three of them branches); "add step" adds the
// 12th, "change a condition" switches a branch's operator on the 12-step workflow.
// Leptos runs its effects as microtasks, so "DOM updated" is when the parts checked have
// changed; "next frame" waits for the frame that shows the edit (up to one frame at 60 Hz),
// by which time every effect has run.
// Figures only, printed as BENCH lines.
import { test, expect } from '@playwright/test';
import { reportMs } from './bench.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7) * 3;
const WARMUP = 3;
const fixture = new URL('./fixtures/editor-workflow.json', import.meta.url).pathname;

// In the page: runs `act`, then waits until `done()` holds; milliseconds to the DOM change
// and to the next frame after it.
const timeEdit = `async (act, done) => {
  const until = () => new Promise((resolve) => {
    if (done()) return resolve();
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); resolve(); }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const start = performance.now();
  act();
  await until();
  const dom = performance.now() - start;
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { dom, frame: performance.now() - start };
}`;

async function openBenchWorkflow(page) {
  await page.goto('/workflows');
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeEnabled();
  await page.getByLabel('Import workflows').setInputFiles(fixture);
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 workflow' })).toBeVisible();
  await page.getByRole('link', { name: 'Editor benchmark: 11 steps with branches' }).click();
  await expect(page.getByText('11 of 12 steps')).toBeVisible();
}

function report(name, samples) {
  const kept = samples.slice(WARMUP);
  reportMs(`${name}: DOM updated`, kept.map((s) => s.dom));
  reportMs(`${name}: next frame`, kept.map((s) => s.frame));
}

test('editor: add a 12th step, change a condition', async ({ page }) => {
  await openBenchWorkflow(page);
  const stepCount = page.locator('.step-count');

  const add = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    await page.getByRole('button', { name: 'Add step' }).last().click();
    await expect(page.getByRole('menuitem', { name: /Email a team member/ })).toBeVisible();
    add.push(await page.evaluate(`(${timeEdit})(
      () => [...document.querySelectorAll('[role=menuitem]')]
        .find((b) => b.textContent.includes('Email a team member')).click(),
      () => document.querySelector('.step-count')?.textContent === '12 of 12 steps'
        && document.querySelectorAll('article.step-card').length === 12)`));
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(stepCount).toHaveText('11 of 12 steps');
  }
  report('editor add step (browser)', add);

  // The 12th step stays for the condition changes.
  await page.getByRole('button', { name: 'Add step' }).last().click();
  await page.getByRole('menuitem', { name: /Email a team member/ }).click();
  await expect(stepCount).toHaveText('12 of 12 steps');
  await page.locator('#step-large_payment .step-card__title').first().click();
  const panel = page.getByRole('complementary', { name: 'Step configuration' });
  await expect(panel.getByRole('combobox', { name: 'Operator' })).toBeVisible();

  const change = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const label = i % 2 ? 'is greater than' : 'is greater than or equal to';
    change.push(await page.evaluate(`(${timeEdit})(
      () => {
        const select = document.querySelector('aside[aria-label="Step configuration"] select[aria-label="Operator"]');
        select.value = ${JSON.stringify(label)};
        select.dispatchEvent(new Event('change', { bubbles: true }));
      },
      () => {
        const summary = document.querySelector('#step-large_payment .step-card__summary')?.textContent || '';
        return summary.includes(${JSON.stringify(label)}) && ${i % 2 ? "!summary.includes('or equal to')" : 'true'};
      })`));
  }
  report('editor change condition (browser)', change);
});
