// Export speed in the browser: a plan of N key results (imported from the big fixture) exported
// through the real buttons. The file is written in the spreadsheet worker (issue 17), so the
// time runs from the click to the download being offered (the anchor's `click`, caught in the
// page), with the longest main-thread task in that span (PerformanceObserver 'longtask').
// SheetJS then writes the same rows (the export's OKRs columns) in the same page, for
// comparison, and the cells of the exported workbook itself (like for like). Prints medians;
// asserts nothing about time.
const fs = require('fs');
const { test } = require('@playwright/test');

const { N, RUNS, median, openBigPlan } = require('./common');

// No trace here: recording one (screenshots and DOM snapshots, kept by the end-to-end tests on
// failure) competes with the spreadsheet worker for the 2 cores and slowed its import about
// twofold. The grid and load benches keep it: its screencast makes headless Chromium draw
// frames as a visible window does, which their "painted" figures need.
test.use({ trace: 'off' });

async function timeExport(page, testId) {
  // The export buttons are in the plan menu (its items are a part of the page, drawn when it
  // opens; a choice closes it): opened first, untimed.
  if ((await page.getByTestId(testId).count()) === 0) await page.getByTestId('plan-menu').click();
  await page.getByTestId(testId).waitFor();
  const downloading = page.waitForEvent('download');
  const { ms, longest } = await page.evaluate((id) => new Promise((resolve) => {
    const tasks = [];
    const observer = new PerformanceObserver((l) => tasks.push(...l.getEntries()));
    observer.observe({ type: 'longtask' });
    const click = HTMLAnchorElement.prototype.click;
    const t0 = performance.now();
    HTMLAnchorElement.prototype.click = function () {
      HTMLAnchorElement.prototype.click = click;
      const ms = performance.now() - t0;
      click.call(this);
      setTimeout(() => {
        observer.disconnect();
        const longest = Math.max(0, ...tasks.filter((t) => t.startTime + t.duration >= t0).map((t) => t.duration));
        resolve({ ms, longest });
      }, 0);
    };
    document.querySelector(`[data-testid="${id}"]`).click();
  }), testId);
  const download = await downloading;
  return { ms, longest, name: download.suggestedFilename(), download };
}

/**
 * SheetJS writing the cells of the workbook okr-grid exported (every sheet, its formulas and
 * cached values), deflated as okr-grid's is: the same rows and sheets, like for like (SheetJS's
 * free build writes no styles, lists or conditional formats, so it still writes less). Read
 * first, untimed; only the write is timed (ms).
 */
async function sheetJsWriteSame(page, base64) {
  return page.evaluate((base64) => {
    const wb = XLSX.read(base64, { type: 'base64' });
    const t0 = performance.now();
    XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true });
    return performance.now() - t0;
  }, base64);
}

/** SheetJS writing N rows of the export's OKRs columns as .xlsx, in the page (ms). */
async function sheetJsWrite(page, n) {
  return page.evaluate((n) => {
    const rows = [['Period', 'Team', 'Objective', 'Key Result', 'Type', 'Owner', 'Start', 'Target', 'Current', 'Score', 'Status', 'Weight']];
    for (let i = 0; i < n; i++) {
      rows.push(['2026-Q4', 'Team', `Objective ${Math.floor(i / 4) + 1}`, `Key result ${i + 1}`, 'Number', `Owner ${i % 17}`, 0, 100 + i, i % 90, 0.5, 'On track', 1]);
    }
    const t0 = performance.now();
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'OKRs');
    XLSX.write(wb, { type: 'array', bookType: 'xlsx' });
    return performance.now() - t0;
  }, n);
}

test(`export ${N} key results as .xlsx and CSV`, async ({ page }) => {
  await openBigPlan(page);

  let exported;
  for (const [label, id] of [['xlsx', 'export-button'], ['CSV', 'export-csv-button']]) {
    const runs = [];
    const longest = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      last = await timeExport(page, id);
      runs.push(last.ms);
      longest.push(last.longest);
    }
    console.log(`[bench] export ${label}, ${N} key results, click → download offered (median of ${RUNS}): ${median(runs).toFixed(0)} ms  runs: ${runs.map((x) => x.toFixed(0)).join(', ')}  file: ${last.name}`);
    if (label === 'xlsx') exported = fs.readFileSync(await last.download.path());
    console.log(`[bench] export ${label}: longest main-thread task (median): ${median(longest).toFixed(0)} ms  runs: ${longest.map((x) => x.toFixed(0)).join(', ')}`);
  }
  await page.addScriptTag({ path: require.resolve('xlsx/dist/xlsx.full.min.js') });
  const sheetJs = [];
  for (let i = 0; i < RUNS; i++) sheetJs.push(await sheetJsWrite(page, N));
  const same = [];
  const base64 = exported.toString('base64');
  for (let i = 0; i < RUNS; i++) same.push(await sheetJsWriteSame(page, base64));
  console.log(`[bench] SheetJS writing the cells of okr-grid's exported workbook (${exported.length} bytes; every sheet, formulas, compressed; median of ${RUNS}): ${median(same).toFixed(0)} ms  runs: ${same.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`[bench] SheetJS writing ${N} rows × 12 columns as .xlsx (median of ${RUNS}): ${median(sheetJs).toFixed(0)} ms  runs: ${sheetJs.map((x) => x.toFixed(0)).join(', ')}`);
});
