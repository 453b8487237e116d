// Share without a server: a read-only link carries the plan in the URL fragment.
const path = require('path');
const { execFileSync } = require('child_process');
const { test, expect } = require('@playwright/test');
const { OkrPage, PLAN_KEY, planMenuItem, storedText, storedSmallText, putStoredPlan } = require('./okr-page');

const HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Pipeline';
const HOSTILE_LINK = 'javascript:window.__pwned=2';

test('share link round trip: read-only, hostile text stays text, save a copy to my plans', async ({ page, context }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await okr.editCell('Build a predictable pipeline of qualified leads', 'objective', HOSTILE_TITLE);
  await okr.select('Grow marketing-qualified leads', 'keyResult');
  await page.getByTestId('kr-link').fill(HOSTILE_LINK);
  await page.getByTestId('kr-link').press('Enter');
  await okr.waitSaved('javascript:window.__pwned=2');

  await (await planMenuItem(page, 'share-button')).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/\/team\/okr-grid\/(index\.html)?#share=1\.[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId('share-size')).toContainText('of at most 32000 characters');
  await expect(page.getByTestId('share-size')).toContainText('the whole plan');

  // Someone else opens it: another browser profile with its own (empty) storage.
  const other = await context.browser().newContext();
  const viewer = await other.newPage();
  const theirs = new OkrPage(viewer);
  await viewer.goto(link);
  await expect(theirs.grid).toBeVisible();
  await expect(viewer.getByTestId('shared-banner')).toContainText('Shared plan, read-only.');
  // The hostile title is text: no image element, no script run.
  await expect(theirs.row('<img src=x onerror=')).toHaveCount(1);
  await expect(theirs.grid.locator('img')).toHaveCount(0);
  // The javascript: link is shown as text, never as a link.
  await theirs.select('Grow marketing-qualified leads', 'keyResult');
  const open = viewer.getByTestId('kr-link-open');
  await expect(open).toHaveText(HOSTILE_LINK);
  expect(await open.evaluate((e) => e.tagName)).toBe('SPAN');
  expect(await viewer.evaluate(() => window.__pwned)).toBeUndefined();

  // Read-only: an edit is refused at once with a clear message (no editor opens), and
  // nothing is stored.
  await theirs.cell('Earn 12 pieces of press coverage', 'current').dblclick();
  await expect(viewer.getByText('This shared plan is read-only')).toBeVisible();
  await expect(theirs.editor()).toHaveCount(0);
  await expect(viewer.getByTestId('plan-switcher')).toBeDisabled();
  expect(await storedText(viewer, PLAN_KEY)).toBeNull();

  // Save a copy: it becomes one of their plans, editable, and the fragment is gone.
  await viewer.getByTestId('save-shared-copy').click();
  await expect(viewer.getByTestId('shared-banner')).toHaveCount(0);
  expect(new URL(viewer.url()).hash).toBe('');
  await theirs.editCell('Earn 12 pieces of press coverage', 'current', '12');
  await expect(theirs.cell('Earn 12 pieces of press coverage', 'current')).toHaveText('12');
  await expect(viewer.getByTestId('plan-switcher').locator('option')).toHaveCount(2);
  await viewer.reload();
  await expect(theirs.row('<img src=x onerror=')).toHaveCount(1);
  await expect(theirs.cell('Earn 12 pieces of press coverage', 'current')).toHaveText('12');
  await other.close();
});

test('one period only; a damaged link says so and opens your own plan; a plan too large is refused', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('filter-period').selectOption({ label: '2026-Q4' });
  await (await planMenuItem(page, 'share-button')).click();
  await expect(page.getByTestId('share-size')).toContainText('period 2026-Q4 only');
  const link = await page.getByTestId('share-link').inputValue();

  // A link cut short.
  await page.goto(link.slice(0, link.length - 40));
  await expect(page.getByTestId('startup-alert')).toContainText('This share link is damaged');
  await expect(page.getByTestId('shared-banner')).toHaveCount(0);
  await expect(okr.grid.locator('tr.objective-row')).toHaveCount(3);

  // A plan with a lot of text that does not compress: refused, with its size and the limit.
  // xorshift32: letters that do not compress.
  let x = 2463534242;
  const letter = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return String.fromCharCode(97 + (x % 26)); };
  const word = () => Array.from({ length: 300 }, letter).join('');
  const objectives = Array.from({ length: 200 }, (_, i) => ({ id: i + 1, title: word(), owner: '', team: '', period: '', weight: 1, key_results: [] }));
  await putStoredPlan(page, PLAN_KEY, {
    plan: JSON.stringify({ name: 'Big', next_id: 500 }),
    name: 'Big',
    order: objectives.map((o) => o.id),
    records: Object.fromEntries(objectives.map((o) => [o.id, JSON.stringify(o)])),
  });
  await page.goto('./');
  await expect(okr.grid.locator('tr.objective-row').first()).toBeVisible();
  await (await planMenuItem(page, 'share-button')).click();
  const refusal = page.getByTestId('share-error');
  await expect(refusal).toHaveAttribute('role', 'alert');
  await expect(refusal).toContainText('too large to share as a link');
  await expect(refusal).toContainText('32,000');
  await expect(page.getByTestId('share-link')).toHaveCount(0);
});

test('a shared plan looks read-only: no enabled edit control, typing says so at once', async ({ page, context }) => {
  const okr = new OkrPage(page);
  await okr.open();
  await (await planMenuItem(page, 'share-button')).click();
  const link = await page.getByTestId('share-link').inputValue();
  const other = await context.browser().newContext({ viewport: { width: 1280, height: 800 } });
  const viewer = await other.newPage();
  const theirs = new OkrPage(viewer);
  await viewer.goto(link);
  await expect(viewer.getByTestId('shared-banner')).toBeVisible();
  // A key result selected, so its details panel is open too; and the backlog.
  await theirs.select('Grow marketing-qualified leads', 'keyResult');
  await viewer.getByTestId('backlog-toggle').click();
  // Every control a user can use: only reading, viewing, leaving and copying remain.
  const enabled = await viewer.evaluate(() =>
    [...document.querySelectorAll('button, input, select, textarea')]
      .filter((e) => !e.matches(':disabled') && !e.readOnly && e.offsetParent !== null)
      .map((e) => e.getAttribute('data-testid') || e.getAttribute('aria-label') || e.textContent.trim()),
  );
  const viewing = new Set([
    'language-switcher', 'save-shared-copy', 'Back to my plans', 'fold-all', 'unfold-all',
    'import-input', 'export-button', 'export-csv-button', 'share-button', 'filter-period',
    'grid-search', 'filter-team', 'filter-owner', 'filter-status', 'fold-toggle',
    'health-toggle', 'dashboard-toggle', 'backlog-toggle', 'tree-toggle', 'present',
    'plan-menu', 'zoom-out', 'zoom-level', 'zoom-in', 'fit-columns',
  ]);
  expect(enabled.filter((name) => !viewing.has(name))).toEqual([]);
  await viewer.screenshot({ path: test.info().outputPath('shared-read-only.png') });

  // Typing over a cell, Delete and F2 say at once that the plan is read-only.
  for (const key of ['7', 'Delete', 'F2']) {
    await theirs.cell('Earn 12 pieces of press coverage', 'current').click();
    await viewer.getByRole('button', { name: 'Back to my plans' }).focus();
    await theirs.cell('Earn 12 pieces of press coverage', 'current').click();
    await viewer.keyboard.press(key);
    await expect(viewer.getByRole('status').filter({ hasText: 'This shared plan is read-only' })).toBeVisible();
    await expect(theirs.editor()).toHaveCount(0);
  }
  await expect(theirs.cell('Earn 12 pieces of press coverage', 'current')).toHaveText('9');

  // Returned copies cannot be merged into a shared plan: refused, nothing kept or replaced.
  const downloading = viewer.waitForEvent('download');
  await (await planMenuItem(viewer, 'export-button')).click();
  const file = test.info().outputPath('shared.xlsx');
  await (await downloading).saveAs(file);
  const out = test.info().outputPath('returned');
  execFileSync('/usr/bin/python3', [path.join(__dirname, '..', 'merge', 'returned_copies.py'), file, out]);
  await viewer.getByTestId('import-input').setInputFiles([path.join(out, 'luis.xlsx'), path.join(out, 'sam.xlsx')]);
  await expect(viewer.getByTestId('merge-preview')).toBeVisible();
  await viewer.getByTestId('import-confirm').click();
  await expect(viewer.getByRole('status').filter({ hasText: 'This shared plan is read-only' })).toBeVisible();
  await expect(viewer.getByTestId('shared-banner')).toBeVisible();
  expect(await storedSmallText(viewer, 'okr-grid/v1/replaced')).toBeNull();
  await other.close();
});
