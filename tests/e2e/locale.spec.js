// Numbers in the browser's locale: a Spanish browser shows and reads "1.234,5".
const { execFileSync } = require('child_process');
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

test.use({ locale: 'es-ES' });

const KR1 = 'Grow marketing-qualified leads per month from 400 to 650';

test('es: type 1.234,5, see 1234,5, store and export 1234.5; "1,5" is one and a half', async ({ page }, testInfo) => {
  const okr = new OkrPage(page);
  await okr.open();
  expect(await page.evaluate(() => navigator.language)).toBe('es-ES');
  // Scores and percentages the Spanish way.
  await expect(okr.cell(KR1, 'score')).toContainText('0,48');
  await expect(okr.cell('Raise landing-page conversion from 2.5% to 4%', 'current')).toHaveText('3,2\u00a0%');

  await okr.editCell(KR1, 'current', '1.234,5');
  await expect(okr.cell(KR1, 'current')).toHaveText('1234,5');
  await okr.waitSaved('"current":1234.5');
  await okr.cell(KR1, 'current').dblclick();
  await expect(okr.editor()).toHaveValue('1234,5');
  await okr.editor().press('Escape');

  // The ambiguous case: the comma is the decimal separator.
  await okr.editCell('Earn 12 pieces of press coverage', 'current', '1,5');
  await okr.waitSaved('"current":1.5');
  await expect(okr.cell('Earn 12 pieces of press coverage', 'current')).toHaveText('1,5');

  // The export holds the number itself, whatever the locale.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  const file = testInfo.outputPath('es.xlsx');
  await download.saveAs(file);
  const current = execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['OKRs']
print([r[8].value for r in ws.iter_rows(min_row=2) if r[3].value == sys.argv[2]][0])
`, file, KR1], { encoding: 'utf8' }).trim();
  expect(current).toBe('1234.5');

  await page.reload();
  await expect(okr.cell(KR1, 'current')).toHaveText('1234,5');
});
