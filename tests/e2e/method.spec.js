// The OKR method in the page: periods with dates, an annual objective with two quarterly
// objectives aligned to it, check-ins with a trend chart and pace (today fixed with
// Playwright's clock), all kept on reload.
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

test('annual objective with two quarterly children; two check-ins move the chart and pace; kept on reload', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-01-20T10:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByRole('button', { name: 'New plan' }).first().click();
  const toolbar = page.getByRole('toolbar', { name: 'Plan actions' });
  const details = page.getByTestId('details');
  // The annual objective's title cell (its children's rows mention it too: "↳ …").
  const leader = () => okr.cell('Become the category leader', 'objective').first();
  const addObjective = async (title) => {
    await toolbar.getByRole('button', { name: 'Add objective' }).click();
    await expect(okr.editor()).toBeFocused();
    await page.keyboard.type(title);
    await page.keyboard.press('Enter');
    await okr.select(title, 'objective');
  };

  await addObjective('Become the category leader');
  // The year's periods, then this objective in 2026.
  await details.getByTestId('add-year-input').fill('2026');
  await details.getByTestId('add-year').click();
  await details.getByLabel('Period', { exact: true }).selectOption('2026');
  await expect(leader()).toContainText('2026');

  for (const [title, quarter] of [['Win 20 enterprise logos', 'Q1 2026'], ['Launch in Germany', 'Q2 2026']]) {
    await addObjective(title);
    await details.getByLabel('Period', { exact: true }).selectOption(quarter);
    await details.getByLabel('Aligned to', { exact: true }).selectOption({ label: 'Become the category leader (2026)' });
  }
  await leader().click();
  await expect(details.getByTestId('aligned-children')).toHaveText(
    'Aligned under it: Win 20 enterprise logos, Launch in Germany',
  );
  // The grid shows the alignment beside the quarterly objectives' titles.
  await expect(okr.cell('Launch in Germany', 'objective')).toContainText('Q2 2026 · ↳ Become the category leader');
  // A loop is refused with a reason, and nothing changes.
  await details.getByLabel('Aligned to', { exact: true }).selectOption({ label: 'Win 20 enterprise logos (Q1 2026)' });
  await expect(page.getByRole('status')).toContainText('cannot align');
  await expect(details.getByLabel('Aligned to', { exact: true })).toHaveValue('');

  // A key result under the Q1 objective: 0 → 20 logos.
  await page.getByRole('button', { name: 'Add key result to “Win 20 enterprise logos”' }).click();
  await page.keyboard.type('Sign enterprise logos');
  await page.keyboard.press('Enter');
  await okr.editCell('Sign enterprise logos', 'start', '0');
  await okr.editCell('Sign enterprise logos', 'target', '20');
  await okr.select('Sign enterprise logos');

  // 20 Jan is 20 of 90 days (22 %): 2 logos (10 %) is behind.
  await details.getByLabel('Check-in date', { exact: true }).fill('2026-01-12');
  await details.getByTestId('checkin-value').fill('2');
  await details.getByLabel('Confidence', { exact: true }).selectOption('6');
  await details.getByRole('button', { name: 'Check in' }).click();
  await expect(okr.cell('Sign enterprise logos', 'current')).toHaveText('2');
  await expect(details.getByTestId('pace')).toHaveText('Behind · 10 % done, 22 % of Q1 2026 gone');
  await expect(details.getByTestId('pace-need')).toContainText('Needs 1.8 a week');
  const chart = details.getByTestId('trend-chart');
  await expect(chart.locator('circle')).toHaveCount(1);
  await expect(chart).toHaveAttribute('aria-label', /1 check-in in Q1 2026/);

  // A bad value is refused with a reason; nothing is recorded.
  await details.getByTestId('checkin-value').fill('lots');
  await details.getByRole('button', { name: 'Check in' }).click();
  await expect(details.getByTestId('checkin-error')).toContainText('“lots” is not a number');
  await expect(chart.locator('circle')).toHaveCount(1);

  await details.getByLabel('Check-in date', { exact: true }).fill('2026-01-19');
  await details.getByTestId('checkin-value').fill('8');
  await details.getByRole('button', { name: 'Check in' }).click();
  await expect(okr.cell('Sign enterprise logos', 'current')).toHaveText('8');
  await expect(details.getByTestId('pace')).toHaveText('Ahead · 40 % done, 22 % of Q1 2026 gone');
  await expect(chart.locator('circle')).toHaveCount(2);
  await expect(chart.locator('polyline')).toHaveAttribute('points', /^\S+ \S+$/);
  await expect(details.getByTestId('check-ins').locator('tbody tr')).toHaveCount(2);
  await expect(details.getByTestId('confidence')).toHaveText('Confidence 6/10 (at risk)');

  // Initiatives (tasks) hang under the key result with a done box and never count.
  await details.getByTestId('initiative-input').fill('Run two partner webinars');
  await details.getByTestId('add-initiative').click();
  await details.getByTestId('initiative-input').fill('Hire an account executive');
  await details.getByTestId('add-initiative').click();
  await details.getByLabel('Done: Run two partner webinars').check();
  await expect(details.getByTestId('initiatives').locator('li')).toHaveCount(2);
  await expect(okr.cell('Sign enterprise logos', 'score')).toHaveText(/0\.40/);

  await okr.waitSaved('Hire an account executive');
  await okr.waitSaved('"done":true');
  await page.reload();
  await expect(okr.grid).toBeVisible();
  await okr.select('Sign enterprise logos');
  await expect(details.getByTestId('trend-chart').locator('circle')).toHaveCount(2);
  await expect(details.getByTestId('pace')).toHaveText('Ahead · 40 % done, 22 % of Q1 2026 gone');
  await expect(details.getByLabel('Done: Run two partner webinars')).toBeChecked();
  await expect(details.getByLabel('Done: Hire an account executive')).not.toBeChecked();
  await leader().click();
  await expect(details.getByTestId('aligned-children')).toContainText('Launch in Germany');

  // Committed objectives expect 1.0: the same 0.40 is off track instead of at risk.
  await expect(okr.cell('Sign enterprise logos', 'score')).toHaveText(/0\.40\s+At risk/);
  await okr.select('Win 20 enterprise logos', 'objective');
  await details.getByLabel('Commitment', { exact: true }).selectOption('committed');
  await expect(okr.cell('Sign enterprise logos', 'score')).toHaveText(/0\.40\s+Off track/);
  await details.getByLabel('Commitment', { exact: true }).selectOption('aspirational');
  await expect(okr.cell('Sign enterprise logos', 'score')).toHaveText(/0\.40\s+At risk/);

  // The period switcher shows one period at a time.
  const rows = okr.grid.locator('tbody tr[role="row"]');
  await expect(rows).toHaveCount(4);
  await page.getByLabel('Period shown').selectOption('Q1 2026');
  await expect(rows).toHaveCount(2);
  await expect(okr.row('Launch in Germany')).toHaveCount(0);
  await page.getByLabel('Period shown').selectOption('');
  await expect(rows).toHaveCount(4);

  // History is editable: deleting the latest check-in puts current back.
  await okr.select('Sign enterprise logos');
  await details.getByRole('button', { name: 'Delete the check-in of 2026-01-19' }).click();
  await expect(okr.cell('Sign enterprise logos', 'current')).toHaveText('2');

  // End of Q1: copy the unfinished work to Q2 (starting from the last value), then close Q1.
  await page.getByLabel('Period shown').selectOption('Q1 2026');
  await page.getByTestId('copy-forward').click();
  await expect(page.getByRole('status')).toContainText('Copied 1 unfinished objective and 1 key result to Q2 2026.');
  await expect(page.getByLabel('Period shown')).toHaveValue('=Q2 2026');
  await expect(okr.cell('Sign enterprise logos', 'start')).toHaveText('2');
  await expect(okr.cell('Sign enterprise logos', 'current')).toHaveText('');
  await page.getByLabel('Period shown').selectOption('Q1 2026');
  await page.getByTestId('close-period').click();
  await expect(page.getByRole('status')).toContainText('Closed Q1 2026: 1 final score frozen as grades');
  await expect(okr.cell('Sign enterprise logos', 'score')).toHaveText(/0\.10/);
  // Frozen: a later change of the value no longer moves the score (the grade stays).
  await okr.editCell('Sign enterprise logos', 'current', '10');
  await expect(okr.cell('Sign enterprise logos', 'score')).toHaveText(/0\.10/);
  await okr.waitSaved('"score_override":0.1');
});

test('weekly check-in: all of an owner\'s key results in one step, undone in one step', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T09:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  const KR1 = 'Grow marketing-qualified leads';
  const KR3 = 'Cut cost per lead';
  await page.getByTestId('weekly-toggle').click();
  await page.getByLabel('Owner to check in').selectOption('Luis Ortega');
  const table = page.getByTestId('weekly-table');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(page.getByLabel('Weekly check-in date')).toHaveValue('2026-11-23');
  await page.getByLabel(/^New value of “Grow marketing-qualified/).fill('530');
  await page.getByLabel(/^Confidence in “Grow marketing-qualified/).selectOption('8');
  await page.getByLabel(/^New value of “Cut cost per lead/).fill('$70');
  await page.getByTestId('weekly-save').click();
  await expect(page.getByTestId('weekly-error')).toContainText('“Cut cost per lead');
  await expect(okr.cell(KR1, 'current')).not.toHaveText('530');
  await page.getByLabel(/^New value of “Cut cost per lead/).fill('70');
  await page.getByTestId('weekly-save').click();
  await expect(page.getByRole('status')).toContainText('Recorded 2 check-ins for Luis Ortega on 2026-11-23.');
  await expect(okr.cell(KR1, 'current')).toHaveText('530');
  await expect(okr.cell(KR3, 'current')).toHaveText('70');
  await okr.select(KR1);
  // The example's four weekly check-ins (up to yesterday) and today's.
  await expect(page.getByTestId('details').getByTestId('check-ins').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('details').getByTestId('confidence')).toHaveText('Confidence 8/10 (on track)');
  // History is editable in place: the form takes the line, "Save changes" replaces it.
  const details = page.getByTestId('details');
  await details.getByRole('button', { name: 'Edit the check-in of 2026-11-23' }).click();
  await expect(details.getByTestId('checkin-value')).toHaveValue('530');
  await details.getByTestId('checkin-value').fill('540');
  await details.getByRole('button', { name: 'Save changes' }).click();
  await expect(okr.cell(KR1, 'current')).toHaveText('540');
  await expect(details.getByTestId('check-ins').locator('tbody tr')).toHaveCount(5);
  await expect(details.getByTestId('checkin-submit')).toHaveText('Check in');
  await page.keyboard.press('Control+z');
  await expect(okr.cell(KR1, 'current')).toHaveText('530');
  await page.keyboard.press('Control+z');
  await expect(okr.cell(KR1, 'current')).not.toHaveText('530');
  await expect(okr.cell(KR3, 'current')).not.toHaveText('70');
});
