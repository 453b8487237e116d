// Key results beyond numbers, and reading the plan as a tree: a milestone with ordered steps,
// a unit, a source link (only http/https/mailto made clickable), folding objectives in the
// grid, pace marks and sparklines, and the alignment tree. Today is fixed with Playwright's
// clock (the example plan's quarter is Q4 2026).
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

const KR1 = 'Grow marketing-qualified leads';
const REPORT = 'Publish the 2026 industry benchmark report';
const O1 = 'Build a predictable pipeline of qualified leads';
const O2 = 'Make our brand the one buyers remember';
const O3 = 'Turn content into a growth engine';

test('a milestone counts its steps; a unit follows amounts; only safe links open; kept on reload', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T09:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  const details = page.getByTestId('details');

  // A binary key result becomes a milestone with four steps.
  await okr.editCell(REPORT, 'type', 'milestone');
  await expect(okr.cell(REPORT, 'type')).toHaveText('milestone');
  await okr.select(REPORT);
  const steps = details.getByTestId('steps');
  for (const step of ['Outline', 'Survey', 'Draft', 'Launch']) {
    await details.getByTestId('step-input').fill(step);
    await details.getByTestId('add-step').click();
  }
  await expect(steps.locator('li')).toHaveCount(4);
  await expect(okr.cell(REPORT, 'start')).toHaveText('0');
  await expect(okr.cell(REPORT, 'target')).toHaveText('4');
  await expect(okr.cell(REPORT, 'current')).toHaveText('0');
  await details.getByLabel('Done: Survey').check();
  await expect(okr.cell(REPORT, 'current')).toHaveText('1');
  await expect(okr.cell(REPORT, 'score')).toHaveText(/^0\.25/);
  // Typing Current ticks the first open steps, in order.
  await okr.editCell(REPORT, 'current', '3');
  // Enter moved down a row (as in Excel): back to the milestone for its panel.
  await okr.select(REPORT);
  await expect(details.getByRole('heading', { name: 'Steps (3 of 4 done)' })).toBeVisible();
  await expect(details.getByLabel('Done: Outline')).toBeChecked();
  await expect(details.getByLabel('Done: Draft')).toBeChecked();
  await expect(details.getByLabel('Done: Launch')).not.toBeChecked();
  await expect(okr.cell(REPORT, 'score')).toHaveText(/^0\.75/);
  // The range comes from the steps: a typed target is refused with the reason.
  await okr.cell(REPORT, 'target').dblclick();
  await okr.editor().fill('10');
  await okr.editor().press('Enter');
  await expect(page.getByText(/A milestone runs from 0 to its 4 steps/).first()).toBeVisible();
  await okr.editor().press('Escape');
  await expect(okr.cell(REPORT, 'target')).toHaveText('4');
  await okr.select(REPORT);
  await page.keyboard.press('Control+z');
  await expect(okr.cell(REPORT, 'current')).toHaveText('1');
  // Steps can be reordered: Launch moves above Draft.
  await details.getByRole('button', { name: 'Move the step “Launch” up' }).click();
  await expect(steps.locator('li').nth(2)).toContainText('Launch');

  // A unit: shown after the values, accepted when typed.
  await okr.select(KR1);
  await details.getByTestId('kr-unit').fill('leads');
  await details.getByTestId('kr-unit').press('Enter');
  await expect(okr.cell(KR1, 'current')).toHaveText('520 leads');
  await expect(okr.cell(KR1, 'target')).toHaveText('650 leads');
  await okr.editCell(KR1, 'current', '560 leads');
  await expect(okr.cell(KR1, 'current')).toHaveText('560 leads');
  await okr.select(KR1);

  // A source link: a javascript: link stays text; an https one opens in a new tab.
  const link = details.getByTestId('kr-link');
  await link.fill('javascript:alert(1)');
  await link.press('Enter');
  await expect(details.getByTestId('kr-link-open')).toHaveText('javascript:alert(1)');
  await expect(details.getByRole('link')).toHaveCount(0);
  await link.fill('https://crm.example.com/report?id=4');
  await link.press('Enter');
  const open = details.getByRole('link', { name: 'https://crm.example.com/report?id=4' });
  await expect(open).toHaveAttribute('href', 'https://crm.example.com/report?id=4');
  await expect(open).toHaveAttribute('rel', /noopener/);

  await okr.waitSaved('"unit":"leads"');
  await page.reload();
  await expect(okr.cell(KR1, 'current')).toHaveText('560 leads');
  await expect(okr.cell(REPORT, 'type')).toHaveText('milestone');
  await expect(okr.cell(REPORT, 'target')).toHaveText('4');
  await okr.select(REPORT);
  await expect(details.getByTestId('steps').locator('li')).toHaveText([/Outline/, /Survey/, /Launch/, /Draft/]);
  await expect(details.getByLabel('Done: Survey')).toBeChecked();
});

test('objectives fold in the grid; pace marks and sparklines; the alignment tree', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T09:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  const details = page.getByTestId('details');

  // The fold toggle in the row header hides an objective's key results.
  const toggle = page.getByRole('button', { name: `Hide the 3 key results of “${O1}”` });
  await toggle.click();
  await expect(okr.row(KR1)).toHaveCount(0);
  const unfold = page.getByRole('button', { name: `Show the 3 key results of “${O1}”` });
  await expect(unfold).toHaveAttribute('aria-expanded', 'false');
  await unfold.click();
  await expect(okr.row(KR1)).toHaveCount(1);

  // Keys: Alt+Shift+− folds the active row's objective and moves the cursor to it; arrows
  // skip the folded rows; Alt+Shift+= unfolds.
  await okr.select(KR1);
  await page.keyboard.press('Alt+Shift+Minus');
  await expect(okr.row(KR1)).toHaveCount(0);
  await expect(okr.cell(O1, 'owner')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(okr.cell(O2, 'owner').first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Alt+Shift+Equal');
  await expect(okr.row(KR1)).toHaveCount(1);
  await page.getByTestId('fold-all').click();
  await expect(okr.grid.getByRole('row')).toHaveCount(4);
  await page.getByTestId('unfold-all').click();
  await expect(okr.row(KR1)).toHaveCount(1);

  // Pace against 23 Nov (59 % of Q4 gone): 400 → 650 at 500 is behind, at 650 ahead.
  await okr.editCell(KR1, 'current', '500');
  await expect(okr.cell(KR1, 'score').locator('.pace-mark')).toHaveAttribute('title', 'Pace: behind pace');
  await okr.editCell(KR1, 'current', '650');
  await expect(okr.cell(KR1, 'score').locator('.pace-mark')).toHaveAttribute('title', 'Pace: ahead of pace');

  // The example's weekly check-ins draw a sparkline in the Current cell; two check-ins draw
  // one where there was none.
  await expect(okr.cell(KR1, 'current').locator('svg.sparkline polyline')).toHaveAttribute('points', /^(\S+ ){3}\S+$/);
  const organic = 'Grow organic traffic';
  await okr.select(organic);
  await expect(okr.cell(organic, 'current').locator('svg.sparkline')).toHaveCount(0);
  for (const [day, value] of [['2026-11-02', '45000'], ['2026-11-16', '52000']]) {
    await details.getByLabel('Check-in date', { exact: true }).fill(day);
    await details.getByTestId('checkin-value').fill(value);
    await details.getByRole('button', { name: 'Check in' }).click();
  }
  await expect(okr.cell(organic, 'current')).toHaveText('52,000');
  await expect(okr.cell(organic, 'current').locator('svg.sparkline polyline')).toHaveAttribute('points', /^\S+ \S+$/);

  // Align the brand and content objectives under the pipeline one; the tree nests them.
  for (const title of [O2, O3]) {
    await okr.select(title, 'objective');
    await details.getByLabel('Aligned to', { exact: true }).selectOption({ label: `${O1} (2026-Q4)` });
  }
  await page.getByTestId('tree-toggle').click();
  const tree = page.getByTestId('alignment-tree');
  await expect(tree.locator('li')).toHaveCount(3);
  await expect(tree.locator('li').nth(0)).toHaveAttribute('data-depth', '0');
  await expect(tree.locator('li').nth(0)).toContainText(O1);
  await expect(tree.locator('li').nth(1)).toHaveAttribute('data-depth', '1');
  await expect(tree.locator('li').nth(0)).toContainText('Marketing · 2026-Q4');
  await tree.getByRole('button', { name: `Hide the objectives aligned to “${O1}”` }).click();
  await expect(tree.locator('li')).toHaveCount(1);
  await tree.getByRole('button', { name: `Show the objectives aligned to “${O1}”` }).click();
  await expect(tree.locator('li')).toHaveCount(3);
  await tree.getByRole('button', { name: `Select “${O3}” in the grid` }).click();
  await expect(details.getByRole('heading', { name: `Objective: ${O3}` })).toBeVisible();
});
