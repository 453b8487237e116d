// Accessibility audit: axe-core on the main views, with every panel open. No serious or
// critical violation is allowed; lesser ones are printed for the record.
const path = require('path');
const { test, expect } = require('@playwright/test');
const { default: AxeBuilder } = require('@axe-core/playwright');
const { OkrPage, planMenuItem } = require('./okr-page');

// An axe run over the whole page with every panel open takes seconds on a 2-core machine
// running two workers; a test holds several runs.
test.describe.configure({ timeout: 120_000 });

async function audit(page, view) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of results.violations) {
    console.log(`[axe] ${view}: ${v.impact} ${v.id} (${v.nodes.length}) ${v.help}`);
  }
  expect(
    bad.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`),
    `serious or critical axe violations in ${view}`,
  ).toEqual([]);
}

test('grid, panels, dashboard, backlog and share: no serious or critical axe violation', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  await audit(page, 'grid');

  // A key result's details panel, then an objective's.
  await okr.select('Grow marketing-qualified leads per month from 400 to 650');
  await expect(page.getByTestId('details')).toBeVisible();
  await audit(page, 'key result details');
  await okr.select('Build a predictable pipeline of qualified leads');
  await audit(page, 'objective details');

  for (const toggle of ['health-toggle', 'dashboard-toggle', 'tree-toggle', 'weekly-toggle', 'backlog-toggle']) {
    await page.getByTestId(toggle).click();
  }
  await page.getByTestId('candidate-input').fill('Enter the German market');
  await page.getByTestId('candidate-input').press('Enter');
  await expect(page.getByTestId('backlog-table')).toBeVisible();
  await audit(page, 'health, dashboard, tree, weekly check-in and backlog panels');

  await (await planMenuItem(page, 'share-button')).click();
  await expect(page.getByTestId('share-panel')).toBeVisible();
  await page.getByTestId('scoring-rule').selectOption('pace');
  await audit(page, 'share panel and pace rule');

  // The same views in Spanish and in Chinese.
  await page.getByTestId('language-switcher').selectOption('es');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await audit(page, 'every panel, in Spanish');
  await page.getByTestId('language-switcher').selectOption('zh-Hans');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
  await audit(page, 'every panel, in Chinese');
});

test('import preview and a shared plan: no serious or critical axe violation', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('import-input').setInputFiles(path.join(__dirname, '..', 'fixtures', 'marketing-template.xlsx'));
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await audit(page, 'import preview');
  await page.getByTestId('import-preview').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0);

  // The merge preview (two copies of an export, one with a change) and presentation mode.
  const downloading = page.waitForEvent('download');
  await (await planMenuItem(page, 'export-button')).click();
  const file = test.info().outputPath('export.xlsx');
  await (await downloading).saveAs(file);
  await page.getByTestId('import-input').setInputFiles([file, file]);
  await expect(page.getByTestId('merge-preview')).toBeVisible();
  await audit(page, 'merge preview');
  await page.getByTestId('merge-preview').getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('present').click();
  await expect(page.getByTestId('presentation')).toBeVisible();
  await audit(page, 'presentation');
  await page.keyboard.press('Escape');

  await (await planMenuItem(page, 'share-button')).click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.goto(link);
  await expect(page.getByTestId('shared-banner')).toBeVisible();
  await audit(page, 'shared plan (read-only)');
});
