// The dashboard: the period shown in numbers and SVG bars, the key results furthest behind
// pace, check-in coverage, and a print stylesheet that prints it alone. Today is fixed.
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

test('dashboard of the period shown: score, bands, bars, behind pace, coverage, print', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T09:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('dashboard-toggle').click();
  const dash = page.getByTestId('dashboard');
  await expect(dash.getByRole('heading', { name: 'Dashboard · All periods' })).toBeVisible();
  await expect(page.getByTestId('dash-overall')).toHaveText(/Overall score \d\.\d\d (On track|At risk|Off track)/);
  const counts = await page.getByTestId('dash-counts').locator('dd').allTextContents();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(9);
  await expect(dash.getByRole('img', { name: /^Team scores: Marketing \d\.\d\d/ })).toBeVisible();
  await expect(dash.getByRole('img', { name: /^Objective scores: Build a predictable pipeline/ })).toBeVisible();
  await expect(dash.getByRole('img', { name: /^Objective scores/ }).locator('rect.dash-bar')).toHaveCount(3);
  // The example checked in weekly up to yesterday, except the benchmark report (binary) and
  // organic traffic (no value yet).
  await expect(page.getByTestId('dash-coverage')).toHaveText('Checked in within 7 days: 7 of 9 key results (77 %).');

  // Behind pace, furthest first: the percentages fall down the list.
  const behind = page.getByTestId('dash-behind').locator('li');
  const gaps = (await behind.allTextContents()).map((t) => {
    const [, done, expected] = t.match(/(\d+) % done, (\d+) % expected/);
    return Number(expected) - Number(done);
  });
  expect(gaps.length).toBeGreaterThan(0);
  expect([...gaps].sort((a, b) => b - a)).toEqual(gaps);
  // Each goes to its row.
  const first = behind.first().getByRole('button');
  const title = (await first.textContent()).trim();
  await first.click();
  await expect(page.getByTestId('details').getByRole('heading', { name: `Key result: ${title}` })).toBeVisible();

  // A check-in today counts toward coverage.
  await okr.select('Grow organic traffic');
  await page.getByTestId('details').getByTestId('checkin-value').fill('45000');
  await page.getByTestId('details').getByRole('button', { name: 'Check in' }).click();
  await expect(page.getByTestId('dash-coverage')).toHaveText('Checked in within 7 days: 8 of 9 key results (88 %).');

  // The period switcher scopes it.
  await page.getByTestId('filter-period').selectOption('2026-Q4');
  await expect(dash.getByRole('heading', { name: 'Dashboard · 2026-Q4' })).toBeVisible();
  await page.getByTestId('filter-period').selectOption('2026-Q1');
  await expect(page.getByTestId('dash-overall')).toHaveText('Overall score — No data');

  // Printed from "Print summary", only the dashboard shows.
  await page.evaluate(() => document.body.classList.add('print-dashboard'));
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('toolbar', { name: 'Plan actions' })).toBeHidden();
  await expect(okr.grid).toBeHidden();
  await expect(dash.getByRole('heading', { name: 'Dashboard · 2026-Q1' })).toBeVisible();
  await expect(page.getByTestId('print-summary')).toBeHidden();
});
