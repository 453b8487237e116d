// Several plans in one browser, and two tabs on the same plan.
const { test, expect } = require('@playwright/test');
const { OkrPage, PLAN_KEY, planMenuItem, storedText, storedSmallText, storedPlanKeys } = require('./okr-page');

const INDEX_KEY = 'okr-grid/v1/plans';

test('create, rename, duplicate, switch and delete plans; the last opened reopens; delete undoes', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const switcher = page.getByRole('combobox', { name: 'Plan', exact: true });
  const planName = page.getByRole('textbox', { name: 'Plan name' });
  await expect(switcher).toHaveCount(1);
  await expect(switcher.locator('option')).toHaveCount(1);
  // The menu's items are drawn while it is open (their code comes with its first opening).
  await expect(await planMenuItem(page, 'plan-delete')).toBeDisabled();

  // A new, empty plan beside the example; rename it in the name field.
  await (await planMenuItem(page, 'plan-create')).click();
  await expect(okr.grid.locator('tr.objective-row')).toHaveCount(0);
  await expect(planName).toHaveValue('My plan');
  await planName.fill('Sales Q1');
  await planName.press('Enter');
  await page.getByRole('toolbar', { name: 'Plan actions' }).getByRole('button', { name: 'Add objective' }).click();
  await page.keyboard.type('Open two new regions');
  await page.keyboard.press('Enter');
  await expect(switcher.locator('option')).toHaveText([/example/, 'Sales Q1']);
  await expect.poll(async () => (await storedSmallText(page, INDEX_KEY)) || '').toContain('Sales Q1');

  // The example is still there, unchanged, under the first key.
  await switcher.selectOption({ label: 'Marketing — Q4 2026 (example)' });
  await expect(okr.grid.locator('tr.objective-row')).toHaveCount(3);
  await expect(okr.row('Open two new regions')).toHaveCount(0);
  expect(await okr.storedPlan()).toContain('Build a predictable pipeline');

  // Duplicate the example: a third plan, named as a copy, with the same rows.
  await (await planMenuItem(page, 'plan-duplicate')).click();
  await expect(planName).toHaveValue('Marketing — Q4 2026 (example) (copy)');
  await expect(okr.grid.locator('tr.objective-row')).toHaveCount(3);
  await expect(switcher.locator('option')).toHaveCount(3);

  // Reload: the plan opened last (the copy) reopens.
  await okr.waitSaved('Build a predictable pipeline');
  await page.reload();
  await expect(okr.grid).toBeVisible();
  await expect(planName).toHaveValue('Marketing — Q4 2026 (example) (copy)');

  // Delete it: another plan opens; Undo delete brings it back, with its storage.
  await switcher.selectOption({ label: 'Sales Q1' });
  await expect(okr.row('Open two new regions')).toHaveCount(1);
  await (await planMenuItem(page, 'plan-delete')).click();
  await expect(page.getByRole('status')).toContainText('Deleted the plan “Sales Q1”.');
  await expect(switcher.locator('option')).toHaveCount(2);
  await expect(okr.row('Open two new regions')).toHaveCount(0);
  await expect
    .poll(async () => (await storedPlanKeys(page)).filter((k) => k.startsWith('okr-grid/v1/plan-')))
    .toHaveLength(1);
  await page.getByRole('button', { name: 'Undo delete' }).click();
  await expect(okr.row('Open two new regions')).toHaveCount(1);
  await expect(planName).toHaveValue('Sales Q1');
  await expect(switcher.locator('option')).toHaveCount(3);
  // Undo delete writes the plan back in a task of its own: the reload comes once it is stored.
  await expect
    .poll(async () => (await storedPlanKeys(page)).filter((k) => k.startsWith('okr-grid/v1/plan-')))
    .toHaveLength(2);
  await expect(okr.saveStatus).toHaveText('Saved');
  await page.reload();
  await expect(okr.row('Open two new regions')).toHaveCount(1);
});

test('two tabs: a save in one shows in the other for the same plan, never for another plan', async ({ context }) => {
  const a = await context.newPage();
  const okrA = new OkrPage(a);
  await okrA.open();
  const b = await context.newPage();
  const okrB = new OkrPage(b);
  await okrB.open();

  await okrA.editCell('Earn 12 pieces of press coverage', 'current', '11');
  await okrA.waitSaved('"current":11');
  // Tab B was showing the same plan: it now shows A's version and says why.
  await expect(okrB.cell('Earn 12 pieces of press coverage', 'current')).toHaveText('11');
  await expect(b.getByRole('status').filter({ hasText: 'changed in another tab' })).toBeVisible();
  // B's next edit keeps A's change instead of overwriting it.
  await okrB.editCell('Lift net promoter score from -20 to 10', 'current', '0');
  await okrB.waitSaved('"current":0');
  const stored = JSON.parse(await okrB.storedPlan()).plan.objectives;
  const krs = stored.flatMap((o) => o.key_results);
  expect(krs.find((k) => k.title === 'Earn 12 pieces of press coverage').current).toBe(11);
  await expect(okrA.cell('Lift net promoter score from -20 to 10', 'current')).toHaveText('0');

  // B opens a new plan: A's edits to the example no longer touch B, and B's plan shows in A's menu.
  await (await planMenuItem(b, 'plan-create')).click();
  await expect(okrB.grid.locator('tr.objective-row')).toHaveCount(0);
  await expect(a.getByRole('combobox', { name: 'Plan', exact: true }).locator('option')).toHaveCount(2);
  await okrA.editCell('Earn 12 pieces of press coverage', 'current', '12');
  await okrA.waitSaved('"current":12');
  await expect.poll(() => storedText(b, PLAN_KEY)).toContain('"current":12');
  await expect(okrB.grid.locator('tr.objective-row')).toHaveCount(0);
  await expect(b.getByRole('textbox', { name: 'Plan name' })).toHaveValue('My plan');
});

test('the plan menu holds new, duplicate, delete, import, export and share; a choice, Escape or a click elsewhere closes it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const okr = new OkrPage(page);
  await okr.open();
  const toggle = page.getByTestId('plan-menu');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('export-button')).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  for (const id of ['plan-create', 'plan-duplicate', 'plan-delete', 'export-button', 'export-csv-button', 'share-button']) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await page.screenshot({ path: test.info().outputPath('plan-menu.png') });
  // One way to start a plan: the menu's "Create plan" (the example's banner offers to start
  // empty); the toolbar has no second "New plan".
  await expect(page.getByRole('toolbar', { name: 'Plan actions' }).getByRole('button', { name: 'New plan' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  await toggle.click();
  await okr.cell('Grow marketing', 'owner').click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await (await planMenuItem(page, 'plan-duplicate')).click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('plan-switcher').locator('option')).toHaveCount(2);
});
