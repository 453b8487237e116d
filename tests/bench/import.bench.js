// Import speed in the browser: okr-grid reading and interpreting an .xlsx of N key results
// (through the real file input, timed by the app from file bytes to preview), against SheetJS
// parsing the same bytes in the same page. Prints medians; asserts nothing about time.
const fs = require('fs');
const path = require('path');
const { test, expect } = require('@playwright/test');

const { N, RUNS, file, median } = require('./common');

test(`import ${N} key results: okr-grid vs SheetJS`, async ({ page }) => {
  const bytes = fs.readFileSync(file);
  await page.goto('./');
  await expect(page.getByRole('grid')).toBeVisible();

  const okr = [];
  for (let i = 0; i < RUNS; i++) {
    await page.getByTestId('import-input').setInputFiles(file);
    const timing = page.getByTestId('import-timing');
    await expect(timing).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('import-summary')).toContainText(`${N} key results`);
    okr.push(Number((await timing.textContent()).match(/([\d.]+) ms/)[1]));
    await page.getByRole('button', { name: 'Cancel' }).click();
  }

  await page.addScriptTag({ path: require.resolve('xlsx/dist/xlsx.full.min.js') });
  const sheetjs = await page.evaluate(
    ({ b64, runs }) => {
      const raw = atob(b64);
      const data = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) data[i] = raw.charCodeAt(i);
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const wb = XLSX.read(data, { type: 'array' });
        // Read the cells too, as okr-grid does: a parse alone is not an import.
        XLSX.utils.sheet_to_json(wb.Sheets[wb.SheetNames[0]], { header: 1 });
        times.push(performance.now() - t0);
      }
      return times;
    },
    { b64: bytes.toString('base64'), runs: RUNS },
  );

  const a = median(okr);
  const b = median(sheetjs);
  console.log(`[bench] file: ${path.basename(file)}, ${bytes.length} bytes, ${N} key results, ${RUNS} runs`);
  console.log(`[bench] okr-grid read + interpret (median): ${a.toFixed(0)} ms  runs: ${okr.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`[bench] SheetJS read + sheet_to_json (median): ${b.toFixed(0)} ms  runs: ${sheetjs.map((x) => x.toFixed(0)).join(', ')}`);
  console.log(`[bench] ratio okr-grid / SheetJS: ${(a / b).toFixed(2)}`);
});
