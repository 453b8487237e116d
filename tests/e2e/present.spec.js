// Presentation mode for the planning meeting, at 1280×800: one objective at a time over the
// whole page in large type, arrow keys to move, Esc to leave; numbers never cut.
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

test('present the plan one objective at a time; arrows move, Esc leaves', async ({ page }, testInfo) => {
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00'));
  await page.setViewportSize({ width: 1280, height: 800 });
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('present').click();
  const slides = page.getByRole('dialog', { name: 'Presentation' });
  await expect(slides).toBeVisible();
  await expect(slides).toBeFocused();
  // It covers the page: the toolbar is out of sight.
  expect(await slides.boundingBox()).toEqual({ x: 0, y: 0, width: 1280, height: 800 });
  const title = slides.locator('h2');
  await expect(title).toHaveText('Build a predictable pipeline of qualified leads');
  expect(parseFloat(await title.evaluate((e) => getComputedStyle(e).fontSize))).toBeGreaterThanOrEqual(32);
  await expect(page.getByTestId('present-position')).toHaveText('1 of 3');
  const rows = slides.locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('Grow marketing-qualified leads per month from 400 to 650');
  await expect(rows.first()).toContainText('520');
  await expect(rows.first()).toContainText('650');
  // No number is cut: every cell's text fits its box.
  const cut = await slides.evaluate((root) =>
    [...root.querySelectorAll('td, th')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
  expect(cut).toEqual([]);
  await slides.screenshot({ path: testInfo.outputPath('presentation.png') });

  await expect(page.getByTestId('present-next')).toHaveText('Next objective');
  await expect(page.getByTestId('present-previous')).toBeDisabled();
  await page.keyboard.press('ArrowRight');
  await expect(title).toHaveText('Make our brand the one buyers remember');
  await expect(page.getByTestId('present-previous')).toBeEnabled();
  await expect(rows).toHaveCount(4);
  await page.keyboard.press('End');
  await expect(title).toHaveText('Turn content into a growth engine');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('present-position')).toHaveText('3 of 3');
  await expect(page.getByTestId('present-next')).toBeDisabled();
  await page.getByTestId('present-previous').click();
  await expect(page.getByTestId('present-position')).toHaveText('2 of 3');
  await slides.focus();
  await page.keyboard.press('Escape');
  await expect(slides).toHaveCount(0);
  await expect(page.getByTestId('present')).toBeFocused();
  await expect(okr.grid).toBeVisible();

  // The grid's filter decides what is presented.
  await page.getByTestId('filter-owner').selectOption('Sam Okafor');
  await page.getByTestId('present').click();
  await expect(page.getByTestId('present-position')).toHaveText('1 of 1');
  await expect(slides.locator('tbody tr')).toHaveCount(2);
});
