// The spreadsheet worker: fetched on the first import or export (never with the page), the
// file handed to it, a Cancel that stops a large read, and a worker that cannot be fetched or
// dies mid-request said clearly with the plan untouched.
const path = require('path');
const { test, expect } = require('@playwright/test');
const { OkrPage, planMenuItem } = require('./okr-page');

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'marketing-template.xlsx');

// Playwright's routes do not see a dedicated worker's requests, so the tests point the page at
// other worker files through the tag the page reads them from (as a host missing them would).
async function nameWorkerFiles(page, js, wasm) {
  return page.evaluate(([js, wasm]) => {
    const meta = document.querySelector('meta[name="okr-worker"]');
    const before = meta.content;
    const [realJs, realWasm] = before.split(' ');
    meta.content = `${js ?? realJs} ${wasm ?? realWasm}`;
    return before;
  }, [js, wasm]);
}

async function restoreWorkerFiles(page, content) {
  await page.evaluate((c) => { document.querySelector('meta[name="okr-worker"]').content = c; }, content);
}

/** A CSV of `n` key results under objectives of 4, slow enough to read that Cancel can land. */
function bigCsv(n) {
  const lines = ['Objective,Key Result,Owner,Start,Target,Current'];
  for (let i = 0; i < n; i++) {
    lines.push(`Objective ${Math.floor(i / 4) + 1},Key result number ${i + 1},Owner ${i % 17},0,${100 + i},${i % 90}`);
  }
  return Buffer.from(lines.join('\n'));
}

test('the worker is fetched on the first import, not with the page, and reads the file', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  const okr = new OkrPage(page);
  await okr.open();
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((u) => u.includes('okr-worker'))).toEqual([]);
  // The release build names the worker's content-hashed files in the page.
  const named = await page.locator('meta[name="okr-worker"]').getAttribute('content');
  expect(named).toMatch(/^okr-worker-[0-9a-f]{16}\.js okr-worker-[0-9a-f]{16}_bg\.wasm$/);

  await page.getByTestId('import-input').setInputFiles(FIXTURE);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  const workerFiles = fetched.filter((u) => u.includes('okr-worker'));
  expect(workerFiles.some((u) => u.endsWith('.js'))).toBe(true);
  expect(workerFiles.some((u) => u.endsWith('_bg.wasm'))).toBe(true);
  // A correction goes to the worker, which still holds the workbook.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
});

test('a worker that cannot be fetched is said, the plan is untouched, and the next try works', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const before = await okr.storedPlan();
  // The worker's script is not on the server.
  const real = await nameWorkerFiles(page, 'okr-worker-missing.js', null);
  await page.getByTestId('import-input').setInputFiles(FIXTURE);
  const alert = page.getByTestId('import-error');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('The spreadsheet reader stopped');
  await expect(alert).toContainText('Your plan is unchanged.');
  await expect(okr.grid.getByRole('row')).toHaveCount(13);
  expect(await okr.storedPlan()).toBe(before);
  await alert.getByRole('button', { name: 'Dismiss' }).click();

  // Its wasm is not on the server: said too, not waited for forever.
  await nameWorkerFiles(page, real.split(' ')[0], 'okr-worker-missing_bg.wasm');
  await page.getByTestId('import-input').setInputFiles(FIXTURE);
  await expect(alert).toContainText('The spreadsheet reader stopped');
  await alert.getByRole('button', { name: 'Dismiss' }).click();

  // An export says it too, and offers nothing.
  await (await planMenuItem(page, 'export-button')).click();
  await expect(page.getByTestId('export-error')).toContainText('the spreadsheet writer stopped');
  expect(await okr.storedPlan()).toBe(before);

  await restoreWorkerFiles(page, real);
  await page.getByTestId('import-input').setInputFiles(FIXTURE);
  await expect(page.getByTestId('import-preview')).toBeVisible();
});

test('a worker that dies while reading is said, the plan is untouched, and a new one is started', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const before = await okr.storedPlan();
  // A worker script that starts, says it is ready, and throws on the first request.
  const dying = await page.evaluate(() => URL.createObjectURL(new Blob([
    "self.wasm_bindgen = function () { self.onmessage = function () { throw new Error('worker died'); }; postMessage({ ready: true }); return Promise.resolve(); };",
  ], { type: 'text/javascript' })));
  const real = await nameWorkerFiles(page, dying, null);
  await page.getByTestId('import-input').setInputFiles(FIXTURE);
  const alert = page.getByTestId('import-error');
  await expect(alert).toContainText('The spreadsheet reader stopped');
  await expect(alert).toContainText('worker died');
  await expect(alert).toContainText('Your plan is unchanged.');
  expect(await okr.storedPlan()).toBe(before);
  await expect(okr.grid.getByRole('row')).toHaveCount(13);
  await alert.getByRole('button', { name: 'Dismiss' }).click();

  await restoreWorkerFiles(page, real);
  await page.getByTestId('import-input').setInputFiles(FIXTURE);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
});

test('Cancel stops a large read at once; the page stays usable and the plan untouched', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const before = await okr.storedPlan();
  await page.getByTestId('import-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: bigCsv(60000) });
  const busy = page.getByTestId('import-busy');
  await expect(busy).toBeVisible();
  await expect(busy).toHaveAttribute('role', 'status');
  // The page answers while the worker reads: the stage is shown and Cancel can be pressed.
  await expect(page.getByTestId('import-stage')).toContainText('big.csv');
  await page.getByTestId('import-cancel').click();
  await expect(busy).toHaveCount(0);
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await page.waitForTimeout(300);
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  expect(await okr.storedPlan()).toBe(before);

  // A new read after a cancel starts a new worker.
  await page.getByTestId('import-input').setInputFiles(FIXTURE);
  await expect(page.getByTestId('import-preview')).toBeVisible();
});

test('a large preview lists its first 50 objectives; confirm brings in every one', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  // 60 objectives of 4 key results: the worker sends the page the first 50, and the whole
  // plan only on confirm.
  await page.getByTestId('import-input').setInputFiles({ name: 'sixty.csv', mimeType: 'text/csv', buffer: bigCsv(240) });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('60 objectives and 240 key results');
  await expect(preview.locator('.found-objectives > ul > li')).toHaveCount(50);
  await expect(preview.locator('.found-objectives')).toContainText('10 more objectives');
  await page.getByTestId('import-confirm').click();
  await expect(preview).toHaveCount(0);
  await expect(page.getByText(/Imported 60 objectives and 240 key results/)).toBeVisible();
  // The new plan holds every one of them: a header row, 60 objective rows, 240 key results.
  await expect(okr.grid).toHaveAttribute('aria-rowcount', '301');
});
