// Offline: after one visit, the page opens with no network (service worker + web manifest).
const path = require('path');
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

test('installable, and opens offline after the first visit with the saved plan', async ({ page, context }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const manifest = await page.evaluate(async () => {
    const href = document.querySelector('link[rel="manifest"]').href;
    return (await fetch(href)).json();
  });
  expect(manifest.name).toBe('okr-grid');
  expect(manifest.start_url).toBe('./');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.length).toBeGreaterThan(0);

  // The worker is installed (it caches the page and every file it names) and controls the page.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).length && (await (await caches.open((await caches.keys())[0])).keys()).map((r) => r.url).join(' ')))
    .toContain('_bg.wasm');
  await okr.editCell('Earn 12 pieces of press coverage', 'current', '10');
  await okr.waitSaved('"current":10');

  await context.setOffline(true);
  const response = await page.reload();
  expect(response.fromServiceWorker()).toBe(true);
  await expect(okr.grid).toBeVisible();
  await expect(okr.cell('Earn 12 pieces of press coverage', 'current')).toHaveText('10');
  // Editing works offline too: the page needs no server.
  await okr.editCell('Earn 12 pieces of press coverage', 'current', '11');
  await okr.waitSaved('"current":11');
  // So does an import: the spreadsheet worker's files were cached with the page.
  await page.getByTestId('import-input').setInputFiles(path.join(__dirname, '..', 'fixtures', 'marketing-template.xlsx'));
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  // And another language: its texts (a file of their own) were cached with the page.
  await page.getByTestId('language-switcher').selectOption('zh-Hans');
  await expect(page.getByRole('columnheader', { name: '目标', exact: true })).toBeVisible();
  await context.setOffline(false);
});
