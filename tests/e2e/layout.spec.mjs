// The layout at a desktop width (1280×800): the step panel never overflows (the Metadata
// row used to be 445 px in a 398 px panel, clipping Remove and Add key), condition
// branches stay inside their card, step titles do not wrap one word per line, and the
// clock's Advance time opens over the page instead of pushing it down.
import { test, expect } from '@playwright/test';

test.use({ viewport: { width: 1280, height: 800 } });

/** How far `locator`'s content overflows its box, in px (0 when it fits). */
async function overflow(locator) {
  return locator.evaluate((el) => Math.max(0, el.scrollWidth - el.clientWidth));
}

test('the step panel, branches and titles keep inside their boxes; Advance time opens over the page', async ({ page }) => {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'Use template Tag VIP customers' }).click();
  await expect(page).toHaveURL(/\/workflows\/wf_/);

  // The Update a customer step inside the condition's branch, with its Metadata row.
  await page.getByRole('button', { name: 'Update a customer', exact: true }).click();
  const panel = page.getByRole('complementary', { name: 'Step configuration' });
  await expect(panel.getByRole('heading', { name: 'Update a customer' })).toBeVisible();
  expect(await overflow(panel)).toBe(0);
  for (const name of ['Add key', /^Remove /]) {
    const button = panel.getByRole('button', { name }).first();
    await button.scrollIntoViewIfNeeded();
    const [b, p] = [await button.boundingBox(), await panel.boundingBox()];
    expect(b.x + b.width, `${name} is clipped`).toBeLessThanOrEqual(p.x + p.width);
  }

  // Branches inside the condition's card; the step title in the branch on one line.
  const condition = page.getByRole('article', { name: /^Step 2: Condition/ });
  const card = await condition.boundingBox();
  for (const branch of await condition.locator('.branch').all()) {
    const b = await branch.boundingBox();
    expect(b.x).toBeGreaterThanOrEqual(card.x);
    expect(b.x + b.width).toBeLessThanOrEqual(card.x + card.width + 0.5);
  }
  const title = condition.getByRole('button', { name: 'Update a customer', exact: true });
  const lineHeight = await title.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 22);
  expect((await title.boundingBox()).height).toBeLessThan(lineHeight * 1.5);

  // Advance time lies over the page: what is below it does not move.
  const top = () => page.getByRole('link', { name: '← Workflows' }).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const before = await top();
  await page.getByRole('button', { name: 'Advance time' }).click();
  await expect(page.getByRole('region', { name: 'Advance time' })).toBeVisible();
  expect(await top()).toBe(before);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Advance time' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Advance time' })).toBeFocused();
});
