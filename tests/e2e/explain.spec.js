// Every score cell explains itself: the formula with the numbers in it, kept up to date.
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

test('score cells carry their formula and numbers as a tooltip, updated on edit', async ({ page }) => {
  const okr = new OkrPage(page);
  await okr.open();
  const kr = 'Grow marketing-qualified leads per month from 400 to 650';
  await expect(okr.cell(kr, 'score')).toHaveAttribute(
    'title',
    'Score = (current − start) / (target − start) = (520 − 400) / (650 − 400) = 0.48.',
  );
  await expect(okr.cell('Publish the 2026 industry benchmark report', 'score')).toHaveAttribute(
    'title',
    'Score 0.00: binary, 1 when done, else 0. Now: not done.',
  );
  await expect(okr.cell('Build a predictable pipeline of qualified leads', 'score')).toHaveAttribute(
    'title',
    /^Score = weighted mean of 3 key results = \(0\.48 × 1 \+ 0\.47 × 1 \+ 0\.52 × 1\) \/ 3 = 0\.49\./,
  );
  await okr.editCell(kr, 'current', '650');
  await expect(okr.cell(kr, 'score')).toHaveAttribute('title', /\(650 − 400\) \/ \(650 − 400\) = 1\.00\.$/);
  await expect(okr.cell(kr, 'score')).toHaveAccessibleDescription(/= 1\.00\.$/);
});
