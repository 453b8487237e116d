// Grid speed in the browser with a plan of N key results (the big fixture, imported):
// - keystroke → repainted: from the keydown (captured first on the window) to after the next
//   paint, for typing a value into Current and committing it with Enter (the key result and its
//   objective rescore);
// - scrolling through every row: frame times while the viewport scrolls from top to bottom;
// - paste of 1,000 rows (Excel text) below the last row, from the paste event to after the
//   next paint.
// Prints p50 / p95 / max; asserts nothing about time.
const { test, expect } = require('@playwright/test');
const { N, file, median } = require('./common');

const KEYSTROKES = Number(process.env.BENCH_KEYS || 40);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
};
const fmt = (xs) =>
  `p50 ${median(xs).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} samples)`;

test(`grid with ${N} key results: keystrokes, scrolling, paste of 1,000 rows`, async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await expect(page.getByRole('grid')).toBeVisible();
  await page.getByTestId('import-input').setInputFiles(file);
  await expect(page.getByTestId('import-summary')).toContainText(`${N} key results`, { timeout: 60_000 });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-preview')).toHaveCount(0, { timeout: 120_000 });
  const rowsInDom = await page.locator('tbody tr:not(.spacer)').count();

  // Keystroke latency, measured in the page.
  await page.evaluate(() => {
    window.__latency = [];
    window.addEventListener(
      'keydown',
      (e) => {
        const t0 = performance.now();
        const key = e.key;
        requestAnimationFrame(() => setTimeout(() => window.__latency.push([key, performance.now() - t0]), 0));
      },
      true,
    );
  });
  const current = page.locator('tr.kr-row').first().locator('[aria-colindex="7"]');
  const score = page.locator('tr.kr-row').first().locator('[aria-colindex="9"]');
  await current.click();
  for (let i = 0; i < KEYSTROKES; i++) {
    const value = String(100 + ((i * 37) % 101));
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
  }
  await expect(current).toHaveText(String(100 + (((KEYSTROKES - 1) * 37) % 101)));
  await expect(score).toContainText(((((KEYSTROKES - 1) * 37) % 101) / 100).toFixed(2));
  const latency = await page.evaluate(() => window.__latency);
  const commits = latency.filter(([k]) => k === 'Enter').map(([, t]) => t);
  const typing = latency.filter(([k]) => /^[0-9]$/.test(k)).map(([, t]) => t);
  const moves = latency.filter(([k]) => k === 'ArrowUp').map(([, t]) => t);

  // Scrolling through all rows, one step per frame.
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const v = document.querySelector('.grid-viewport');
        const times = [];
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          times.push(now - last);
          last = now;
          if (v.scrollTop + v.clientHeight >= v.scrollHeight - 1) return resolve(times);
          v.scrollTop += 1200;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
  );

  // Paste 1,000 rows of Excel text at the last row.
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const before = await page.getByRole('grid').getAttribute('aria-rowcount');
  const paste = await page.evaluate(() => {
    const lines = [];
    for (let i = 0; i < 1000; i++) lines.push(`Pasted key result ${i}\tnumber\tOwner ${i % 7}\t0\t1,000\t${i}`);
    const data = new DataTransfer();
    data.setData('text/plain', lines.join('\r\n') + '\r\n');
    const target = document.activeElement;
    return new Promise((resolve) => {
      const t0 = performance.now();
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    });
  });
  const after = await page.getByRole('grid').getAttribute('aria-rowcount');
  const message = await page.locator('.action-message').textContent();

  console.log(`[bench] ${N} key results, ${rowsInDom} rows in the DOM (virtualised), Chromium headless 1280×800`);
  console.log(`[bench] keystroke → painted, Enter commit + rescore: ${fmt(commits)}`);
  console.log(`[bench] keystroke → painted, typing a digit (opens the editor): ${fmt(typing)}`);
  console.log(`[bench] keystroke → painted, ArrowUp: ${fmt(moves)}`);
  console.log(`[bench] scrolling all rows: ${fmt(frames.slice(1))}, frames over 50 ms: ${frames.slice(1).filter((t) => t > 50).length}`);
  console.log(`[bench] paste of 1,000 rows (event → painted): ${paste.toFixed(0)} ms (${message.trim()})`);
  // The first line lands on the last row, the other 999 are new key results.
  expect(Number(after) - Number(before)).toBe(999);
});
