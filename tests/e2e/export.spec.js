// Export through the real buttons: the downloaded .xlsx passes the openpyxl and LibreOffice
// checks and imports back into the same plan; CSV neutralises formula-like text; a plan that
// cannot be written is refused with a clear message and nothing is lost.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { test, expect } = require('@playwright/test');
const { OkrPage, PLAN_KEY, planMenuItem, storedText } = require('./okr-page');

const HOSTILE = '=HYPERLINK("http://evil.example","click")';

/** The text of every data cell of the grid, row by row (action buttons left out). */
function gridTexts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[role="grid"] [role="row"]')].map((row) =>
      [...row.querySelectorAll('[role="gridcell"]')]
        .filter((c) => Number(c.getAttribute('aria-colindex')) <= 9)
        .map((c) => c.textContent.trim())
        .join(' | '),
    ),
  );
}

async function storedObjectives(page, key = PLAN_KEY) {
  return JSON.parse(await storedText(page, key)).plan.objectives;
}

test('the workbook downloads, passes the external checks and imports back into the same plan', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const okr = new OkrPage(page);
  await okr.open();
  await okr.editCell('Earn 12 pieces of press coverage', 'keyResult', HOSTILE);
  await okr.waitSaved('evil.example');
  const before = await gridTexts(page);
  const objectivesBefore = await storedObjectives(page);

  const downloading = page.waitForEvent('download');
  await (await planMenuItem(page, 'export-button')).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^Marketing — Q4 2026 \(example\)-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = testInfo.outputPath('export.xlsx');
  await download.saveAs(file);
  await expect(page.getByRole('status').filter({ hasText: 'Exported 9 key results' })).toBeVisible();

  // openpyxl finds the contract; LibreOffice recomputes every score to okr-grid's value.
  const report = execFileSync('bash', [path.join(__dirname, '..', '..', 'scripts', 'check-export.sh'), file], {
    encoding: 'utf8',
  });
  expect(report).toContain('9 key-result scores and 3 objective scores checked against LibreOffice; 0 problem(s)');

  // Start over in a new plan (the library's second, stored under its own key), then import
  // the downloaded file: the same grid and the same stored plan.
  await (await planMenuItem(page, 'plan-create')).click();
  const second = 'okr-grid/v1/plan-2';
  await expect(okr.grid.locator('tr.objective-row')).toHaveCount(0);
  await page.getByTestId('import-input').setInputFiles(file);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('Objective owners, weights, alignment and commitment, read with “OKRs”.');
  await expect(page.getByTestId('import-summary')).toContainText('Found 3 objectives and 9 key results.');
  await page.getByTestId('import-mode').selectOption('replace');
  await page.getByTestId('import-confirm').click();
  await expect(preview).toHaveCount(0);
  await expect(okr.row(HOSTILE)).toHaveCount(1);
  expect(await gridTexts(page)).toEqual(before);
  await expect.poll(() => storedText(page, second)).toContain('evil.example');
  expect(await storedObjectives(page, second)).toEqual(objectivesBefore);
});

test('CSV export has the contract columns and neutralises formula-like text', async ({ page }, testInfo) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.editCell('Earn 12 pieces of press coverage', 'keyResult', HOSTILE);
  const downloading = page.waitForEvent('download');
  await (await planMenuItem(page, 'export-csv-button')).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = testInfo.outputPath('export.csv');
  await download.saveAs(file);
  const text = fs.readFileSync(file, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const lines = text.slice(1).split('\r\n');
  expect(lines[0]).toBe(
    'Period,Team,Objective,Key Result,Type,Owner,Start,Target,Current,Score,Weight,Confidence,Link,Notes',
  );
  expect(lines.filter((l) => l.length > 0)).toHaveLength(10);
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  expect(text).not.toMatch(/,=HYPERLINK/);
});

/** Exports the plan as CSV through the plan menu; resolves to the file's text. */
async function exportCsv(page, testInfo, name) {
  const downloading = page.waitForEvent('download');
  await (await planMenuItem(page, 'export-csv-button')).click();
  const file = testInfo.outputPath(name);
  await (await downloading).saveAs(file);
  return fs.readFileSync(file, 'utf8');
}

test('later exports write the plan as edited since, also from a worker started afresh', async ({ page }, testInfo) => {
  // The worker keeps the plan of the last export and is sent only what changed; a worker
  // started since keeps none and is sent the plan whole (okr_sheets::sent_plan).
  const okr = new OkrPage(page);
  await okr.open();
  const first = await exportCsv(page, testInfo, 'first.csv');
  expect(first).toContain('Earn 12 pieces of press coverage');
  expect(first.slice(1).split('\r\n').filter((l) => l.length > 0)).toHaveLength(10);

  await okr.editCell('Earn 12 pieces of press coverage', 'keyResult', 'Earn 20 pieces of press coverage');
  const second = await exportCsv(page, testInfo, 'second.csv');
  expect(second).toContain('Earn 20 pieces of press coverage');
  expect(second).not.toContain('Earn 12 pieces');
  expect(second.replace('Earn 20 pieces', 'Earn 12 pieces')).toBe(first);

  // Cancel stops the worker; the next export starts a new one, which keeps no plan.
  const lines = ['Objective,Key Result,Owner,Start,Target,Current'];
  for (let i = 0; i < 60000; i++) lines.push(`Objective ${Math.floor(i / 4) + 1},Key result ${i + 1},Owner,0,${100 + i},${i % 90}`);
  await page.getByTestId('import-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByTestId('import-busy')).toBeVisible();
  await page.getByTestId('import-cancel').click();
  await expect(page.getByTestId('import-busy')).toHaveCount(0);
  await okr.editCell('Earn 20 pieces of press coverage', 'keyResult', 'Earn 30 pieces of press coverage');
  const third = await exportCsv(page, testInfo, 'third.csv');
  expect(third).toContain('Earn 30 pieces of press coverage');
  expect(third.replace('Earn 30 pieces', 'Earn 12 pieces')).toBe(first);
  await expect(page.getByTestId('export-error')).toHaveCount(0);
});

test('a plan that a workbook cannot hold is refused with a clear message and kept', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const long = 'x'.repeat(33_000);
  await okr.cell('Earn 12 pieces of press coverage', 'keyResult').click();
  await page.keyboard.press('F2');
  await okr.editor().fill(long);
  await okr.editor().press('Enter');
  await expect(okr.editor()).toHaveCount(0);
  await (await planMenuItem(page, 'export-button')).click();
  const alert = page.getByTestId('export-error');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('longer than the 32767 characters a spreadsheet cell can hold');
  await expect(alert).toContainText('key result title');
  await expect(okr.grid.locator('tr.objective-row')).toHaveCount(3);
  await okr.waitSaved(long);
});
