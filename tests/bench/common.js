// Shared by the benchmarks: the plan size, the number of runs, the big fixture, the median and
// the build being served (BENCH_DIST, default dist/: see playwright.bench.config.js).
const path = require('path');
const { expect } = require('@playwright/test');

const N = Number(process.env.BENCH_KRS || 10000);
const RUNS = Number(process.env.BENCH_RUNS || 7);
const file = path.join(__dirname, '..', '..', 'target', 'bench', `big-${N}.xlsx`);
const distDir = path.resolve(__dirname, '..', '..', process.env.BENCH_DIST || 'dist');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Opens the app and imports the big fixture into it (replacing the example). */
async function openBigPlan(page) {
  await page.goto('./');
  await expect(page.getByRole('grid')).toBeVisible();
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('import-summary')).toContainText(`${N} key results`, { timeout: 60_000 });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0, { timeout: 120_000 });
}

module.exports = { N, RUNS, file, distDir, median, openBigPlan };
