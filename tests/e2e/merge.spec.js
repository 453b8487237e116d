// Merging returned workbooks: the example is exported through the real button, three owners'
// copies are made from it with openpyxl (one sorted and filtered, then saved again by
// LibreOffice), all three are chosen at
// once, the preview shows clean changes and a conflict, and confirming merges them in one
// undo step, with the new Current as a dated check-in.
const path = require('path');
const { execFileSync } = require('child_process');
const { test, expect } = require('@playwright/test');
const { OkrPage, planMenuItem, storedText, storedSmallText } = require('./okr-page');

const LEADS = 'Grow marketing-qualified leads per month from 400 to 650';
const NPS = 'Lift net promoter score from -20 to 10';
const NPS_NEW = 'Lift net promoter score from -20 to 15';
const ADDED = 'Launch the partner referral programme';

async function exportExample(page, testInfo) {
  const downloading = page.waitForEvent('download');
  await (await planMenuItem(page, 'export-button')).click();
  const file = testInfo.outputPath('export.xlsx');
  await (await downloading).saveAs(file);
  return file;
}

function returnedCopies(file, testInfo, ...flags) {
  const out = testInfo.outputPath('returned');
  execFileSync('/usr/bin/python3', [path.join(__dirname, '..', 'merge', 'returned_copies.py'), file, out, ...flags]);
  return ['luis.xlsx', 'mei.xlsx', 'sam.xlsx'].map((f) => path.join(out, f));
}

async function planOfPage(page) {
  const index = JSON.parse((await storedSmallText(page, 'okr-grid/v1/plans')) || 'null');
  const key = (index && index.last) || 'okr-grid/v1/plan';
  const text = await storedText(page, key);
  return text ? JSON.parse(text).plan : null;
}

test('three returned copies merge: clean changes apply, the conflict is chosen, one undo restores', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  // The day after luis.xlsx's date: the example's weekly check-ins end on that date.
  await page.clock.setFixedTime(new Date('2026-11-21T10:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  const export_ = await exportExample(page, testInfo);
  const copies = returnedCopies(export_, testInfo, '--libreoffice');
  const currentBefore = await okr.cell(LEADS, 'current').textContent();

  await page.getByTestId('import-input').setInputFiles(copies);
  const preview = page.getByTestId('merge-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('import-mode')).toHaveValue('update');
  await expect(page.getByTestId('merge-file')).toHaveCount(3);
  // luis.xlsx was sorted and filtered: still matched by its ids, nothing reads as deleted.
  await expect(page.getByTestId('merge-deleted')).toHaveCount(0);
  await expect(page.getByTestId('merge-change')).toHaveCount(2);
  await expect(page.getByTestId('merge-conflict')).toHaveCount(1);
  await expect(page.getByTestId('merge-added')).toHaveCount(1);
  await expect(page.getByTestId('merge-summary')).toHaveText(
    'Changes: 2 · new key results: 1 · conflicts: 1 · missing from a file: 0',
  );
  const luis = page.getByRole('region', { name: 'luis.xlsx' });
  await expect(luis.getByText('Owner: Luis Ortega')).toBeVisible();
  await expect(luis.getByTestId('merge-change')).toContainText('Notes: (blank) → Webinar series started');
  await expect(page.getByRole('region', { name: 'sam.xlsx' })).toContainText('Its changes are in the conflicts above.');
  const conflict = page.getByTestId('merge-conflict');
  await expect(conflict).toContainText(`Conflict: ${LEADS} · Current (exported as 520)`);
  await expect(conflict.getByRole('radio', { name: 'Keep this plan\'s: 520' })).toBeChecked();
  await expect(page.getByTestId('merge-change').filter({ hasText: NPS_NEW })).toBeVisible();
  await preview.screenshot({ path: testInfo.outputPath('merge-preview.png') });

  // Take luis.xlsx's value in the conflict, and apply.
  await conflict.getByRole('radio', { name: 'luis.xlsx: 530' }).check();
  await page.getByTestId('import-confirm').click();
  await expect(preview).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Updated from luis.xlsx, mei.xlsx, sam.xlsx' })).toBeVisible();

  await expect(okr.cell(LEADS, 'current')).toHaveText('530');
  await expect(okr.row(NPS_NEW)).toHaveCount(1);
  await expect(okr.row(NPS)).toHaveCount(0);
  await expect(okr.row(ADDED)).toHaveCount(1);
  await expect(okr.cell(ADDED, 'target')).toHaveText('40');

  // The check-in history has the merged value, on luis.xlsx's date, with its note.
  await expect.poll(async () => {
    const plan = await planOfPage(page);
    if (!plan) return null;
    const kr = plan.objectives[0].key_results[0];
    return [kr.current, kr.notes, kr.check_ins.map((c) => `${c.when} ${c.value} ${c.note ?? ''}`).at(-1)];
  }).toEqual([530, 'Webinar series started', '2026-11-20 530 luis.xlsx: Webinar series started']);

  // One undo restores the plan.
  await okr.cell(LEADS, 'keyResult').click();
  await page.keyboard.press('Control+z');
  await expect(okr.cell(LEADS, 'current')).toHaveText(currentBefore);
  await expect(okr.row(NPS)).toHaveCount(1);
  await expect(okr.row(ADDED)).toHaveCount(0);
});

test('one returned file merges through the import preview’s mode menu; a file with nothing to merge is refused', async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const okr = new OkrPage(page);
  await okr.open();
  const export_ = await exportExample(page, testInfo);
  const [luis] = returnedCopies(export_, testInfo);
  await page.getByTestId('import-input').setInputFiles(luis);
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByTestId('import-mode').selectOption('update');
  await expect(page.getByTestId('merge-preview')).toBeVisible();
  await expect(page.getByTestId('merge-change')).toHaveCount(2);
  await expect(page.getByTestId('merge-conflict')).toHaveCount(0);
  // The plan edited while the preview is open: confirm compares again and says so.
  await okr.editCell(LEADS, 'current', '525');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('merge-stale')).toBeVisible();
  // Current was changed here since the export (525) and in the file (530): now a conflict.
  await expect(page.getByTestId('merge-conflict')).toHaveCount(1);
  await expect(page.getByTestId('merge-conflict')).toContainText('Keep this plan\'s: 525');
  await expect(page.getByTestId('merge-change')).toHaveCount(1);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await okr.editCell(LEADS, 'current', '520');
  await page.getByTestId('import-input').setInputFiles(luis);
  await page.getByTestId('import-mode').selectOption('update');
  await expect(page.getByTestId('merge-change')).toHaveCount(2);
  // Back to the ordinary import, then cancel: the plan is untouched.
  await page.getByTestId('import-mode').selectOption('new');
  await expect(page.getByTestId('import-preview')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(okr.cell(LEADS, 'current')).toHaveText('520');

  await page.getByTestId('import-input').setInputFiles([
    { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('Name,Age\nAna,4\n') },
    { name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') },
  ]);
  const alert = page.getByTestId('import-error');
  await expect(alert).toContainText('“people.csv” holds no key results to merge.');
  await expect(okr.cell(LEADS, 'current')).toHaveText('520');
});
