// Scoring rules per plan: named on screen, switchable (undoable), each score explained, kept.
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

const KR1 = 'Grow marketing-qualified leads per month from 400 to 650';

test('switch between linear, graded, commit/target/stretch and pace-based rules', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  const rule = page.getByRole('combobox', { name: 'Scoring rule' });
  await expect(rule).toHaveValue('linear');
  await expect(page.getByTestId('scoring-summary')).toContainText('progress from start to target');
  await expect(okr.cell(KR1, 'score')).toContainText('0.48');

  // Google-style grading: tenths.
  await rule.selectOption({ label: 'Google-style grading' });
  await expect(okr.cell(KR1, 'score')).toContainText('0.50');
  await expect(okr.cell(KR1, 'score')).toHaveAttribute('title', /graded in tenths, 0\.48 → 0\.5\.$/);
  await expect(page.getByTestId('scoring-summary')).toContainText('0.0–0.3 red, 0.4–0.6 yellow, 0.7–1.0 green');

  // Commit / target / stretch: the panel asks for the two extra values.
  await rule.selectOption({ label: 'Commit / target / stretch' });
  await okr.select(KR1);
  await expect(okr.cell(KR1, 'score')).toContainText('0.34'); // 0.7 × 0.48, no commit yet
  await page.getByTestId('kr-commit').fill('500');
  await page.getByTestId('kr-commit').press('Enter');
  await page.getByTestId('kr-stretch').fill('800');
  await page.getByTestId('kr-stretch').press('Enter');
  // 0.3 at 500, 0.7 at 650: 520 → 0.3 + 0.4 × 20 / 150 = 0.35.
  await expect(okr.cell(KR1, 'score')).toContainText('0.35');
  await expect(okr.cell(KR1, 'score')).toHaveAttribute('title', /0\.3 at commit 500, 0\.7 at target 650, 1\.0 at stretch 800; current 520\./);
  await page.getByTestId('kr-commit').fill('lots');
  await page.getByTestId('kr-commit').press('Enter');
  await expect(page.getByRole('status')).toContainText('Commit value:');

  // Pace-based: 54 of 92 days of Q4 gone (0.59); 0.48 trails by 0.11 → at risk with a 10-point
  // margin, on track with 15.
  await rule.selectOption({ label: 'Pace-based status' });
  await expect(okr.cell(KR1, 'score')).toContainText('0.48');
  await expect(okr.cell(KR1, 'score')).toContainText('At risk');
  await page.getByTestId('pace-margin').fill('15');
  await page.getByTestId('pace-margin').press('Enter');
  await expect(okr.cell(KR1, 'score')).toContainText('On track');
  await page.getByTestId('pace-margin').fill('80');
  await page.getByTestId('pace-margin').press('Enter');
  await expect(page.getByRole('status')).toContainText('The pace margin is 1 to 50 points');

  // Undo goes back one rule change at a time; the rule is saved with the plan.
  await page.getByRole('toolbar').getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('pace-margin')).toHaveValue('10');
  await page.getByRole('toolbar').getByRole('button', { name: 'Redo' }).click();
  await okr.waitSaved('"pace_margin":0.15');
  await page.reload();
  await expect(rule).toHaveValue('pace');
  await expect(page.getByTestId('pace-margin')).toHaveValue('15');
  await expect(okr.cell(KR1, 'score')).toContainText('On track');
});
