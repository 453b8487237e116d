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

  /** Clicks a row's cell (the Owner cell by default; the first row that matches) and waits until
   *  the details panel shows that row. The panel follows the active row in a task of its own, a
   *  moment after the click: a test that used it at once could change the row shown before. */
  async select(rowText, col = 'owner') {
    await this.cell(rowText, col).first().click();
    await this.waitDetails(rowText);
  }

  /** Waits until the details panel shows the row titled `rowText` (after a click or a key
   *  that moved the active row). */
  async waitDetails(rowText) {
    await expect(this.page.getByTestId('details').locator('.details-title')).toContainText(rowText);
  }

  /** Double-clicks a cell (which edits it), replaces its content with `text`, presses Enter. */
  async editCell(rowText, col, text) {
    await this.cell(rowText, col).dblclick();
    await expect(this.editor()).toBeFocused();
    await this.editor().fill(text);
    await this.editor().press('Enter');
    await expect(this.editor()).toHaveCount(0);
  }

  /** The stored text of the first plan (see `storedText`). */
  storedPlan() {
    return storedText(this.page, PLAN_KEY);
  }

  /** Waits until the stored plan contains `text` and the status says Saved. */
  async waitSaved(text) {
    await expect.poll(() => this.storedPlan()).toContain(text);
    await expect(this.saveStatus).toHaveText('Saved');
  }
}

/** Runs `body(db, arg)` (a function, sent as source) in the page against okr-grid's
 *  IndexedDB database; resolves to its result, or to `fallback` when there is no database yet
 *  (without creating one). */
function inDb(page, body, arg, fallback = null) {
  return page.evaluate(([src, arg, fallback]) => new Promise((resolve, reject) => {
    const body = (0, eval)(src);
    const open = indexedDB.open('okr-grid');
    open.onupgradeneeded = () => open.transaction.abort();
    open.onerror = (ev) => { ev.preventDefault(); resolve(fallback); };
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('plans')) { db.close(); resolve(fallback); return; }
      Promise.resolve(body(db, arg)).then((v) => { db.close(); resolve(v); }, (e) => { db.close(); reject(e); });
    };
  }), [body.toString(), arg, fallback]);
}

/** Resolves a request's result inside a transaction. */
const REQ = `(r) => new Promise((ok, no) => { r.onsuccess = () => ok(r.result); r.onerror = () => no(r.error); })`;

/** The plan stored under `key` in the database, as the stored text the app reads (the
 *  versioned envelope put back together from the head and objective records), or null. */
function storedText(page, key = PLAN_KEY) {
  return inDb(page, `async (db, key) => {
    const req = ${REQ};
    const tx = db.transaction(['plans', 'objectives'], 'readonly');
    const range = IDBKeyRange.bound(key + '#', key + '#\uffff');
    const [h, keys, values] = await Promise.all([
      req(tx.objectStore('plans').get(key)),
      req(tx.objectStore('objectives').getAllKeys(range)),
      req(tx.objectStore('objectives').getAll(range)),
    ]);
    if (!h) return null;
    const byId = new Map(keys.map((k, i) => [Number(k.slice(k.lastIndexOf('#') + 1)), values[i]]));
    const inner = h.plan.trim().slice(1, -1);
    const objectives = h.order.map((id) => byId.get(id));
    return '{"schema_version":' + h.schema_version + ',"plan":{' + inner + (inner.trim() ? ',' : '')
      + '"objectives":[' + objectives.join(',') + ']}}';
  }`, key);
}

/** The keys of the plans stored in the database. */
function storedPlanKeys(page) {
  return inDb(page, `async (db) => {
    const req = ${REQ};
    return req(db.transaction('plans', 'readonly').objectStore('plans').getAllKeys());
  }`, null, []);
}

/** A small text the app keeps in the database (the index of plans, a backup…), or null. */
function storedSmallText(page, key) {
  return inDb(page, `async (db, key) => {
    const req = ${REQ};
    const v = await req(db.transaction('kv', 'readonly').objectStore('kv').get(key));
    return v === undefined ? null : v;
  }`, key);
}

/** The digests of the kept originals. */
function storedOriginals(page) {
  return inDb(page, `async (db) => {
    const req = ${REQ};
    return req(db.transaction('originals', 'readonly').objectStore('originals').getAllKeys());
  }`, null, []);
}

/** Writes a plan's head record as a damaged build or a newer one might: `plan` is the head's
 *  text, `order` the objectives' ids, `records` their texts by id. */
function putStoredPlan(page, key, head) {
  return inDb(page, `async (db, [key, head]) => {
    const req = ${REQ};
    const tx = db.transaction(['plans', 'objectives'], 'readwrite');
    const stored = await req(tx.objectStore('plans').get(key));
    const records = tx.objectStore('objectives');
    records.delete(IDBKeyRange.bound(key + '#', key + '#\uffff'));
    for (const [id, text] of Object.entries(head.records || {})) records.put(text, key + '#' + id);
    tx.objectStore('plans').put({
      schema_version: head.schema_version ?? 2,
      rev: (stored ? stored.rev : 0) + 1,
      name: head.name ?? '',
      order: head.order ?? [],
      plan: head.plan,
    }, key);
    await new Promise((ok, no) => { tx.oncomplete = ok; tx.onerror = () => no(tx.error); });
  }`, [key, head]);
}

/** A company-size plan as the database keeps it (`putStoredPlan`): `krs` key results, four per
 *  objective, each with `weeks` weekly check-ins. */
function bigPlan(krs, weeks, name = 'Company') {
  const objectives = Math.ceil(krs / 4);
  const order = [];
  const records = {};
  for (let o = 0; o < objectives; o++) {
    const id = 1 + o * 5;
    const keyResults = [];
    for (let k = 0; k < 4 && o * 4 + k < krs; k++) {
      const n = o * 4 + k;
      const checkIns = [];
      for (let w = 0; w < weeks; w++) {
        const day = new Date(Date.UTC(2026, 8, 7 + 7 * w)).toISOString().slice(0, 10);
        const checkIn = { when: day, value: 100 + ((n + w * 7) % 101) };
        if (w % 4 === 0) checkIn.note = `week ${w + 1} note`;
        checkIns.push(checkIn);
      }
      keyResults.push({
        id: id + 1 + k, title: `Key result ${n}: grow metric ${n} from 100 to 200`, owner: `Owner ${n % 37}`,
        kind: 'number', start: 100, target: 200, current: 100 + (n % 101), weight: 1, score_override: null,
        link: '', notes: '', check_ins: checkIns,
      });
    }
    order.push(id);
    records[id] = JSON.stringify({
      id, title: `Objective ${o}`, owner: `Owner ${o % 37}`, team: `Team ${Math.floor(o / 100)}`,
      period: '2026-Q4', weight: 1, key_results: keyResults,
    });
  }
  return {
    plan: JSON.stringify({ name, is_example: false, next_id: objectives * 5 + 1 }),
    name,
    order,
    records,
  };
}

/** Stores `bigPlan(krs, weeks)` under `key`, built inside the page (tens of megabytes). */
function putBigPlan(page, key, krs, weeks) {
  return inDb(page, `async (db, [key, krs, weeks]) => {
    const head = (${bigPlan.toString()})(krs, weeks);
    const tx = db.transaction(['plans', 'objectives'], 'readwrite');
    const records = tx.objectStore('objectives');
    records.delete(IDBKeyRange.bound(key + '#', key + '#\uffff'));
    for (const [id, text] of Object.entries(head.records)) records.put(text, key + '#' + id);
    tx.objectStore('plans').put({ schema_version: 2, rev: 1, name: head.name, order: head.order, plan: head.plan }, key);
    await new Promise((ok, no) => { tx.oncomplete = ok; tx.onerror = () => no(tx.error); });
  }`, [key, krs, weeks]);
}

/** Opens the plan menu of `page` (if it is closed) and returns its item with `testId`
 *  (plan-create, plan-duplicate, plan-delete, export-button, export-csv-button,
 *  share-button). */
async function planMenuItem(page, testId) {
  const toggle = page.getByTestId('plan-menu');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByTestId(testId);
}

module.exports = {
  OkrPage, COL, PLAN_KEY, BACKUP_KEY, planMenuItem,
  inDb, storedText, storedPlanKeys, storedSmallText, storedOriginals, putStoredPlan, bigPlan, putBigPlan,
};
