// Grid speed in the browser with a plan of N key results (the big fixture, imported):
// - keystroke: from the keydown (captured first on the window) to the end of its handling
//   (the keydown bubbling back to the window: the grid's update, reactive re-render and DOM
//   writes are synchronous), and to after the next paint; an idle key (Shift, which the grid
//   ignores) gives the baseline of waiting for the next frame;
// - scrolling through every row: frame times while the viewport scrolls from top to bottom
//   (after as many idle frames, which give the machine's own frame jitter, and 400 frames
//   scrolling 5 px back and forth, where no row changes: the browser's own cost of a frame),
//   BENCH_SCROLL_PX per frame (default 400 px, about 12 rows: 24,000 px/s, a fast fling);
// - paste of 1,000 rows (Excel text) below the last row, from the paste event to after the
//   next paint.
// Prints p50 / p95 / max; asserts nothing about time.
const { test, expect } = require('@playwright/test');
const { N, median, openBigPlan } = require('./common');

const KEYSTROKES = Number(process.env.BENCH_KEYS || 40);
const SCROLL_PX = Number(process.env.BENCH_SCROLL_PX || 400);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
};
const fmt = (xs) =>
  `p50 ${median(xs).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (${xs.length} samples)`;

test(`grid with ${N} key results: keystrokes, scrolling, paste of 1,000 rows`, async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openBigPlan(page);
  const rowsInDom = await page.locator('tbody tr:not(.spacer)').count();

  // Keystroke latency, measured in the page.
  await page.evaluate(() => {
    window.__latency = [];
    let t0 = 0;
    let handled = 0;
    window.addEventListener('keydown', () => { t0 = performance.now(); }, true);
    window.addEventListener('keydown', (e) => {
      handled = performance.now() - t0;
      const start = t0;
      const sync = handled;
      const key = e.key;
      requestAnimationFrame(() => setTimeout(() => window.__latency.push([key, sync, performance.now() - start]), 0));
    });
  });
  const current = page.locator('tr.kr-row').first().locator('[aria-colindex="7"]');
  const score = page.locator('tr.kr-row').first().locator('[aria-colindex="9"]');
  await current.click();
  for (let i = 0; i < KEYSTROKES; i++) {
    const value = String(100 + ((i * 37) % 101));
    await page.keyboard.type(value);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Shift');
  }
  await expect(current).toHaveText(String(100 + (((KEYSTROKES - 1) * 37) % 101)));
  await expect(score).toContainText(((((KEYSTROKES - 1) * 37) % 101) / 100).toFixed(2));
  const latency = await page.evaluate(() => window.__latency);
  const of = (test, i) => latency.filter(([k]) => test(k)).map((x) => x[i]);
  const isDigit = (k) => /^[0-9]$/.test(k);

  // Scrolling through all rows, one step per frame.
  // The same number of frames with nothing to do: the machine's own frame jitter.
  const idleFrames = await page.evaluate(
    (count) =>
      new Promise((resolve) => {
        const times = [];
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          times.push(now - last);
          last = now;
          if (times.length > count) return resolve(times);
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    1062,
  );
  // Scrolling 5 px back and forth: no row enters or leaves, so this is the browser's own
  // cost of a scrolled frame (layout, paint, raster) on this machine.
  const jiggleFrames = await page.evaluate(
    (count) =>
      new Promise((resolve) => {
        const v = document.querySelector('.grid-viewport');
        v.scrollTop = 3400;
        const times = [];
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          times.push(now - last);
          last = now;
          if (times.length > count) return resolve(times);
          v.scrollTop += times.length % 2 ? 5 : -5;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    400,
  );
  await page.evaluate(() => { document.querySelector('.grid-viewport').scrollTop = 0; });
  const frames = await page.evaluate(
    (scrollPx) =>
      new Promise((resolve) => {
        const v = document.querySelector('.grid-viewport');
        const times = [];
        let last = performance.now();
        const step = () => {
          const now = performance.now();
          times.push(now - last);
          last = now;
          if (v.scrollTop + v.clientHeight >= v.scrollHeight - 1) return resolve(times);
          v.scrollTop += scrollPx;
          requestAnimationFrame(step);
        };
        requestAnimationFrame(step);
      }),
    SCROLL_PX,
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
  for (const [label, test] of [
    ['Enter (commit, rescore key result and objective)', (k) => k === 'Enter'],
    ['a digit (opens the editor)', isDigit],
    ['ArrowUp (moves the active cell)', (k) => k === 'ArrowUp'],
    ['Shift (ignored: the frame-wait baseline)', (k) => k === 'Shift'],
  ]) {
    console.log(`[bench] keystroke ${label}: handled ${fmt(of(test, 1))}; painted ${fmt(of(test, 2))}`);
  }
  console.log(`[bench] idle frames (nothing changes), the baseline: ${fmt(idleFrames.slice(1))}, frames over 50 ms: ${idleFrames.slice(1).filter((t) => t > 50).length}`);
  console.log(`[bench] scrolling 5 px back and forth (no row changes), the scrolling baseline: ${fmt(jiggleFrames.slice(1))}, frames over 50 ms: ${jiggleFrames.slice(1).filter((t) => t > 50).length}`);
  console.log(`[bench] scrolling all rows, ${SCROLL_PX} px per frame: ${fmt(frames.slice(1))}, frames over 50 ms: ${frames.slice(1).filter((t) => t > 50).length}`);
  console.log(`[bench] paste of 1,000 rows (event → painted): ${paste.toFixed(0)} ms (${message.trim()})`);
  // The first line lands on the last row, the other 999 are new key results.
  expect(Number(after) - Number(before)).toBe(999);
});
