// Merge speed in the browser, as a user sees it: a plan of N key results (the bench workbook
// imported as a new plan) is exported through the real button; three returned copies are made
// with openpyxl (every 10th key result's Current changed, the third copy differing on every
// 30th: conflicts); choosing all three → merge preview shown, then confirm → merged. Prints
// medians; asserts nothing about time.
const path = require('path');
const { execFileSync } = require('child_process');
const { test, expect } = require('@playwright/test');

const { N, RUNS, median, openBigPlan } = require('./common');

// No trace here: recording one (screenshots and DOM snapshots, kept by the end-to-end tests on
// failure) competes with the spreadsheet worker for the 2 cores and slowed its import about
// twofold. The grid and load benches keep it: its screencast makes headless Chromium draw
// frames as a visible window does, which their "painted" figures need.
test.use({ trace: 'off' });
const { planMenuItem } = require('../e2e/okr-page');

const COPIES = `
import sys, openpyxl
src, out = sys.argv[1], sys.argv[2]
for f in range(3):
    wb = openpyxl.load_workbook(src)
    ws = wb["OKRs"]
    for r in range(2, ws.max_row + 1):
        i = r - 2
        if i % 10 == 0 and ws.cell(row=r, column=4).value:
            ws.cell(row=r, column=9).value = 7 if (f == 2 and i % 30 == 0) else 5
    wb.save(f"{out}/copy-{f}.xlsx")
`;

test(`merge three returned copies of ${N} key results`, async ({ page }, testInfo) => {
  await openBigPlan(page);

  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await (await planMenuItem(page, 'export-button')).click();
  const exported = testInfo.outputPath('export.xlsx');
  await (await downloading).saveAs(exported);
  const out = testInfo.outputPath('');
  execFileSync('/usr/bin/python3', ['-c', COPIES, exported, out]);
  const copies = [0, 1, 2].map((f) => path.join(out, `copy-${f}.xlsx`));

  const previewTimes = [];
  const appTimes = [];
  let summary = '';
  for (let i = 0; i < RUNS; i++) {
    const t0 = Date.now();
    await page.getByTestId('import-input').setInputFiles(copies);
    await expect(page.getByTestId('merge-summary')).toBeVisible({ timeout: 120_000 });
    previewTimes.push(Date.now() - t0);
    appTimes.push(Number((await page.getByTestId('merge-timing').textContent()).match(/([\d.]+) ms/)[1]));
    summary = await page.getByTestId('merge-summary').textContent();
    if (i < RUNS - 1) await page.getByRole('button', { name: 'Cancel' }).click();
  }
  const t0 = Date.now();
  await page.getByTestId('import-confirm').click();
  await expect(page.getByRole('status').filter({ hasText: 'Updated from' })).toBeVisible({ timeout: 120_000 });
  const confirmMs = Date.now() - t0;

  console.log(`[bench] ${N} key results, 3 returned copies (${summary})`);
  console.log(`[bench] files chosen → merge preview shown (median of ${RUNS}): ${median(previewTimes).toFixed(0)} ms  runs: ${previewTimes.join(', ')}`);
  console.log(`[bench] of which reading the files and comparing (app's own timing, median): ${median(appTimes).toFixed(0)} ms  runs: ${appTimes.join(', ')}`);
  console.log(`[bench] confirm → merged and shown: ${confirmMs} ms`);
});
