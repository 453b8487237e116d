// The backlog of candidate objectives: ICE scores, sort, stack ranking by keyboard and by
// dragging, promote into the period shown; saved, undoable and exported.
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

test('ICE backlog: score, sort, rank by keyboard and drag, promote, undo, kept on reload', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('backlog-toggle').click();
  const backlog = page.getByTestId('backlog');
  const add = async (title, [i, c, e]) => {
    await page.getByTestId('candidate-input').fill(title);
    await page.getByTestId('candidate-input').press('Enter');
    await backlog.getByLabel(`Impact of “${title}”`).fill(String(i));
    await backlog.getByLabel(`Impact of “${title}”`).press('Tab');
    await backlog.getByLabel(`Confidence of “${title}”`).fill(String(c));
    await backlog.getByLabel(`Confidence of “${title}”`).press('Tab');
    await backlog.getByLabel(`Ease of “${title}”`).fill(String(e));
    await backlog.getByLabel(`Ease of “${title}”`).press('Tab');
  };
  await add('Enter the German market', [8, 5, 3]); // 120
  await add('Launch a partner programme', [9, 8, 7]); // 504
  await add('Rebuild the pricing page', [2, 3, 4]); // 24
  const titles = () => backlog.locator('.candidate-title').evaluateAll((els) => els.map((e) => e.value));
  await expect(backlog.getByTestId('ice-score')).toHaveText(['120', '504', '24']);
  await expect(page.getByTestId('backlog-count')).toHaveText('3');

  // Out of the scale: refused with a message, the stored value shown again.
  await backlog.getByLabel('Ease of “Rebuild the pricing page”').fill('11');
  await backlog.getByLabel('Ease of “Rebuild the pricing page”').press('Tab');
  await expect(page.getByRole('status')).toContainText('Ease is a whole number from 1 to 10 (got “11”)');
  await expect(backlog.getByLabel('Ease of “Rebuild the pricing page”')).toHaveValue('4');

  await page.getByTestId('sort-ice').click();
  await expect.poll(titles).toEqual(['Launch a partner programme', 'Enter the German market', 'Rebuild the pricing page']);
  await page.getByRole('toolbar').getByRole('button', { name: 'Undo' }).click();
  await expect.poll(titles).toEqual(['Enter the German market', 'Launch a partner programme', 'Rebuild the pricing page']);

  // Keyboard stack ranking: Alt+↓ on a rank moves it and keeps the focus on it.
  const rank = (title) => backlog.getByRole('button', { name: new RegExp(`^Rank \\d of the backlog: “${title}”`) });
  await rank('Enter the German market').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(titles).toEqual(['Launch a partner programme', 'Enter the German market', 'Rebuild the pricing page']);
  await expect(rank('Enter the German market')).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(titles).toEqual(['Launch a partner programme', 'Rebuild the pricing page', 'Enter the German market']);

  // Drag the last row to the top.
  await backlog.locator('tr[data-candidate]').nth(2).dragTo(backlog.locator('tr[data-candidate]').nth(0));
  await expect.poll(titles).toEqual(['Enter the German market', 'Launch a partner programme', 'Rebuild the pricing page']);

  // Promote into the period shown: an objective of 2026-Q4 with the candidate's title.
  await page.getByTestId('filter-period').selectOption({ label: '2026-Q4' });
  await backlog.getByRole('button', { name: 'Promote “Launch a partner programme” to 2026-Q4' }).click();
  await expect(okr.row('Launch a partner programme')).toHaveCount(1);
  await expect(page.getByTestId('backlog-count')).toHaveText('2');
  await okr.waitSaved('Launch a partner programme');
  const stored = JSON.parse(await okr.storedPlan()).plan;
  expect(stored.objectives.at(-1)).toMatchObject({ title: 'Launch a partner programme', period: '2026-Q4' });
  expect(stored.backlog.map((c) => [c.title, c.impact, c.confidence, c.ease])).toEqual([
    ['Enter the German market', 8, 5, 3],
    ['Rebuild the pricing page', 2, 3, 4],
  ]);
  // One undo puts it back in the backlog and takes the objective away.
  await page.getByRole('toolbar').getByRole('button', { name: 'Undo' }).click();
  await expect(okr.row('Launch a partner programme')).toHaveCount(0);
  await expect(page.getByTestId('backlog-count')).toHaveText('3');

  await okr.waitSaved('"backlog"');
  await page.reload();
  await page.getByTestId('backlog-toggle').click();
  await expect.poll(titles).toEqual(['Enter the German market', 'Launch a partner programme', 'Rebuild the pricing page']);
});
