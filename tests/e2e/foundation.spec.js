// The foundation's user steps, end to end in Chromium: open, edit and see scores change,
// add / rename / delete / undo, reload and find everything kept, and bad input or bad storage
// reported without losing anything.
const { test, expect } = require('@playwright/test');
const { OkrPage, COL, PLAN_KEY, BACKUP_KEY, storedSmallText, putStoredPlan, inDb } = require('./okr-page');

const KR1 = 'Grow marketing-qualified leads per month from 400 to 650';
const O1 = 'Build a predictable pipeline of qualified leads';

test('first visit shows the labelled example plan in an accessible grid', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await expect(page.getByTestId('example-banner')).toContainText('Example plan');
  await expect(page).toHaveTitle('okr-grid');

  const headers = okr.grid.getByRole('columnheader');
  for (const name of ['Objective', 'Key Result', 'Owner', 'Start', 'Target', 'Current', 'Score']) {
    await expect(headers.filter({ hasText: new RegExp(`^${name}$`) })).toHaveCount(1);
  }
  // 1 header row + 3 objectives + 9 key results.
  await expect(okr.grid.getByRole('row')).toHaveCount(13);
  await expect(okr.grid).toHaveAttribute('aria-rowcount', '13');
  await expect(page.locator('tr.objective-row')).toHaveCount(3);
  const rowIndexes = await okr.grid
    .getByRole('row')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-rowindex')));
  expect(rowIndexes).toEqual(Array.from({ length: 13 }, (_, i) => String(i + 1)));
  const colIndexes = await okr.row(KR1)
    .getByRole('gridcell')
    .evaluateAll((cells) => cells.map((c) => c.getAttribute('aria-colindex')));
  expect(colIndexes).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1)));

  // Scores show a number and a word, never colour alone; score cells are read-only.
  await expect(okr.cell(KR1, 'score')).toHaveText(/0\.48\s+At risk/);
  await expect(okr.cell(KR1, 'score')).toHaveAttribute('aria-readonly', 'true');
  await expect(okr.cell('Grow organic traffic', 'score')).toHaveText(/No data/);

  // Every button has an accessible name.
  const unnamed = await page.getByRole('button').evaluateAll((buttons) =>
    buttons.filter((b) => !(b.getAttribute('aria-label') || b.textContent).trim()).length);
  expect(unnamed).toBe(0);
  // The grid is a single tab stop.
  await expect(okr.grid.locator('[tabindex="0"]')).toHaveCount(1);
});

test('editing Current rescores the key result and its objective at once, and survives reload', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await expect(okr.cell(O1, 'score')).toHaveText(/0\.49/);

  await okr.editCell(KR1, 'current', '650');
  await expect(okr.cell(KR1, 'current')).toHaveText('650');
  await expect(okr.cell(KR1, 'score')).toHaveText(/1\.00\s+On track/);
  await expect(okr.cell(O1, 'score')).toHaveText(/0\.66\s+At risk/);

  await okr.waitSaved('"current":650.0');
  await page.reload();
  await expect(okr.cell(KR1, 'current')).toHaveText('650');
  await expect(okr.cell(O1, 'score')).toHaveText(/0\.66/);
});

test('an edit made just before leaving the page is not lost', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.editCell(KR1, 'owner', 'Ana Lima');
  // No wait for the debounce: leaving the page flushes the pending save.
  await page.reload();
  await expect(okr.cell(KR1, 'owner')).toHaveText('Ana Lima');
});

test('percent values are typed and shown as percentages, stored as fractions', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const kr = 'Raise landing-page conversion';
  await expect(okr.cell(kr, 'start')).toHaveText('2.5%');
  await okr.editCell(kr, 'current', '3.7%');
  await expect(okr.cell(kr, 'current')).toHaveText('3.7%');
  await okr.waitSaved('"current":0.037');
});

test('a bad value is refused at the cell and the typed text is kept until cancelled', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.cell(KR1, 'current').dblclick();
  await okr.editor().fill('lots');
  await okr.editor().press('Enter');
  const error = okr.cell(KR1, 'current').getByRole('alert');
  await expect(error).toContainText('“lots” is not a number');
  await expect(okr.editor()).toHaveValue('lots');
  await expect(okr.editor()).toHaveAttribute('aria-invalid', 'true');
  await expect(okr.cell(KR1, 'score')).toHaveText(/0\.48/);

  // Clicking elsewhere does not throw it away either.
  await okr.cell(KR1, 'owner').click();
  await expect(okr.editor()).toHaveValue('lots');

  await okr.editor().press('Escape');
  await expect(okr.editor()).toHaveCount(0);
  await expect(okr.cell(KR1, 'current')).toHaveText('520');
  await expect(page.getByRole('button', { name: 'Undo' }).first()).toBeDisabled();
});

test('add, rename and delete objectives and key results; delete can be undone; all kept on reload', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const toolbar = page.getByRole('toolbar', { name: 'Plan actions' });

  await toolbar.getByRole('button', { name: 'Add objective' }).click();
  await expect(okr.editor()).toBeFocused();
  await expect(okr.editor()).toHaveValue('New objective');
  await page.keyboard.type('Win the category'); // replaces the selected placeholder
  await page.keyboard.press('Enter');
  await expect(okr.cell('Win the category', 'objective')).toHaveText('Win the category');

  await page.getByRole('button', { name: 'Add key result to “Win the category”' }).click();
  await expect(okr.editor()).toBeFocused();
  await page.keyboard.type('Reach 30% share of voice');
  await page.keyboard.press('Enter');
  const kr = 'Reach 30% share of voice';
  await okr.editCell(kr, 'type', 'percent');
  await okr.editCell(kr, 'start', '12%');
  await okr.editCell(kr, 'target', '30%');
  await okr.editCell(kr, 'current', '21%');
  await expect(okr.cell(kr, 'score')).toHaveText(/0\.50\s+At risk/);
  await expect(okr.cell('Win the category', 'score')).toHaveText(/0\.50/);

  // Rename both.
  await okr.editCell('Win the category', 'objective', 'Own the category');
  await okr.editCell(kr, 'keyResult', 'Reach 30% share of voice in analyst reports');
  const renamedKr = 'Reach 30% share of voice in analyst reports';
  await expect(okr.row('Own the category')).toHaveCount(1);

  // Delete the key result, undo with the offered button.
  await page.getByRole('button', { name: `Delete key result “${renamedKr}”` }).click();
  await expect(okr.row(renamedKr)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Deleted key result' })).toBeVisible();
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(okr.cell(renamedKr, 'score')).toHaveText(/0\.50/);

  // Delete an example objective with all its key results, undo with Ctrl+Z, redo with Ctrl+Y.
  await page.getByRole('button', { name: `Delete objective “${O1}”` }).click();
  await expect(okr.row(O1)).toHaveCount(0);
  await expect(okr.row(KR1)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(okr.row(O1)).toHaveCount(1);
  await expect(okr.row(KR1)).toHaveCount(1);
  await page.keyboard.press('Control+y');
  await expect(okr.row(O1)).toHaveCount(0);

  await okr.waitSaved('Own the category');
  await page.reload();
  await expect(okr.row('Own the category')).toHaveCount(1);
  await expect(okr.cell(renamedKr, 'current')).toHaveText('21%');
  await expect(okr.row(O1)).toHaveCount(0);
});

test('the keyboard moves, edits, commits and cancels', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  // Tab into the grid: its one tab stop is the first cell (after the filters' last control).
  await page.getByTestId('filter-status').focus();
  await page.keyboard.press('Tab');
  const first = okr.cell(O1, 'objective');
  await expect(first).toBeFocused();

  // Down to the first key result, right to Current.
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await expect(okr.cell(KR1, 'current')).toBeFocused();
  await expect(okr.cell(KR1, 'current')).toHaveAttribute('aria-selected', 'true');

  // Typing replaces the content; Enter commits and moves down.
  await page.keyboard.type('600');
  await page.keyboard.press('Enter');
  await expect(okr.cell(KR1, 'current')).toHaveText('600');
  await expect(okr.cell('Raise landing-page conversion', 'current')).toBeFocused();

  // Enter edits keeping the content; Escape cancels.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(okr.editor()).toHaveValue('600');
  await page.keyboard.type('999');
  await page.keyboard.press('Escape');
  await expect(okr.cell(KR1, 'current')).toHaveText('600');
  await expect(okr.cell(KR1, 'current')).toBeFocused();

  // Tab commits and moves right.
  await page.keyboard.press('F2');
  await page.keyboard.press('End');
  await page.keyboard.type('5');
  await page.keyboard.press('Tab');
  await expect(okr.cell(KR1, 'current')).toHaveText('6,005');
  await expect(okr.cell(KR1, 'weight')).toBeFocused();

  // The score cell is read-only: Enter opens no editor.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(okr.editor()).toHaveCount(0);
});

test('New plan starts empty, and undo brings the example back', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('example-banner').getByRole('button', { name: 'New plan' }).click();
  await expect(okr.grid.getByRole('row')).toHaveCount(1);
  await expect(page.getByText('This plan is empty')).toBeVisible();
  await expect(page.getByTestId('example-banner')).toHaveCount(0);
  await page.getByRole('toolbar').getByRole('button', { name: 'Undo' }).click();
  await expect(okr.grid.getByRole('row')).toHaveCount(13);
  await expect(page.getByTestId('example-banner')).toBeVisible();
});

test('corrupt stored data is kept under a backup key, reported, and offered for download', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  // A head record cut short: the plan does not read.
  const broken = '{"name":"Mine","next_id":';
  await putStoredPlan(page, PLAN_KEY, { plan: broken, order: [] });
  await page.reload();

  const alert = page.getByTestId('startup-alert');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('could not be opened');
  await expect(alert).toContainText(BACKUP_KEY);
  await expect(page.getByTestId('example-banner')).toBeVisible();
  const kept = await storedSmallText(page, BACKUP_KEY);
  expect(JSON.parse(kept).head).toBe(broken);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    alert.getByRole('button', { name: 'Download the unreadable data' }).click(),
  ]);
  const fs = require('fs');
  expect(fs.readFileSync(await download.path(), 'utf8')).toBe(kept);

  // Working on overwrites the unreadable main copy, never the backup.
  await okr.editCell(KR1, 'current', '610');
  await okr.waitSaved('"current":610.0');
  await page.reload();
  await expect(page.getByTestId('startup-alert')).toHaveCount(0);
  await expect(okr.cell(KR1, 'current')).toHaveText('610');
  expect(await storedSmallText(page, BACKUP_KEY)).toBe(kept);
});

test('a full storage is reported, the app keeps working in memory, and saving resumes when there is room', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  // The disk is full: every write the database is asked for is refused as over quota.
  await page.evaluate(() => {
    window.__put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await okr.editCell(KR1, 'current', '640');
  await expect(okr.saveStatus).toHaveText('Not saved: storage is full');
  await expect(page.getByTestId('save-alert')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('save-alert')).toContainText('storage for okr-grid is full');

  // Still editing in memory.
  await okr.editCell(KR1, 'current', '650');
  await expect(okr.cell(KR1, 'score')).toHaveText(/1\.00/);

  await page.evaluate(() => { IDBObjectStore.prototype.put = window.__put; });
  await okr.editCell(KR1, 'owner', 'Ana Lima');
  await okr.waitSaved('Ana Lima');
  await expect(page.getByTestId('save-alert')).toHaveCount(0);
  await page.reload();
  await expect(okr.cell(KR1, 'current')).toHaveText('650');
});

test('without storage the app warns and works in memory', async ({ page }) => {
  await page.addInitScript(() => {
    for (const name of ['localStorage', 'indexedDB']) {
      Object.defineProperty(window, name, {
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
    }
  });
  const okr = new OkrPage(page);
  await okr.open();
  await expect(page.getByTestId('startup-alert')).toContainText('does not let okr-grid use its storage');
  await expect(okr.saveStatus).toHaveText('Not saved: saving is off');
  await okr.editCell(KR1, 'current', '650');
  await expect(okr.cell(KR1, 'score')).toHaveText(/1\.00/);
});

test('the page loads from a sub-path with relative URLs only', async ({ page }) => {
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  const okr = new OkrPage(page);
  await okr.open();
  expect(page.url()).toContain('/team/okr-grid/');
  expect(failed).toEqual([]);
  const absolute = await page.evaluate(() =>
    [...document.querySelectorAll('link[href], script[src]')]
      .map((e) => e.getAttribute('href') || e.getAttribute('src'))
      .filter((u) => u.startsWith('/')));
  expect(absolute).toEqual([]);
});

test('two tabs of the same plan follow each other instead of overwriting', async ({ context }) => {
  const a = new OkrPage(await context.newPage());
  const b = new OkrPage(await context.newPage());
  await a.open();
  await b.open();
  await a.editCell(KR1, 'current', '640');
  await a.waitSaved('"current":640.0');
  await expect(b.cell(KR1, 'current')).toHaveText('640');
  await expect(b.page.getByRole('status').filter({ hasText: 'changed in another tab' })).toBeVisible();

  await b.editCell(KR1, 'owner', 'Ana Lima');
  await b.waitSaved('Ana Lima');
  await expect(a.cell(KR1, 'owner')).toHaveText('Ana Lima');
  await expect(a.cell(KR1, 'current')).toHaveText('640');
  await a.page.reload();
  await expect(a.cell(KR1, 'current')).toHaveText('640');
  await expect(a.cell(KR1, 'owner')).toHaveText('Ana Lima');
});
