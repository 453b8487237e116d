// Messages in the interface language: refusals, row actions, health findings, the import
// preview and its errors, type and done words; and the status bands' contrast (WCAG AA).
const { test, expect } = require('@playwright/test');
const { OkrPage } = require('./okr-page');

const KR1_ES = 'Aumentar los contactos cualificados por marketing de 400 a 650 al mes';
const REPORT_ES = 'Publicar el informe de referencia del sector 2026';

async function spanish(page) {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('language-switcher').selectOption('es');
  okr.grid = page.getByRole('grid');
  await expect(okr.row(KR1_ES)).toHaveCount(1);
  return okr;
}

test('in Spanish: refusals, types, done words, row actions, findings and import errors speak Spanish', async ({ page }) => {
  const okr = await spanish(page);

  // The Score cell explains itself in Spanish, with Spanish numbers.
  await expect(okr.cell(KR1_ES, 'score')).toHaveAttribute(
    'title',
    'Puntuación = (actual − inicio) / (meta − inicio) = (520 − 400) / (650 − 400) = 0,48.',
  );

  // A refused value: the editor stays open with the reason in Spanish.
  await okr.cell(KR1_ES, 'current').dblclick();
  await okr.editor().fill('mucho');
  await okr.editor().press('Enter');
  await expect(page.locator('.cell-error')).toHaveText('«mucho» no es un número. Escribe cifras, como 1250 o -3,5.');
  await okr.editor().press('Escape');

  // Types and done words are shown and typed in Spanish.
  await expect(okr.cell(KR1_ES, 'type')).toHaveText('número');
  await expect(okr.cell(REPORT_ES, 'type')).toHaveText('binario');
  await expect(okr.cell(REPORT_ES, 'current')).toHaveText('No hecho');
  await okr.editCell(REPORT_ES, 'current', 'hecho');
  await expect(okr.cell(REPORT_ES, 'current')).toHaveText('Hecho');
  await expect.poll(async () => {
    const stored = JSON.parse(await okr.storedPlan());
    const krs = stored.plan.objectives.flatMap((o) => o.key_results);
    return krs.find((k) => k.title === REPORT_ES).current;
  }).toBe(1);
  await okr.cell(KR1_ES, 'type').dblclick();
  await okr.editor().fill('porcentaje');
  await okr.editor().press('Enter');
  await expect(okr.cell(KR1_ES, 'type')).toHaveText('porcentaje');
  await page.keyboard.press('Control+z');
  await expect(okr.cell(KR1_ES, 'type')).toHaveText('número');
  await okr.cell(KR1_ES, 'type').dblclick();
  await okr.editor().fill('plátano');
  await okr.editor().press('Enter');
  await expect(page.locator('.cell-error')).toContainText('«plátano» no es un tipo de resultado clave. Escribe número, porcentaje, binario');
  await okr.editor().press('Escape');

  // A row action says what it did in Spanish, with the Spanish Undo button.
  await okr.cell(REPORT_ES, 'owner').click();
  await page.keyboard.press('Control+Alt+-');
  const status = page.getByRole('status').filter({ hasText: 'Eliminado' });
  await expect(status).toContainText('Eliminado: 1 resultado clave.');
  await expect(status.getByRole('button', { name: 'Deshacer' })).toBeVisible();
  await status.getByRole('button', { name: 'Deshacer' }).click();
  await expect(okr.row(REPORT_ES)).toHaveCount(1);

  // Health findings are sentences in Spanish, the task verb seen in Spanish too.
  await page.getByTestId('health-toggle').click();
  const list = page.getByTestId('health-list');
  await expect(list.locator('li').filter({ hasText: 'parece una tarea' })).toContainText(`«${REPORT_ES}» parece una tarea, no un resultado`);
  await expect(list).toContainText('aún no tiene seguimientos en');
  await expect(list).not.toContainText('check in weekly');

  // A file that is not a spreadsheet: the reason in Spanish, the plan untouched.
  await page.getByTestId('import-input').setInputFiles({
    name: 'notas.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from('PK\u0003\u0004 not really a zip'),
  });
  const error = page.getByTestId('import-error');
  await expect(error).toContainText('«notas.xlsx» no se importó.');
  await expect(error).toContainText('pero está dañado o incompleto');
  await expect(error).toContainText('Tu plan no ha cambiado.');
  await expect(okr.row(KR1_ES)).toHaveCount(1);
});

test('in Chinese: the import preview, its column menu and the weekly check-in speak Chinese; names sort by pinyin', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('language-switcher').selectOption('zh-Hans');
  await page.getByTestId('import-input').setInputFiles({
    name: 'team.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('Objective,Key result,Owner,Start,Target,Current\nGrow,Leads,王芳,1,2,1.5\nGrow,Deals,张伟,0,4,1\nGrow,Calls,李娜,0,10,5\nTotal,,,,,\n'),
  });
  const preview = page.getByTestId('import-preview');
  await expect(preview.getByRole('heading', { name: '导入“team.csv”' })).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('找到 1 个目标和3 个关键结果。');
  await expect(preview).toContainText('表头在第 1 行');
  await expect(preview.getByRole('combobox', { name: '列“Owner”对应的字段' })).toHaveValue('Owner');
  await expect(preview.getByRole('combobox', { name: '列“Owner”对应的字段' }).locator('option:checked')).toHaveText('负责人');
  await preview.getByRole('button', { name: '导入 1 个目标' }).click();
  await expect(page.getByRole('status')).toContainText('已从“team”导入1 个目标和3 个关键结果。');
  // Owners in pinyin order (Li, Wang, Zhang), not in code point order (张 before 李 before 王).
  await expect(page.getByTestId('filter-owner').locator('option')).toHaveText(['所有负责人', '李娜', '王芳', '张伟']);

  await page.getByTestId('weekly-toggle').click();
  const weekly = page.getByRole('form', { name: '为某位负责人的关键结果签到' });
  const who = weekly.getByRole('combobox', { name: '要签到的负责人' });
  await expect(who.locator('option')).toHaveText(['选择负责人', '李娜', '王芳', '张伟']);
  await who.selectOption('王芳');
  await weekly.getByRole('textbox', { name: '“Leads”的新值' }).fill('2');
  await weekly.getByRole('button', { name: '保存签到' }).click();
  await expect(page.getByRole('status')).toContainText('已为 王芳 在 2026/11/23 记录 1 次签到。');
});

// WCAG AA: 4.5:1 for the status words on their band colour, in the grid and the dashboard.
function luminance([r, g, b]) {
  const lin = (c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

test('status bands: every band word has at least 4.5:1 contrast and is more than a colour', async ({ page }) => {
  await page.clock.setFixedTime(new Date('2026-11-23T10:00:00'));
  const okr = new OkrPage(page);
  await okr.open();
  await page.getByTestId('dashboard-toggle').click();
  await expect(page.getByTestId('dashboard')).toBeVisible();
  // Each element that shows a band: its text colour and the first opaque background behind it.
  const samples = await page.evaluate(() => {
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const bg = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bands = ['on-track', 'at-risk', 'off-track', 'no-data'];
    const out = [];
    for (const el of document.querySelectorAll('.badge')) {
      const band = bands.find((b) => el.classList.contains(b));
      if (!band || !el.textContent.trim()) continue;
      out.push({ band, text: el.textContent.trim(), fg: rgb(getComputedStyle(el).color).slice(0, 3), bg: bg(el) });
    }
    return out;
  });
  const seen = new Set(samples.map((s) => s.band));
  for (const band of ['on-track', 'at-risk', 'off-track']) expect(seen, `a ${band} sample`).toContain(band);
  for (const s of samples) {
    expect(contrast(s.fg, s.bg), `${s.band} “${s.text}” ${s.fg} on ${s.bg}`).toBeGreaterThanOrEqual(4.5);
    // Never colour alone: the band has words (or a score with them).
    expect(s.text).toMatch(/On track|At risk|Off track|No data/);
  }
});
