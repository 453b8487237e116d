// Keyboard only: import a spreadsheet, edit a cell, check in and export, never touching the
// mouse (Tab / Shift+Tab to move between controls, Enter / Space to use them).
const path = require('path');
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. */
async function tabTo(page, target, { back = false, max = 120 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('import, edit, check in and export with the keyboard alone', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00'));
  const okr = new OkrPage(page);
  await okr.open();

  // Import: Tab to the plan menu, Enter opens it, Tab to the file picker, Space opens that;
  // the preview's confirm is reached by Tab.
  await tabTo(page, page.getByTestId('plan-menu'));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByTestId('import-input'));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Space')]);
  await chooser.setFiles(path.join(__dirname, '..', 'fixtures', 'marketing-template.xlsx'));
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await tabTo(page, page.getByTestId('import-confirm'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  const firstKr = okr.grid.locator('tr.kr-row').first();
  await expect(firstKr).toBeVisible();
  const title = (await firstKr.locator('[aria-colindex="2"]').innerText()).trim();

  // Edit: Tab into the grid, arrows to the first key result's Current, type, Enter.
  await tabTo(page, okr.grid.locator('[role="gridcell"][tabindex="0"]'));
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await expect(okr.cell(title, 'current')).toBeFocused();
  await page.keyboard.type('42');
  await page.keyboard.press('Enter');
  await expect(okr.cell(title, 'current')).toContainText('42');

  // Check in on that key result from the panel below the grid.
  await page.keyboard.press('ArrowUp');
  await expect(okr.cell(title, 'current')).toBeFocused();
  // The details follow the active row a moment later: tab there once they show this one.
  await okr.waitDetails(title);
  // Without an editor, Tab leaves the grid (one tab stop) for the panels below it.
  const value = page.getByTestId('checkin-value');
  await tabTo(page, value);
  await page.keyboard.type('45');
  await tabTo(page, page.getByTestId('checkin-submit'));
  await page.keyboard.press('Enter');
  await expect(okr.cell(title, 'current')).toContainText('45');
  await expect(page.getByTestId('check-ins')).toContainText('45');

  // Export: Tab back up to the plan menu, Enter opens it, Tab to Export .xlsx; Enter downloads
  // the workbook.
  await tabTo(page, page.getByTestId('plan-menu'), { back: true });
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByTestId('export-button'));
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
});
