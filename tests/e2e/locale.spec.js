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

// English is in the page's wasm; the other languages' texts are files fetched when first
// needed (src/messages.rs). When one cannot come, the page stays readable in its language.
test.describe('catalogues fetched when needed', () => {
  // Requests the service worker would answer from its cache are not routed: without it.
  test.use({ serviceWorkers: 'block' });

  test('a language whose texts cannot be fetched: the page stays in its language and says so; the next choice works', async ({ page }) => {
    const okr = new OkrPage(page);
    await okr.open();
    const language = page.getByTestId('language-switcher');
    const fetched = [];
    page.on('request', (r) => { if (/locale-[a-zA-Z-]+-[0-9a-f]{16}\.json$/.test(r.url())) fetched.push(r.url()); });
    // An English page fetches no catalogue.
    await expect(page.getByRole('columnheader', { name: 'Objective', exact: true })).toBeVisible();
    expect(fetched).toEqual([]);

    await page.route(/locale-es-[0-9a-f]{16}\.json$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await language.selectOption('es');
    await expect(page.locator('.action-message')).toContainText('The Español texts could not be loaded (HTTP 404); the page stays in this language.');
    await expect(language).toHaveValue('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('columnheader', { name: 'Objective', exact: true })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('okr-grid/v1/language'))).toBeNull();

    // A file that is not a catalogue (a host's page for a missing file) is refused the same way.
    await page.unroute(/locale-es-[0-9a-f]{16}\.json$/);
    await page.route(/locale-es-[0-9a-f]{16}\.json$/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Not here</title>' }));
    await language.selectOption('es');
    await expect(page.locator('.action-message')).toContainText('The Español texts could not be loaded (not a catalogue:');
    await expect(language).toHaveValue('en');

    await page.unroute(/locale-es-[0-9a-f]{16}\.json$/);
    await language.selectOption('es');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    await expect(page.getByRole('columnheader', { name: 'Objetivo', exact: true })).toBeVisible();
    await expect(language).toHaveValue('es');
    // Back to English and to Spanish again: nothing fetched a second time.
    const before = fetched.length;
    await language.selectOption('en');
    await expect(page.getByRole('columnheader', { name: 'Objective', exact: true })).toBeVisible();
    await language.selectOption('es');
    await expect(page.getByRole('columnheader', { name: 'Objetivo', exact: true })).toBeVisible();
    expect(fetched.length).toBe(before);
  });

  test('a saved language whose texts cannot be fetched at start: the page opens in English, says so, and keeps the choice for next time', async ({ page }) => {
    const okr = new OkrPage(page);
    await okr.open();
    await page.getByTestId('language-switcher').selectOption('it');
    await expect(page.getByRole('columnheader', { name: 'Obiettivo', exact: true })).toBeVisible();

    await page.route(/locale-it-[0-9a-f]{16}\.json$/, (route) => route.abort());
    await page.reload();
    await expect(page.getByRole('columnheader', { name: 'Objective', exact: true })).toBeVisible();
    await expect(page.locator('.action-message')).toContainText('The Italiano texts could not be loaded');
    await expect(page.getByTestId('language-switcher')).toHaveValue('en');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(await page.evaluate(() => localStorage.getItem('okr-grid/v1/language'))).toBe('it');

    await page.unroute(/locale-it-[0-9a-f]{16}\.json$/);
    await page.reload();
    await expect(page.getByRole('columnheader', { name: 'Obiettivo', exact: true })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
  });
});
