// The trend chart reads on its own: values labelled on the left, the period's dates below,
// today marked and named, the plan line titled (today fixed with Playwright's clock).
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

test('the trend chart has labelled axes, today marked and the plan line named', async ({ page }, testInfo) => {
  await page.clock.setFixedTime(new Date('2026-11-20T10:00:00'));
  await page.setViewportSize({ width: 1280, height: 800 });
  const okr = new OkrPage(page);
  await okr.open();
  await okr.select('Grow marketing-qualified leads', 'keyResult');
  const details = page.getByTestId('details');
  await details.getByLabel('Check-in date').fill('2026-10-15');
  await details.getByTestId('checkin-value').fill('450');
  await details.getByTestId('checkin-submit').click();
  const chart = details.getByTestId('trend-chart');
  // The example's four weekly check-ins (up to yesterday) and this one.
  await expect(chart.locator('circle.check-in-mark')).toHaveCount(5);
  const ticks = await chart.locator('text.tick').allTextContents();
  // Values from start (400) to target (650), and the quarter's first, middle and last days.
  expect(ticks).toEqual(['400', '525', '650', '2026-10-01', '2026-11-15', '2026-12-31']);
  await expect(chart.locator('text.today-label')).toHaveText('Today');
  await expect(chart.locator('line.plan-line title')).toHaveText('Plan: start on the first day to target on the last');
  // Every label inside the chart's box.
  const box = await chart.boundingBox();
  for (const t of await chart.locator('text').all()) {
    const b = await t.boundingBox();
    expect(b.x).toBeGreaterThanOrEqual(box.x - 0.5);
    expect(b.x + b.width).toBeLessThanOrEqual(box.x + box.width + 0.5);
  }
  await chart.screenshot({ path: testInfo.outputPath('trend-chart.png') });
});
