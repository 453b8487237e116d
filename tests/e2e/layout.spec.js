// Long Italian and Spanish labels and Chinese text must not break the layout at projector
// sizes: nothing overflows the page sideways; screenshots are kept with the test results.
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
  test(`no sideways overflow in it, es and zh-Hans at ${size.width}×${size.height}`, async ({ page }, testInfo) => {
    await page.setViewportSize(size);
    const okr = new OkrPage(page);
    await okr.open();
    for (const lang of ['it', 'es', 'zh-Hans']) {
      await page.getByTestId('language-switcher').selectOption(lang);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await page.getByTestId('backlog-toggle').click();
      const overflow = await page.evaluate(() => {
        const wide = [...document.querySelectorAll('.app-header, .toolbar, .filter-bar, .scoring-rule, .plan-summary')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => e.className);
        return { page: document.documentElement.scrollWidth - window.innerWidth, wide };
      });
      expect(overflow.page, `${lang}: the page scrolls sideways`).toBeLessThanOrEqual(0);
      expect(overflow.wide, `${lang}: clipped rows of controls`).toEqual([]);
      // In the grid: every status badge shows at least its glyph and first word, and every
      // row's Delete button is inside its cell (long labels must not push them out).
      // (An ellipsis cuts inline text where the cell ends but drops an inline block whole.)
      const hidden = await page.evaluate(() => {
        const out = [];
        const end = (el) => {
          const td = el.closest('td');
          return td.getBoundingClientRect().right - parseFloat(getComputedStyle(td).paddingRight);
        };
        for (const badge of document.querySelectorAll('.okr-grid td .badge')) {
          const box = badge.getClientRects()[0];
          const whole = getComputedStyle(badge).display !== 'inline';
          if (!box || (whole ? box.right > end(badge) + 0.5 : box.left + 24 > end(badge))) {
            out.push(`badge “${badge.textContent}”`);
          }
        }
        for (const button of document.querySelectorAll('.okr-grid td.actions .row-button')) {
          if (button.getBoundingClientRect().right > end(button) + 0.5) out.push(`button “${button.textContent}”`);
        }
        return out;
      });
      expect(hidden, `${lang}: cut off in the grid`).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`${lang}-${size.width}x${size.height}.png`) });
      await page.getByTestId('backlog-toggle').click();
    }
  });
}
