// Export speed in the browser: a plan of N key results (imported from the big fixture) exported
// through the real buttons. The click handler builds the file and starts the download
// synchronously, so the time around `click()` in the page is the whole export. Prints medians;
// asserts nothing about time.
const { test, expect } = require('@playwright/test');

const { N, RUNS, median, openBigPlan } = require('./common');

async function timeExport(page, testId) {
  const downloading = page.waitForEvent('download');
  const ms = await page.evaluate((id) => {
    const button = document.querySelector(`[data-testid="${id}"]`);
    const t0 = performance.now();
    button.click();
    return performance.now() - t0;
  }, testId);
  const download = await downloading;
  const size = (await download.createReadStream()).readableLength;
  return { ms, name: download.suggestedFilename(), size };
}

test(`export ${N} key results as .xlsx and CSV`, async ({ page }) => {
  await openBigPlan(page);

  for (const [label, id] of [['xlsx', 'export-button'], ['CSV', 'export-csv-button']]) {
    const runs = [];
    let last;
    for (let i = 0; i < RUNS; i++) {
      last = await timeExport(page, id);
      runs.push(last.ms);
    }
    console.log(`[bench] export ${label}, ${N} key results (median of ${RUNS}): ${median(runs).toFixed(0)} ms  runs: ${runs.map((x) => x.toFixed(0)).join(', ')}  file: ${last.name}`);
  }
});
