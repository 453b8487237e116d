// The grid as a spreadsheet user drives it: ranges with the keyboard and the mouse, Delete,
// fill down, Space on a binary key result, row moves, and the real clipboard (copy a block,
// paste it elsewhere, paste rows as Excel puts them on the clipboard), each undone and redone.
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

const KR1 = 'Grow marketing-qualified leads';
const KR2 = 'Raise landing-page conversion';
const KR3 = 'Cut cost per lead';
const PRESS = 'Earn 12 pieces of press coverage';
const BRANDED = 'Grow branded search volume';
const REPORT = 'Publish the 2026 industry benchmark report';
const OPEN_RATE = 'Increase newsletter open rate';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const selectedCells = (okr) => okr.grid.locator('[role="gridcell"][aria-selected="true"]');

test('Shift+arrows select a range, Delete clears it in one step, undo and redo', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.cell(KR1, 'owner').click();
  await expect(okr.cell(KR1, 'owner')).toBeFocused();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(selectedCells(okr)).toHaveCount(6);
  await expect(okr.cell(KR2, 'start')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Delete');
  await expect(okr.cell(KR1, 'owner')).toHaveText('');
  await expect(okr.cell(KR2, 'start')).toHaveText('');
  await expect(okr.cell(KR1, 'score')).toHaveText(/^\s*No data$/);
  await page.keyboard.press('Control+z');
  await expect(okr.cell(KR1, 'owner')).toHaveText('Luis Ortega');
  await expect(okr.cell(KR2, 'start')).toHaveText('2.5%');
  await page.keyboard.press('Control+Shift+Z');
  await expect(okr.cell(KR1, 'owner')).toHaveText('');
  await page.keyboard.press('Control+y');
  // Nothing more to redo: still cleared; Escape collapses the range to the active cell.
  await expect(okr.cell(KR2, 'start')).toHaveText('');
  await page.keyboard.press('Escape');
  await expect(selectedCells(okr)).toHaveCount(1);
});

test('Shift+click and Ctrl+A select with the mouse and keyboard; a double-click edits', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.cell(KR1, 'keyResult').click();
  await okr.cell(KR3, 'current').click({ modifiers: ['Shift'] });
  await expect(selectedCells(okr)).toHaveCount(3 * 6);
  await expect(okr.editor()).toHaveCount(0);
  await page.keyboard.press('Control+a');
  await expect(selectedCells(okr)).toHaveCount(12 * 9);
  await okr.cell(KR2, 'owner').dblclick();
  await expect(okr.editor()).toBeFocused();
  await expect(okr.editor()).toHaveValue('Mei Chen');
  await page.keyboard.press('Escape');
});

test('copy a block, paste it elsewhere with the real clipboard, undo and redo', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.cell(KR1, 'start').click();
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+c');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe('400\t650\t520\r\n2.5%\t4%\t3.2%\r\n');

  await okr.cell(PRESS, 'start').click();
  await page.keyboard.press('Control+v');
  await expect(okr.cell(PRESS, 'current')).toHaveText('520');
  await expect(okr.cell(BRANDED, 'start')).toHaveText('0.025');
  await expect(page.getByRole('status').filter({ hasText: 'Pasted 6 cells' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(okr.cell(PRESS, 'current')).not.toHaveText('520');
  await expect(okr.cell(BRANDED, 'start')).toHaveText('8,000');
  await page.keyboard.press('Control+y');
  await expect(okr.cell(PRESS, 'current')).toHaveText('520');
  await okr.waitSaved('"current":520');
});

test('rows pasted from Excel below the last row become key results; Ctrl+X cuts', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.evaluate(() =>
    navigator.clipboard.writeText(
      'Webinar signups\tnumber\tLuis\t0\t1,000\t250\r\n"Launch the\nnew site"\tbinary\tSam\t\t\tyes\r\n',
    ),
  );
  // Pasted at the last row: the first line overwrites it, the second becomes a new row.
  const rows = okr.grid.locator('tr.kr-row');
  await expect(rows).toHaveCount(9);
  await okr.cell(OPEN_RATE, 'keyResult').click();
  await page.keyboard.press('Control+v');
  await expect(rows).toHaveCount(10);
  await expect(okr.row(OPEN_RATE)).toHaveCount(0);
  await expect(okr.cell('Webinar signups', 'target')).toHaveText('1,000');
  await expect(okr.cell('Webinar signups', 'score')).toHaveText(/0\.25/);
  await expect(okr.cell('Launch the', 'current')).toHaveText('Done');
  await expect(page.getByRole('status').filter({ hasText: 'adding 1 key result' })).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(rows).toHaveCount(9);
  await expect(okr.row(OPEN_RATE)).toHaveCount(1);

  // Cut the owner of a key result: the clipboard has it, the cell is empty.
  await okr.cell(KR1, 'owner').click();
  await page.keyboard.press('Control+x');
  await expect(okr.cell(KR1, 'owner')).toHaveText('');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('Luis Ortega\r\n');
});

test('Ctrl+D fills down, Space toggles done, Alt+Shift+arrows move rows, Ctrl+End jumps', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.cell(KR1, 'owner').click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Control+d');
  await expect(okr.cell(KR2, 'owner')).toHaveText('Luis Ortega');

  await okr.cell(REPORT, 'current').click();
  const before = await okr.cell(REPORT, 'current').textContent();
  await page.keyboard.press(' ');
  await expect(okr.cell(REPORT, 'current')).not.toHaveText(before);
  await expect(okr.editor()).toHaveCount(0);

  await okr.cell(KR1, 'keyResult').click();
  await page.keyboard.press('Alt+Shift+ArrowDown');
  const titles = okr.grid.locator('tr.kr-row [aria-colindex="2"]');
  await expect(titles.nth(0)).toContainText(KR2);
  await expect(titles.nth(1)).toContainText(KR1);
  await expect(okr.cell(KR1, 'keyResult')).toBeFocused();
  await page.getByRole('button', { name: 'Move up' }).click();
  await expect(titles.nth(0)).toContainText(KR1);

  await okr.cell(KR1, 'keyResult').click();
  await page.keyboard.press('Control+End');
  await expect(okr.cell(OPEN_RATE, 'score')).toBeFocused();
  await page.keyboard.press('Control+ArrowUp');
  await expect(okr.grid.locator('[role="gridcell"].active')).toHaveAttribute('aria-colindex', '9');
});

test('pasted text a cell refuses is marked at the cell with the reason and offered again by F2', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.evaluate(() => navigator.clipboard.writeText('10\tlots\t20'));
  await okr.cell(KR1, 'start').click();
  await page.keyboard.press('Control+v');
  await expect(okr.cell(KR1, 'start')).toHaveText('10');
  await expect(okr.cell(KR1, 'current')).toHaveText('20');
  const target = okr.cell(KR1, 'target');
  await expect(target).toHaveText('650');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await expect(target).toHaveAttribute('title', /Not stored: “lots”\. .*not a number/);
  await expect(page.getByRole('status')).toContainText('marked in the grid');
  // F2 opens the refused text with the reason; Escape keeps the mark; a number fixes it.
  await target.click();
  await page.keyboard.press('F2');
  await expect(okr.editor()).toHaveValue('lots');
  await expect(okr.grid.getByRole('alert')).toContainText('not a number');
  await page.keyboard.press('Escape');
  await expect(target).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Enter');
  await okr.editor().fill('700');
  await page.keyboard.press('Enter');
  await expect(target).toHaveText('700');
  await expect(target).not.toHaveAttribute('aria-invalid', 'true');
});

test('Tab reaches the active cell even after the mouse scrolled it out of view', async ({ page }) => {
  const okr = new OkrPage(page);
  await page.setViewportSize({ width: 1280, height: 560 });
  await okr.open();
  // Enough rows that the first ones leave the rendered window when scrolled to the bottom.
  await page.evaluate(() => navigator.clipboard.writeText(Array.from({ length: 80 }, (_, i) => `Row ${i}`).join('\r\n')));
  await okr.cell(OPEN_RATE, 'keyResult').click();
  await page.keyboard.press('Control+v');
  await expect(okr.row('Row 79')).toHaveCount(1);
  await page.keyboard.press('Control+Home');
  await okr.cell(KR1, 'owner').click();
  await page.locator('.grid-viewport').evaluate((v) => { v.scrollTop = v.scrollHeight; });
  await expect(okr.row(KR1)).toHaveCount(0);
  await page.getByTestId('filter-status').focus();
  await page.keyboard.press('Tab');
  await expect(okr.cell(KR1, 'owner')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(okr.cell(KR2, 'owner')).toBeFocused();
});
