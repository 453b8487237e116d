// A page object for okr-grid: how tests find the grid, rows and cells. Column numbers are the
// grid's aria-colindex values.
const { expect } = require('@playwright/test');

const COL = {
  objective: 1,
  keyResult: 2,
  type: 3,
  owner: 4,
  start: 5,
  target: 6,
  current: 7,
  weight: 8,
  score: 9,
  actions: 10,
};
const PLAN_KEY = 'okr-grid/v1/plan';
const BACKUP_KEY = 'okr-grid/v1/backup';

class OkrPage {
  constructor(page) {
    this.page = page;
    this.grid = page.getByRole('grid', { name: 'Objectives and key results' });
    this.saveStatus = page.getByTestId('save-status');
  }

  async open() {
    await this.page.goto('./');
    await expect(this.grid).toBeVisible();
  }

  row(text) {
    return this.grid.getByRole('row').filter({ hasText: text });
  }

  cell(rowText, col) {
    return this.row(rowText).locator(`[role="gridcell"][aria-colindex="${COL[col]}"]`);
  }

  editor() {
    return this.grid.locator('input.cell-input');
  }

  /** Double-clicks a cell (which edits it), replaces its content with `text`, presses Enter. */
  async editCell(rowText, col, text) {
    await this.cell(rowText, col).dblclick();
    await expect(this.editor()).toBeFocused();
    await this.editor().fill(text);
    await this.editor().press('Enter');
    await expect(this.editor()).toHaveCount(0);
  }

  storedPlan() {
    return this.page.evaluate((key) => localStorage.getItem(key), PLAN_KEY);
  }

  /** Waits until the stored plan contains `text` and the status says Saved. */
  async waitSaved(text) {
    await expect.poll(() => this.storedPlan()).toContain(text);
    await expect(this.saveStatus).toHaveText('Saved');
  }
}

/** Opens the plan menu of `page` (if it is closed) and returns its item with `testId`
 *  (plan-create, plan-duplicate, plan-delete, export-button, export-csv-button,
 *  share-button). */
async function planMenuItem(page, testId) {
  const toggle = page.getByTestId('plan-menu');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByTestId(testId);
}

module.exports = { OkrPage, COL, PLAN_KEY, BACKUP_KEY, planMenuItem };
