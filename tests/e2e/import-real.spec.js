// Real OKR spreadsheets from the web (../shared/corpus/real) through the real file input:
// each comes in with the counts a faithful reading gives; an import opens as a new plan by
// default, and a plan replaced by an import comes back after a reload with "Undo import".
const path = require('path');
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

const real = (name) =>
  name.startsWith('fixtures')
    ? path.join(__dirname, '..', name)
    : path.join(__dirname, '..', '..', '..', 'shared', 'corpus', 'real', name);

const FILES = [
  ['Peakboard__peakboard-templates.github.io__OKR_Values_DE.xlsx', 'Found 4 objectives and 12 key results.'],
  ['Montinou__initiative-dashboard__OKRfulldata.xlsx', 'Found 35 objectives and 157 key results.'],
  ['FOX2920__OKR-Shift-and-checkin-analysis__goal_data.csv', 'Found 26 objectives and 61 key results.'],
  ['flavioluizseixas__planejamento_estrategico_ppea__MPEA_KRs_KPIs_StreamlitBase.xlsx', 'Found 5 objectives and 17 key results.'],
  ['Mehmet-Aytac__ProjectManagement__okr-template.csv', 'Found 2 objectives and 6 key results.'],
  // Found after the importer was tuned (tests/fixtures/real): labelled rows, right-to-left.
  [path.join('fixtures', 'real', 'JarbasFerro__Smarketing2026__OKR.xlsx'), 'Found 11 objectives and 30 key results.'],
  [path.join('fixtures', 'real', 'abbasKakoolvand__OKR_analyze__okr.xlsx'), 'Found 1 objective and 18 key results.'],
];

test('real workbooks come in with the right objectives and key results', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  for (const [file, found] of FILES) {
    await page.getByTestId('import-input').setInputFiles(real(file));
    await expect(page.getByTestId('import-summary')).toContainText(found);
    await page.getByTestId('import-preview').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
  }
});

test('the preview offers another reading, and the default opens a new plan beside the current one', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('import-input').setInputFiles(real('Montinou__initiative-dashboard__OKRfulldata.xlsx'));
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Found 35 objectives and 157 key results.');
  await page.screenshot({ path: test.info().outputPath('preview-1280x800.png') });
  // "Read it differently" on the Producto sheet: its other reading loses the objectives
  // (their column is named in the top header row only).
  const reading = page.getByLabel('Reading of sheet Producto');
  await reading.selectOption({ index: 1 });
  await expect(summary).not.toContainText('Found 35 objectives');
  await page.getByLabel('Reading of sheet Producto').selectOption({ index: 1 });
  await expect(summary).toContainText('Found 35 objectives and 157 key results.');

  await expect(page.getByTestId('import-mode')).toHaveValue('new');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await expect(okr.row('Asegurar la entrega')).not.toHaveCount(0);
  // The example is still there, in the plan menu.
  const plans = page.getByTestId('plan-switcher');
  await expect(plans.locator('option')).toHaveCount(2);
  await plans.selectOption({ index: 0 });
  await expect(page.getByTestId('example-banner')).toBeVisible();
});

test('a replaced plan comes back with Undo import after a reload', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.editCell('Grow marketing-qualified leads', 'keyResult', 'Our own objective');
  await okr.waitSaved('Our own objective');
  await page.getByTestId('import-input').setInputFiles(real('Peakboard__peakboard-templates.github.io__OKR_Values_DE.xlsx'));
  await page.getByTestId('import-mode').selectOption('replace');
  await page.getByTestId('import-confirm').click();
  await expect(okr.row('Our own objective')).toHaveCount(0);
  await expect(okr.row('Servicequalität')).toHaveCount(1);
  await okr.waitSaved('Servicequalit');

  await page.reload();
  await expect(okr.row('Servicequalität')).toHaveCount(1);
  await page.getByTestId('undo-import').click();
  await expect(okr.row('Our own objective')).toHaveCount(1);
  await expect(page.getByTestId('undo-import')).toHaveCount(0);
  await okr.waitSaved('Our own objective');
  await page.reload();
  await expect(okr.row('Our own objective')).toHaveCount(1);
  await expect(page.getByTestId('undo-import')).toHaveCount(0);
});

const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

test('a doubtful reading is said above the confirm button, and a correction is remembered for the next file of that layout', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const header = 'Objective,Measure,Start,Target,Current\n';
  await page.getByTestId('import-input').setInputFiles(
    csv('q3.csv', header + 'Grow,Signups,100,200,150\nGrow,Demos,0,40,10\nGrow,Deals,0,8,2\n'),
  );
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Found 1 objective and 0 key results.');
  await expect(page.getByTestId('import-doubts')).toContainText('no key results');
  await page.getByLabel('Field for column “Measure”').selectOption('Key result');
  await expect(summary).toContainText('Found 1 objective and 3 key results.');
  await expect(page.getByTestId('import-doubts')).toHaveCount(0);
  await page.getByTestId('import-confirm').click();
  await expect(okr.row('Signups')).toHaveCount(1);

  // Next quarter's file of the same layout reads as corrected, at once.
  await page.getByTestId('import-input').setInputFiles(csv('q4.csv', header + 'Keep,Churn,5,3,4\nKeep,NPS,30,50,35\n'));
  await expect(summary).toContainText('Found 1 objective and 2 key results.');
  await expect(page.getByTestId('import-recalled')).toBeVisible();
});

test('the header row can be named when the guess is wrong', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  // Row 1 names fields too (an owner list), the plan's header is row 3.
  await page.getByTestId('import-input').setInputFiles(
    csv('rows.csv', 'Key result,Owner,Objective\nAna,Ben,Cy\nObjective,Key result,Target,Current\nGrow,Signups,200,150\nGrow,Demos,40,10\n'),
  );
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Found 1 objective and 2 key results.');
  await page.getByLabel('Header row of sheet rows').fill('1');
  await page.getByLabel('Header row of sheet rows').press('Tab');
  await expect(summary).not.toContainText('Found 1 objective and 2 key results.');
  await page.getByLabel('Header row of sheet rows').fill('3');
  await page.getByLabel('Header row of sheet rows').press('Tab');
  await expect(summary).toContainText('Found 1 objective and 2 key results.');
});

test('a second Replace keeps the plan the first one replaced as a plan of its own', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.editCell('Grow marketing-qualified leads', 'keyResult', 'Our own objective');
  await okr.waitSaved('Our own objective');
  const replaceWith = async (file) => {
    await page.getByTestId('import-input').setInputFiles(real(file));
    await page.getByTestId('import-mode').selectOption('replace');
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('import-preview')).toHaveCount(0);
  };
  await replaceWith('Peakboard__peakboard-templates.github.io__OKR_Values_DE.xlsx');
  await replaceWith('Mehmet-Aytac__ProjectManagement__okr-template.csv');
  // The first plan is in the plan menu; Undo import brings back the one replaced last.
  const plans = page.getByTestId('plan-switcher');
  await expect(plans.locator('option')).toHaveCount(2);
  await page.getByTestId('undo-import').click();
  await expect(okr.row('Servicequalität')).toHaveCount(1);
  await plans.selectOption({ index: 1 });
  await expect(okr.row('Our own objective')).toHaveCount(1);
});

test('a sheet can be named as the check-ins of another, and becomes their history', async ({ page }) => {
  const XLSX = require('xlsx');
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([
    ['Objective', 'Key result', 'Start', 'Target'],
    ['Grow', 'Members', 100, 500],
    ['Grow', 'Meetups', 0, 12],
  ]), 'Plan');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([
    ['Key result', 'Week of', 'Value', 'Comment'],
    ['Members', '2026-01-05', 150, 'launch'],
    ['Members', '2026-01-12', 170, ''],
    ['Meetups', '2026-01-12', 1, ''],
  ]), 'Log');
  const buffer = XLSX.write(book, { type: 'buffer', bookType: 'xlsx' });
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('import-input').setInputFiles({
    name: 'log.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Found 2 objectives and 5 key results.');
  await page.getByLabel('What sheet Log holds').selectOption({ label: 'check-ins of sheet Plan' });
  await expect(summary).toContainText('Found 1 objective and 2 key results.');
  await expect(page.getByTestId('import-preview')).toContainText('3 check-ins read into their key results.');
  await page.getByTestId('import-confirm').click();
  await expect(okr.cell('Members', 'current')).toHaveText('170');
});
