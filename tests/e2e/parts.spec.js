// The page's parts (scripts/build.sh splits the wasm; ui::on_demand): fetched the first time
// they are shown, never with the page; one that cannot be fetched is said where it would have
// been, the plan untouched, and opening it again tries again.
const path = require('path');
const { test, expect } = require('@playwright/test');
const { OkrPage, planMenuItem } = require('./okr-page');

// The service worker would answer from its cache, out of the routes' sight.
test.use({ serviceWorkers: 'block' });

/** Aborts every fetch of the part `name` until the returned function is called. */
async function refusePart(page, name) {
  let refuse = true;
  await page.route(new RegExp(`/split_${name}-[0-9a-f]{16}\\.wasm$`), (route) => (refuse ? route.abort() : route.continue()));
  return () => {
    refuse = false;
  };
}

test('the dashboard, details and share code come with their first use, not with the page', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  const okr = new OkrPage(page);
  await okr.open();
  await page.waitForLoadState('networkidle');
  // The plan menu's items (`occasional`) are fetched a second after the page is drawn, out of
  // its way (the first row's arrival: tests/bench/load.bench.js); the other parts on first use.
  const all = () => fetched.filter((u) => /\/split_\w+-[0-9a-f]{16}\.wasm$/.test(u)).map((u) => u.split('/').pop().replace(/-.*/, ''));
  const parts = () => all().filter((p) => p !== 'split_occasional');
  await expect.poll(all).toEqual(['split_occasional']);
  // The release build names the loader and every part in the page (the service worker reads it).
  const named = await page.locator('meta[name="okr-parts"]').getAttribute('content');
  expect(named).toMatch(/^okr-grid-parts-[0-9a-f]{16}\.js( \w+-[0-9a-f]{16}\.wasm)+$/);
  for (const part of ['split_dashboard', 'split_details', 'split_share', 'split_sheets', 'split_import_preview']) {
    expect(named).toContain(part);
  }

  await page.getByTestId('dashboard-toggle').click();
  await expect(page.getByTestId('dash-overall')).toBeVisible();
  expect(parts()).toEqual(['split_dashboard']);

  await okr.cell('Grow marketing-qualified leads', 'keyResult').click();
  await expect(page.getByTestId('details').getByTestId('checkin-value')).toBeVisible();
  expect(parts()).toContain('split_details');
  expect(parts()).not.toContain('split_share');
});

test('a part that cannot be fetched is said, the plan is untouched, and opening it again works', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const before = await okr.storedPlan();
  const allow = await refusePart(page, 'dashboard');

  const toggle = page.getByTestId('dashboard-toggle');
  await toggle.click();
  const alert = page.getByTestId('part-not-loaded');
  await expect(alert).toBeVisible();
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('could not be loaded');
  await expect(alert).toContainText('Your plan is unchanged');
  await expect(page.getByTestId('dash-overall')).toHaveCount(0);
  // The rest of the page still works, and the plan is as it was.
  expect(await okr.storedPlan()).toBe(before);
  await page.getByTestId('health-toggle').click();
  await expect(page.getByTestId('health-list')).toBeVisible();

  // Back online: closing and opening again fetches it.
  allow();
  await toggle.click();
  await expect(alert).toHaveCount(0);
  await toggle.click();
  await expect(page.getByTestId('dash-overall')).toBeVisible();
  expect(await okr.storedPlan()).toBe(before);
});

test('a file chosen while the import part cannot be fetched is refused with the reason, the plan untouched', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const before = await okr.storedPlan();
  const allow = await refusePart(page, 'import_preview');
  const file = path.join(__dirname, '..', 'fixtures', 'marketing-template.xlsx');

  await page.getByTestId('import-input').setInputFiles(file);
  const error = page.getByTestId('import-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('could not be loaded');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  expect(await okr.storedPlan()).toBe(before);

  // Back online: choosing the file again previews it.
  allow();
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  expect(await okr.storedPlan()).toBe(before);
});

test('an export while the code that reads the worker cannot be fetched says so, offers no file, and the next try works', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const before = await okr.storedPlan();
  // The `sheets` part reads the worker's replies and offers the written file.
  const allow = await refusePart(page, 'sheets');
  const downloads = [];
  page.on('download', (d) => downloads.push(d));

  await (await planMenuItem(page, 'export-button')).click();
  const alert = page.getByTestId('export-error');
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('could not be loaded');
  expect(downloads).toHaveLength(0);
  expect(await okr.storedPlan()).toBe(before);

  allow();
  const downloading = page.waitForEvent('download');
  await (await planMenuItem(page, 'export-button')).click();
  expect((await downloading).suggestedFilename()).toMatch(/\.xlsx$/);
  await expect(alert).toHaveCount(0);
  expect(await okr.storedPlan()).toBe(before);
});

test('the plan menu\'s items are a part of their own; when it cannot be fetched the menu says so, Import still works, and opening again works', async ({ page }) => {
  // Refused from the start: the fetch a second after the page is drawn fails too (unseen).
  const allow = await refusePart(page, 'occasional');
  const okr = new OkrPage(page);
  await okr.open();
  const before = await okr.storedPlan();

  const toggle = page.getByTestId('plan-menu');
  await toggle.click();
  const alert = page.locator('#plan-menu-items').getByTestId('part-not-loaded');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('could not be loaded');
  // One alert for the menu, not one per group of items.
  await expect(alert).toHaveCount(1);
  await expect(page.getByTestId('plan-create')).toHaveCount(0);
  // The file input is not in the part: a file chosen now is previewed.
  await page.getByTestId('import-input').setInputFiles(path.join(__dirname, '..', 'fixtures', 'marketing-template.xlsx'));
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  expect(await okr.storedPlan()).toBe(before);

  // Back online: closing and opening the menu again draws its items.
  allow();
  await page.keyboard.press('Escape');
  if ((await toggle.getAttribute('aria-expanded')) === 'true') await toggle.click();
  await toggle.click();
  await expect(page.getByTestId('plan-create')).toBeVisible();
  await expect(page.getByTestId('share-button')).toBeVisible();
  await expect(page.getByTestId('export-button')).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('"Copy unfinished to next period" and "Close period" while their part cannot be fetched say so and change nothing; the next click works', async ({ page }) => {
  // Their code is in the plan menu's part, refused from the start.
  const allow = await refusePart(page, 'occasional');
  const okr = new OkrPage(page);
  await okr.open();
  const before = await okr.storedPlan();
  const periods = page.getByLabel('Period shown');
  // The example's objectives are in 2026-Q4, most of them unfinished.
  const first = '=2026-Q4';
  await periods.selectOption(first);
  const rows = await page.getByRole('row').count();

  for (const id of ['copy-forward', 'close-period']) {
    await page.getByTestId(id).click();
    await expect(page.getByRole('status')).toContainText('could not be loaded');
    await expect(periods).toHaveValue(first);
    await expect(page.getByRole('row')).toHaveCount(rows);
    expect(await okr.storedPlan()).toBe(before);
  }

  allow();
  await page.getByTestId('copy-forward').click();
  await expect(page.getByRole('status')).toContainText('Copied');
  await expect(periods).not.toHaveValue(first);
});
