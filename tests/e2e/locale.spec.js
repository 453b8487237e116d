// The interface language and the numbers: English, Spanish, Italian, Simplified Chinese.
const { execFileSync } = require('child_process');
const { test, expect } = require('@playwright/test');
const { OkrPage, planMenuItem } = require('./okr-page');

const KR1_EN = 'Grow marketing-qualified leads per month from 400 to 650';
const KR1_ES = 'Aumentar los contactos cualificados por marketing de 400 a 650 al mes';

function exportedCurrent(file, title) {
  return execFileSync('/usr/bin/python3', ['-c', `
import openpyxl, sys
ws = openpyxl.load_workbook(sys.argv[1])['OKRs']
print([r[8].value for r in ws.iter_rows(min_row=2) if r[3].value == sys.argv[2]][0])
`, file, title], { encoding: 'utf8' }).trim();
}

test('switch language: headers, toolbar and the example change; 1.234,5 typed in es is stored and exported as 1234.5; kept on reload', async ({ page }, testInfo) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  // The grid's name follows the language: find it by role alone.
  okr.grid = page.getByRole('grid');
  const language = page.getByTestId('language-switcher');
  await expect(language).toHaveValue('en');
  await expect(page.getByRole('columnheader', { name: 'Objective', exact: true })).toBeVisible();

  await language.selectOption('es');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('columnheader', { name: 'Objetivo', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Añadir objetivo' })).toBeVisible();
  await expect(okr.row(KR1_ES)).toHaveCount(1);
  await expect(okr.row(KR1_EN)).toHaveCount(0);
  await expect(okr.cell(KR1_ES, 'score')).toContainText('0,48');
  await expect(okr.cell(KR1_ES, 'score')).toContainText('En riesgo');
  await expect(page.getByTestId('plan-summary')).toContainText('3 objetivos · 9 resultados clave');

  await okr.editCell(KR1_ES, 'current', '1.234,5');
  await expect(okr.cell(KR1_ES, 'current')).toHaveText('1234,5');
  await expect.poll(() => okr.storedPlan()).toContain('"current":1234.5');
  await expect(okr.saveStatus).toHaveText('Guardado');
  const [download] = await Promise.all([page.waitForEvent('download'), (await planMenuItem(page, 'export-button')).click()]);
  const file = testInfo.outputPath('es.xlsx');
  await download.saveAs(file);
  expect(exportedCurrent(file, KR1_ES)).toBe('1234.5');

  await page.reload();
  await expect(language).toHaveValue('es');
  await expect(page.getByRole('columnheader', { name: 'Objetivo', exact: true })).toBeVisible();
  await expect(okr.cell(KR1_ES, 'current')).toHaveText('1234,5');

  // A check-in typed the Spanish way; its date shows the Spanish way.
  await okr.select(KR1_ES);
  await page.getByTestId('checkin-value').fill('1.300');
  await page.getByTestId('checkin-submit').click();
  await expect(okr.cell(KR1_ES, 'current')).toHaveText('1300');
  await expect(page.getByTestId('check-ins')).toContainText('23/11/2026');

  // Chinese: headers and status words render; the edited plan keeps its titles.
  await language.selectOption('zh-Hans');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await expect(page.getByRole('columnheader', { name: '目标', exact: true })).toBeVisible();
  await expect(okr.cell(KR1_ES, 'current')).toHaveText('1,300');
  await expect(page.getByTestId('check-ins')).toContainText('2026/11/23');
  await expect(page.getByRole('button', { name: '添加目标' })).toBeVisible();
});

test.describe('a Spanish browser', () => {
  test.use({ locale: 'es-ES' });

  test('opens in Spanish with the Spanish example; "1,5" is one and a half', async ({ page }) => {
    const okr = new OkrPage(page);
    await page.goto('./');
    await expect(page.getByRole('grid', { name: 'Objetivos y resultados clave' })).toBeVisible();
    await expect(page.getByTestId('language-switcher')).toHaveValue('es');
    await expect(page.getByRole('row').filter({ hasText: 'Subir la conversión' }).locator('[aria-colindex="7"]')).toHaveText('3,2\u00a0%');
    const grid = page.getByRole('grid', { name: 'Objetivos y resultados clave' });
    const cell = grid.getByRole('row').filter({ hasText: 'Conseguir 12 apariciones en prensa' }).locator('[aria-colindex="7"]');
    await cell.dblclick();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('1,5');
    await page.keyboard.press('Enter');
    await expect(cell).toHaveText('1,5');
    await expect.poll(() => okr.storedPlan()).toContain('"current":1.5');
  });
});
