// Export into the original workbook, through the page: a real template from the web
// (../shared/corpus/real) is imported, a Current value and a title are changed in the grid, and
// "Export to original file" gives back that workbook with exactly those cells changed (read with
// openpyxl), its formulas, other sheets and layout as they were. The original is kept in the
// browser across a reload; when it is gone the page asks for it and refuses another file.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { test, expect } = require('@playwright/test');
const { OkrPage, planMenuItem, inDb, storedText, storedPlanKeys, storedOriginals } = require('./okr-page');

const corpus = (name) => path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'real', name);
const TEMPLATE = 'sambitbhaumik__silvernova-assessment-task__Company OKRs.xlsx';

/** Cells of `file` as openpyxl reads them (formulas as written): { "Sheet!A1": value }. */
function cells(file, refs) {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames}
for ref in json.loads(sys.argv[2]):
    sheet, cell = ref.rsplit("!", 1)
    out[ref] = wb[sheet][cell].value
print(json.dumps(out))
`;
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script, file, JSON.stringify(refs)], { encoding: 'utf-8' }),
  );
}

async function exportOriginal(page) {
  const downloading = page.waitForEvent('download');
  await (await planMenuItem(page, 'export-original')).click();
  return downloading;
}

test('a changed value and title go back into the team\'s own workbook, nothing else', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const okr = new OkrPage(page);
  await okr.open();
  // The example came from no file: no export into one.
  await page.getByTestId('plan-menu').click();
  await expect(page.getByTestId('export-button')).toBeVisible();
  await expect(page.getByTestId('export-original')).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByTestId('import-input').setInputFiles(corpus(TEMPLATE));
  await expect(page.getByTestId('import-summary')).toContainText('Found 6 objectives and 14 key results.');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);

  await okr.editCell('Ad campaigns', 'current', '40');
  await okr.editCell('Referrals/month', 'keyResult', 'Referrals per month');
  await expect(okr.row('Referrals per month')).toHaveCount(1);

  const download = await exportOriginal(page);
  expect(download.suggestedFilename()).toMatch(
    /^sambitbhaumik__silvernova-assessment-task__Company OKRs \(okr-grid \d{4}-\d{2}-\d{2}\)\.xlsx$/,
  );
  const file = test.info().outputPath('updated.xlsx');
  await download.saveAs(file);
  await expect(
    page.getByRole('status').filter({ hasText: 'Changed cells written into a copy of' }),
  ).toContainText(': 2 (');

  const refs = ['Q1 2028!G2', 'Q1 2028!C3', 'Q1 2028!G3', 'Q1 2028!I2', 'Yearly High Level!B2', 'Yearly High Level!H2'];
  const before = cells(corpus(TEMPLATE), refs);
  const after = cells(file, refs);
  expect(after.sheets).toEqual(before.sheets);
  expect(after['Q1 2028!G2']).toBe(40);
  expect(before['Q1 2028!G2']).toBe(34);
  expect(after['Q1 2028!C3']).toBe('Referrals per month');
  for (const untouched of ['Q1 2028!G3', 'Q1 2028!I2', 'Yearly High Level!B2', 'Yearly High Level!H2']) {
    expect(after[untouched]).toEqual(before[untouched]);
  }
  expect(after['Q1 2028!I2']).toBe('=(G2-E2)/(F2-E2)');

  // The original is kept in this browser: after a reload the export still works.
  await expect
    .poll(async () => {
      for (const k of await storedPlanKeys(page)) {
        if (k.startsWith('okr-grid/v1/plan-') && ((await storedText(page, k)) || '').includes('Referrals per month')) return true;
      }
      return false;
    })
    .toBe(true);
  await expect.poll(() => storedOriginals(page)).toHaveLength(1);
  await expect(okr.saveStatus).toHaveText('Saved');
  await page.reload();
  await expect(okr.row('Referrals per month')).toHaveCount(1);
  const again = await exportOriginal(page);
  const second = test.info().outputPath('again.xlsx');
  await again.saveAs(second);
  expect(cells(second, ['Q1 2028!G2'])['Q1 2028!G2']).toBe(40);

  // Without the stored copy the page asks for the file, and refuses another one.
  await inDb(page, `(db) => new Promise((ok) => {
    const tx = db.transaction('originals', 'readwrite');
    tx.objectStore('originals').clear();
    tx.oncomplete = ok;
  })`);
  await (await planMenuItem(page, 'export-original')).click();
  const wanted = page.getByTestId('export-original-wanted');
  await expect(wanted).toContainText('is not stored in this browser');
  await page
    .getByTestId('export-original-file')
    .setInputFiles(corpus('Peakboard__peakboard-templates.github.io__OKR_Values_DE.xlsx'));
  await expect(page.getByTestId('export-error')).toContainText('This is not the file the plan was imported from');
  await (await planMenuItem(page, 'export-original')).click();
  const picked = page.waitForEvent('download');
  await page.getByTestId('export-original-file').setInputFiles(corpus(TEMPLATE));
  const third = test.info().outputPath('picked.xlsx');
  await (await picked).saveAs(third);
  expect(cells(third, ['Q1 2028!C3'])['Q1 2028!C3']).toBe('Referrals per month');
  await expect(page.getByTestId('export-error')).toHaveCount(0);
  // … and keeps it for next time.
  await expect.poll(() => storedOriginals(page)).toHaveLength(1);
});

test('a plan from an .ods workbook is told the export into it needs .xlsx; a CSV plan has no such export', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('import-input').setInputFiles(path.join(__dirname, '..', 'fixtures', 'teams-by-sheet.ods'));
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await (await planMenuItem(page, 'export-original')).click();
  await expect(page.getByTestId('export-error')).toContainText('needs an .xlsx or .xlsm workbook');
  await expect(page.getByTestId('export-error')).toContainText('Export .xlsx');

  const csv = test.info().outputPath('okrs.csv');
  fs.writeFileSync(csv, 'Objective,Key result,Start,Target,Current\nGrow,Leads,0,10,4\n');
  await page.getByTestId('import-input').setInputFiles(csv);
  await page.getByTestId('import-confirm').click();
  await expect(okr.row('Leads')).toHaveCount(1);
  await page.getByTestId('plan-menu').click();
  await expect(page.getByTestId('export-button')).toBeVisible();
  await expect(page.getByTestId('export-original')).toHaveCount(0);
});
