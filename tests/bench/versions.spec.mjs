// Versions: a workflow with 500 published versions (the editor fixture, its email subject
// changed in each), imported with its history. Times, in the browser, from navigation to
// the page showing what it is for: opening the workflow's editor (which reads no version),
// opening its Version history (500 rows, each with its run count), and opening Compare of
// its last two versions (two versions read, the engine's diff, both definitions drawn).
// Figures only, printed as BENCH lines.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { reportMs } from './bench.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const VERSIONS = 500;
const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/editor-workflow.json', import.meta.url), 'utf8'),
);

/** The export file: the fixture's workflow at v500, with v1 to v500. */
function history() {
  const base = fixture.workflows[0];
  const at = (n) => {
    const definition = structuredClone(base);
    definition.version = n;
    const email = definition.steps.find((s) => s.type === 'email');
    email.subject = `Summary, revision ${n}`;
    return definition;
  };
  const versions = [];
  for (let n = 1; n <= VERSIONS; n++) {
    versions.push({ workflow_id: base.id, number: n, published: 1_700_000_000 + n * 60, note: `Revision ${n}`, definition: at(n) });
  }
  return { format_version: 1, workflows: [at(VERSIONS)], versions };
}

/** Milliseconds from `go()` until `ready` is visible. */
async function time(page, go, ready) {
  const start = Date.now();
  await go();
  await expect(ready).toBeVisible({ timeout: 60_000 });
  return Date.now() - start;
}

test('versions: open a workflow with 500 versions, its history, and a compare', async ({ page }) => {
  await page.goto('/workflows');
  await expect(page.getByRole('button', { name: 'New workflow' })).toBeEnabled();
  const text = JSON.stringify(history());
  console.log(`BENCH versions: export file of ${VERSIONS} versions | ${(text.length / 1024).toFixed(0)} KB`);
  await page.getByLabel('Import workflows').setInputFiles({
    name: 'history.json', mimeType: 'application/json', buffer: Buffer.from(text),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Imported 1 workflow' })).toBeVisible({ timeout: 60_000 });
  const id = fixture.workflows[0].id;

  const editor = [];
  const list = [];
  const compare = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto('/outbox');
    editor.push(await time(page, () => page.goto(`/workflows/${id}`), page.getByTestId('live-version').filter({ hasText: `v${VERSIONS} live` })));
    list.push(await time(page, () => page.goto(`/workflows/${id}/versions`), page.getByRole('row').filter({ has: page.getByRole('link', { name: 'v1', exact: true }) })));
    compare.push(await time(page, () => page.goto(`/workflows/${id}/compare/${VERSIONS - 1}/${VERSIONS}`), page.getByRole('region', { name: 'Changes' }).getByRole('listitem')));
  }
  await expect(page.getByRole('region', { name: 'Changes' }).getByRole('listitem')).toContainText(`revision ${VERSIONS}`);
  reportMs(`versions: open the editor of a workflow with ${VERSIONS} versions (page load included)`, editor);
  reportMs(`versions: open its Version history, ${VERSIONS} rows (page load included)`, list);
  reportMs(`versions: open Compare v${VERSIONS - 1} → v${VERSIONS} (page load included)`, compare);
});
