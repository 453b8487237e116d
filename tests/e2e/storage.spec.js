// Plans in the browser's database (IndexedDB): the move from local storage, version history,
// two tabs typing at once, a plan a newer build saved, a page killed during a save, and a
// company-size plan reloaded.
const path = require('path');
const { test, expect } = require('@playwright/test');
const {
  OkrPage, PLAN_KEY, planMenuItem, storedText, storedSmallText, putStoredPlan, putBigPlan,
} = require('./okr-page');

const KR1 = 'Grow marketing-qualified leads per month from 400 to 650';
const KR2 = 'Earn 12 pieces of press coverage';
const fixture = (name) => path.join(__dirname, '..', 'fixtures', name);

/** What an older build kept in local storage: two plans, the index, a setting. */
async function seedLocalStorage(page) {
  // A page of the same origin where the app does not run.
  await page.goto('./manifest.webmanifest');
  await page.evaluate(() => {
    const plan = (name, title) => JSON.stringify({
      schema_version: 2,
      plan: {
        name,
        next_id: 10,
        objectives: [{
          id: 1, title, owner: '', team: '', period: '', weight: 1,
          key_results: [{ id: 2, title: `${title}, measured`, kind: 'number', start: 0, target: 10, current: 4, weight: 1 }],
        }],
      },
    });
    localStorage.setItem('okr-grid/v1/plan', plan('Older plan', 'Kept from the older build'));
    localStorage.setItem('okr-grid/v1/plan-2', plan('Second', 'The second plan'));
    localStorage.setItem('okr-grid/v1/plans', JSON.stringify({
      plans: [{ key: 'okr-grid/v1/plan', name: 'Older plan' }, { key: 'okr-grid/v1/plan-2', name: 'Second' }],
      last: 'okr-grid/v1/plan',
      next: 3,
    }));
    localStorage.setItem('okr-grid/v1/zoom', '150');
  });
}

const localKeys = (page) => page.evaluate(() => Object.keys(localStorage).sort());

test('plans an older build kept in local storage move to the database once, checked; settings stay', async ({ page }) => {
  await seedLocalStorage(page);
  const okr = new OkrPage(page);
  await okr.open();
  await expect(okr.row('Kept from the older build, measured')).toHaveCount(1);
  await expect(page.getByTestId('plan-switcher').locator('option')).toHaveText(['Older plan', 'Second']);
  await expect(page.getByTestId('startup-alert')).toHaveCount(0);
  expect(await localKeys(page)).toEqual(['okr-grid/v1/zoom']);
  await expect(page.getByTestId('zoom-level')).toHaveText('150 %');
  expect(await storedText(page, 'okr-grid/v1/plan-2')).toContain('The second plan');

  await okr.editCell('Kept from the older build, measured', 'current', '7');
  await okr.waitSaved('"current":7.0');
  await page.reload();
  await expect(okr.cell('Kept from the older build, measured', 'current')).toHaveText('7');
  expect(await localKeys(page)).toEqual(['okr-grid/v1/zoom']);
});

test('a move that fails leaves local storage as it was, says so, and saves nothing', async ({ page }) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      if (this.name === 'plans') throw new DOMException('The disk failed.', 'UnknownError');
      return put.apply(this, args);
    };
  });
  await seedLocalStorage(page);
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const okr = new OkrPage(page);
  await okr.open();
  await expect(page.getByTestId('startup-alert')).toContainText('could not be moved to this browser');
  await expect(page.getByTestId('startup-alert')).toContainText('The disk failed.');
  await expect(okr.row('Kept from the older build, measured')).toHaveCount(1);
  await expect(okr.saveStatus).toHaveText('Not saved: saving is off');
  await okr.editCell('Kept from the older build, measured', 'current', '9');
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);
});

test.describe('the move\'s code', () => {
  // The service worker would answer from its cache, out of the route's sight.
  test.use({ serviceWorkers: 'block' });

  test('a move whose code cannot be fetched leaves local storage as it was, is said, saves nothing; the next start moves it', async ({ page }) => {
    // The move is in the `startup` part, fetched at start only when local storage holds
    // something to move.
    let refuse = true;
    await page.route(/\/split_startup-[0-9a-f]{16}\.wasm$/, (route) => (refuse ? route.abort() : route.continue()));
    await seedLocalStorage(page);
    const before = await page.evaluate(() => JSON.stringify(localStorage));
    const okr = new OkrPage(page);
    await okr.open();
    // The start-up alert is drawn by that part too: what shows is that it could not come.
    await expect(page.getByTestId('part-not-loaded')).toContainText('could not be loaded');
    await expect(okr.row('Kept from the older build, measured')).toHaveCount(1);
    await expect(okr.saveStatus).toHaveText('Not saved: saving is off');
    await okr.editCell('Kept from the older build, measured', 'current', '9');
    expect(await page.evaluate(() => JSON.stringify(localStorage))).toBe(before);

    refuse = false;
    await page.reload();
    await expect(okr.row('Kept from the older build, measured')).toHaveCount(1);
    await expect(page.getByTestId('startup-alert')).toHaveCount(0);
    await expect(page.getByTestId('part-not-loaded')).toHaveCount(0);
    expect(await localKeys(page)).toEqual(['okr-grid/v1/zoom']);
    expect(await storedText(page, 'okr-grid/v1/plan-2')).toContain('The second plan');
  });
});

test('versions: kept before a replace and a delete, restored over the plan with one undo, or opened as a plan', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.editCell(KR1, 'current', '610');
  await okr.waitSaved('"current":610.0');

  // Replace the plan with an import: a version of it is kept first.
  await page.getByTestId('import-input').setInputFiles(fixture('marketing-template.xlsx'));
  await page.getByTestId('import-mode').selectOption('replace');
  await page.getByTestId('import-confirm').click();
  await expect(okr.row('Grow MQLs per month')).toHaveCount(1);
  await okr.waitSaved('Grow MQLs per month');

  await (await planMenuItem(page, 'versions')).click();
  const panel = page.getByTestId('versions-panel');
  await expect(panel).toBeVisible();
  const replaced = panel.getByTestId('version').filter({ hasText: 'Before a replace' });
  await expect(replaced).toHaveCount(1);
  await expect(replaced).toContainText('3 objectives · 9 key results');
  await replaced.getByTestId('version-restore').click();
  await expect(okr.cell(KR1, 'current')).toHaveText('610');
  await expect(okr.row('Grow MQLs per month')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Restored the version of');
  // One undo brings back what the restore replaced.
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(okr.row('Grow MQLs per month')).toHaveCount(1);

  // After a reload the versions are still there; one opens as a plan of its own.
  await okr.waitSaved('Grow MQLs per month');
  await page.reload();
  await (await planMenuItem(page, 'versions')).click();
  await expect(panel.getByTestId('version').filter({ hasText: 'Before restoring a version' })).toHaveCount(1);
  await panel.getByTestId('version').filter({ hasText: 'Before a replace' }).getByTestId('version-open').click();
  await expect(page.getByRole('textbox', { name: 'Plan name' })).toHaveValue(/\(version of .+\)$/);
  await expect(okr.cell(KR1, 'current')).toHaveText('610');
  await expect(page.getByTestId('plan-switcher').locator('option')).toHaveCount(2);

  // Delete that plan: it is listed among deleted plans' versions and comes back from there.
  await (await planMenuItem(page, 'plan-delete')).click();
  await expect(page.getByTestId('plan-switcher').locator('option')).toHaveCount(1);
  await (await planMenuItem(page, 'versions')).click();
  const deleted = panel.getByTestId('versions-deleted').getByTestId('version').filter({ hasText: 'Before deleting the plan' });
  await expect(deleted).toHaveCount(1);
  await expect(deleted.getByTestId('version-restore')).toHaveCount(0);
  await deleted.getByTestId('version-open').click();
  await expect(okr.cell(KR1, 'current')).toHaveText('610');
  await expect(page.getByTestId('plan-switcher').locator('option')).toHaveCount(2);

  // The plan menu says how much room the browser gives.
  await page.getByTestId('plan-menu').click();
  await expect(page.getByTestId('storage-estimate')).toContainText(/Storage: .+ used of .+/);
});

test('two tabs typing at once: the tab that is behind keeps its edits as a version and shows the newer plan', async ({ context }) => {
  const a = new OkrPage(await context.newPage());
  const bPage = await context.newPage();
  // Tab B does not hear of A's save (as when both type within the same moment): only the
  // revision checked inside B's write stands between B and A's work.
  await bPage.addInitScript(() => {
    Object.defineProperty(BroadcastChannel.prototype, 'onmessage', { set() {}, get() { return null; } });
  });
  const b = new OkrPage(bPage);
  await a.open();
  await b.open();

  await a.editCell(KR1, 'current', '612');
  await a.waitSaved('"current":612.0');
  await expect(b.cell(KR1, 'current')).toHaveText('520');
  await b.editCell(KR2, 'current', '11');
  // B's save finds A's newer revision: nothing of B is written over it…
  await expect(bPage.getByRole('status')).toContainText('saved in another tab while you were editing here');
  await expect(b.cell(KR1, 'current')).toHaveText('612');
  await expect(b.cell(KR2, 'current')).toHaveText('9');
  const stored = JSON.parse(await storedText(a.page, PLAN_KEY)).plan.objectives.flatMap((o) => o.key_results);
  expect(stored.find((k) => k.title === KR1).current).toBe(612);
  expect(stored.find((k) => k.title === KR2).current).toBe(9);
  // … and B's edit is kept as a version, which opens as a plan.
  await (await planMenuItem(bPage, 'versions')).click();
  const kept = bPage.getByTestId('version').filter({ hasText: 'Edits from this tab' });
  await expect(kept).toHaveCount(1);
  await kept.getByTestId('version-open').click();
  await expect(b.cell(KR2, 'current')).toHaveText('11');
});

test('a plan a newer build saved opens read-only with its fields kept; the other plans stay at hand', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const objective = {
    id: 1, title: 'From the future', owner: '', team: '', period: '', weight: 1,
    key_results: [{ id: 2, title: 'Forecast me', kind: 'number', start: 0, target: 10, current: 5, weight: 1, forecast: { model: 'bayes' } }],
  };
  await putStoredPlan(page, PLAN_KEY, {
    plan: JSON.stringify({ name: 'Newer', next_id: 10, review_cadence: 'weekly' }),
    name: 'Newer',
    order: [1],
    records: { 1: JSON.stringify(objective) },
  });
  await page.reload();
  const alert = page.getByTestId('startup-alert');
  await expect(alert).toContainText('saved by a newer version of okr-grid');
  await expect(alert).toContainText('plan.review_cadence');
  await expect(okr.cell('Forecast me', 'current')).toHaveText('5');
  await expect(page.getByTestId('shared-banner')).toHaveCount(0);
  await okr.cell('Forecast me', 'current').dblclick();
  await expect(page.getByRole('status')).toContainText('saved by a newer version of okr-grid and is read-only here');
  await expect(okr.editor()).toHaveCount(0);

  // Another plan can be made and edited; the newer one is never written over.
  await expect(page.getByTestId('plan-switcher')).toBeEnabled();
  await (await planMenuItem(page, 'plan-create')).click();
  await page.getByRole('toolbar', { name: 'Plan actions' }).getByRole('button', { name: 'Add objective' }).click();
  await page.keyboard.type('Today’s work');
  await page.keyboard.press('Enter');
  await expect(okr.row('Today’s work')).toHaveCount(1);
  await expect(okr.saveStatus).toHaveText('Saved');
  const text = await storedText(page, PLAN_KEY);
  expect(text).toContain('"review_cadence":"weekly"');
  expect(text).toContain('"forecast":{"model":"bayes"}');
  await page.getByTestId('plan-switcher').selectOption({ label: 'Newer' });
  await expect(okr.cell('Forecast me', 'current')).toHaveText('5');
  await okr.cell('Forecast me', 'current').dblclick();
  await expect(okr.editor()).toHaveCount(0);
});

test('a page killed in the middle of a large save leaves every plan readable', async ({ context }) => {
  test.setTimeout(120_000);
  const page = await context.newPage();
  const okr = new OkrPage(page);
  await okr.open();
  await putBigPlan(page, PLAN_KEY, 3000, 13);
  await page.reload();
  await expect(page.getByTestId('plan-summary')).toContainText(/3,?000 key results/, { timeout: 30_000 });
  // Duplicate writes the whole plan again under a new key; the page dies while it does.
  await (await planMenuItem(page, 'plan-duplicate')).click();
  await page.waitForTimeout(40);
  await page.close({ runBeforeUnload: false });

  const again = await context.newPage();
  const okr2 = new OkrPage(again);
  await okr2.open();
  await expect(again.getByTestId('startup-alert')).toHaveCount(0);
  const switcher = again.getByTestId('plan-switcher');
  const names = await switcher.locator('option').allTextContents();
  for (const name of names) {
    await switcher.selectOption({ label: name });
    await expect(again.getByTestId('plan-summary')).toContainText(/(3,?000|0) key results/, { timeout: 30_000 });
    await expect(again.getByRole('status').filter({ hasText: 'could not be opened' })).toHaveCount(0);
  }
  await switcher.selectOption({ label: 'Company' });
  await expect(again.getByTestId('plan-summary')).toContainText(/3,?000 key results/, { timeout: 30_000 });
});

test('50,000 key results with 13 weekly check-ins each come back whole after a reload, and an edit is kept', async ({ page }) => {
  test.setTimeout(240_000);
  const okr = new OkrPage(page);
  await okr.open();
  await putBigPlan(page, PLAN_KEY, 50000, 13);
  await page.reload();
  await expect(page.getByTestId('plan-summary')).toContainText(/50,?000 key results/, { timeout: 120_000 });
  const kr = 'Key result 0: grow metric 0 from 100 to 200';
  await okr.editCell(kr, 'current', '123');
  await expect(okr.saveStatus).toHaveText('Saved', { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId('plan-summary')).toContainText(/50,?000 key results/, { timeout: 120_000 });
  await expect(okr.cell(kr, 'current')).toHaveText('123');
  expect(await storedSmallText(page, 'okr-grid/v1/moved-from-local-storage')).not.toBeNull();
});
