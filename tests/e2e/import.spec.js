// Import through the real file input and by drag and drop: preview, column fields,
// replace or add, confirm as one undoable step, and clear refusals that change nothing.
const path = require('path');
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

const fixture = (name) => path.join(__dirname, '..', 'fixtures', name);

test('an xlsx template is previewed, confirmed into the grid, and the import can be undone', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('import-input').setInputFiles(fixture('marketing-template.xlsx'));

  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('Found 2 objectives and 4 key results.');
  await expect(preview).toContainText('Header in row 4');
  await expect(preview).toContainText('period “Q3 2026”');
  await expect(preview).toContainText('Row 9: totals row');
  await expect(preview).toContainText('Row 11: note below the table');
  await expect(preview.getByLabel('Field for column “Owner”')).toHaveValue('Owner');
  await expect(preview.getByLabel('Field for column “W3”')).toHaveValue('Check-in value');
  // Nothing changed yet; a new plan is the default, replacing is a choice.
  await expect(page.getByTestId('example-banner')).toBeVisible();
  await expect(page.getByTestId('import-mode')).toHaveValue('new');
  await page.getByTestId('import-mode').selectOption('replace');

  await page.getByTestId('import-confirm').click();
  await expect(preview).toHaveCount(0);
  await expect(page.getByTestId('example-banner')).toHaveCount(0);
  await expect(okr.row('Build a predictable pipeline')).toHaveCount(1);
  await expect(okr.cell('Grow MQLs per month', 'current')).toHaveText('520');
  await expect(okr.cell('Grow MQLs per month', 'score')).toHaveText(/0\.48/);
  await expect(okr.cell('Raise conversion', 'current')).toHaveText('3.1%');
  await expect(okr.cell('Publish the benchmark report', 'current')).toHaveText('Not done');
  await okr.waitSaved('Build a predictable pipeline');

  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('example-banner')).toBeVisible();
  await expect(okr.row('Grow marketing-qualified leads')).toHaveCount(1);
});

test('an .ods with one sheet per team is added to the current plan as a team', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('import-input').setInputFiles(fixture('teams-by-sheet.ods'));
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('Skipped: looks like instructions');
  await expect(page.getByTestId('import-summary')).toContainText('Found 2 objectives and 4 key results.');
  await page.getByTestId('import-mode').selectOption('add');
  await preview.getByLabel('Period for the imported objectives').fill('2026-Q4');
  await page.getByTestId('import-confirm').click();
  await expect(page.locator('tr.objective-row')).toHaveCount(5);
  await expect(okr.cell('Organic visits', 'current')).toHaveText('47,000');
  // Each imported objective shows its sheet's team and the period chosen in the preview.
  // The example has an objective of the same title; the imported one comes last.
  await expect(okr.cell('Turn content into a growth engine', 'objective').last()).toContainText('Content · 2026-Q4');
  await expect(okr.cell('Turn content into a growth engine', 'objective').first()).toContainText('Marketing · 2026-Q4');
  await expect(okr.cell('Be the brand buyers remember', 'objective')).toContainText('Brand · 2026-Q4');
  await expect(okr.row('Make our brand the one buyers remember')).toHaveCount(1);
});

test('a column the importer did not recognise can be set in the preview', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('import-input').setInputFiles({
    name: 'measures.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Objective,Measure,Start,Target,Current\nGrow,Signups 100 to 200,100,200,150\n'),
  });
  const summary = page.getByTestId('import-summary');
  await expect(summary).toContainText('Found 1 objective and 0 key results.');
  await page.getByLabel('Field for column “Measure”').selectOption('Key result');
  await expect(summary).toContainText('Found 1 objective and 1 key result.');
  await page.getByTestId('import-confirm').click();
  await expect(okr.cell('Signups 100 to 200', 'score')).toHaveText(/0\.50/);
});

test('a dropped file is imported like a picked one', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.evaluate(() => {
    const file = new File(['Objective;Key result;Current\nGrow;Leads;5\n'], 'dropped.csv', { type: 'text/csv' });
    const dt = new DataTransfer();
    dt.items.add(file);
    document.querySelector('.app').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('import-preview')).toContainText('Import “dropped.csv”');
});

test('files that cannot be imported are refused clearly and the plan is untouched', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const cases = [
    [{ name: 'empty.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(0) }, 'The file is empty.'],
    [{ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]) }, 'not a spreadsheet'],
    [{ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\x03\x04\x14\x00\x00\x00garbage') }, 'damaged or incomplete'],
  ];
  for (const [file, message] of cases) {
    await page.getByTestId('import-input').setInputFiles(file);
    const alert = page.getByTestId('import-error');
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(alert).toContainText(message);
    await expect(alert).toContainText('Your plan is unchanged.');
    await expect(page.getByTestId('import-confirm')).toHaveCount(0);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
  // A readable file with no OKR columns: the preview says which headers it saw; nothing to confirm.
  await page.getByTestId('import-input').setInputFiles({
    name: 'budget.csv', mimeType: 'text/csv', buffer: Buffer.from('Item,Cost,Month\nAds,100,Jan\n'),
  });
  await expect(page.getByTestId('import-preview').getByRole('alert')).toContainText('“Item”, “Cost”, “Month”');
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(okr.grid.getByRole('row')).toHaveCount(13);
  await expect(page.getByTestId('example-banner')).toBeVisible();
});
