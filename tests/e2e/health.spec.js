// Health checks: the count badge, findings that go to their row, dismissals that are saved,
// and a finding that goes away when its cause is fixed. Today is fixed (the example plan's
// quarter, Q4 2026, is 53 days in; the example checked in weekly up to yesterday, except the
// benchmark report and organic traffic).
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

const REPORT = 'Publish the 2026 industry benchmark report';
const ORGANIC = 'Grow organic traffic';

test('health checks: count, go to row, dismiss (kept on reload), fixed by a check-in', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T09:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  const toggle = page.getByTestId('health-toggle');
  // Two key results without a check-in in 53 days, and one that reads like a task.
  await expect(toggle).toHaveAccessibleName('Health checks: 3 findings');
  await expect(page.getByTestId('health-count')).toHaveText('3');
  await toggle.click();
  const list = page.getByTestId('health-list');
  await expect(list.locator('li')).toHaveCount(3);
  const task = list.locator('li').filter({ hasText: 'reads like a task' });
  await expect(task).toContainText(`“${REPORT}” reads like a task, not a result`);

  // Go to row: the key result's title cell is selected and focused.
  await task.getByRole('button', { name: /^Go to the row/ }).click();
  await expect(okr.cell(REPORT, 'keyResult')).toBeFocused();
  await expect(page.getByTestId('details').getByRole('heading', { name: `Key result: ${REPORT}` })).toBeVisible();

  // Dismiss: the count drops at once, the finding moves under "Dismissed".
  await task.getByRole('button', { name: /^Dismiss:/ }).click();
  await expect(page.getByTestId('health-count')).toHaveText('2');
  await expect(page.getByTestId('health-dismissed')).toContainText('Dismissed (1)');
  await okr.waitSaved('looks_like_task');
  await page.reload();
  await expect(page.getByTestId('health-count')).toHaveText('2');

  // A check-in today clears that key result's stale finding.
  await okr.select(ORGANIC);
  const details = page.getByTestId('details');
  await details.getByTestId('checkin-value').fill('45000');
  await details.getByRole('button', { name: 'Check in' }).click();
  await expect(page.getByTestId('health-count')).toHaveText('1');

  // Brought back, then undone with Ctrl+Z: dismissals are ordinary steps.
  await page.getByTestId('health-toggle').click();
  await page.getByTestId('health-dismissed').locator('summary').click();
  await page.getByRole('button', { name: /^Bring back:/ }).click();
  await expect(page.getByTestId('health-count')).toHaveText('2');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('health-count')).toHaveText('1');
});
