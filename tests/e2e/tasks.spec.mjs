// Task tracking in the browser, as the Commission's administrator uses it:
// import the programme file through the upload form (a dry run first, then
// for real), list the tasks overdue as of a day, open one of her
// department's tasks and post progress, and export the filtered list.
//
// Runs on the private stack of scripts/test-e2e.sh (demo data loaded):
// btctw.admin is admin and officer at Vụ Tổ chức - Điều lệ of the Central
// Organization Commission. The programme is imported under a fresh code, so
// the test does not touch the demo programme. Screenshots: CADRE_E2E_OUT.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, newPage, loginAs, screenshot, assertNoProblems } from './lib/cadre.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED = path.join(REPO, 'data/seeds/003_2d9491622f365655.txt');
const CODE = `E2E-${Date.now().toString(36).toUpperCase()}`;
const AS_OF = '2026-05-15';

// What the file holds, counted plainly: a row whose first cell is a number.
const seedTasks = fs.readFileSync(SEED, 'utf8').split('\n').filter((l) => /^\d+\.?\t/.test(l)).length;

const browser = await launch();
after(() => browser.close());

test('import, filter overdue, open a task, post progress, export', async () => {
  const page = await newPage(browser);
  await loginAs(page, 'btctw.admin');

  // -- import: dry run, then for real ------------------------------------
  await page.goto('/tasks/import.html');
  await page.getByLabel('Tệp chương trình').setInputFiles(SEED);
  await page.getByLabel('Mã chương trình', { exact: true }).fill(CODE);
  const dry = page.getByLabel('Chạy thử (chỉ xem báo cáo, không ghi gì)');
  assert.equal(await dry.isChecked(), true, 'a dry run is the default');
  await page.getByRole('button', { name: 'Gửi tệp' }).click();
  await page.getByText('Chạy thử xong: chưa ghi gì.').waitFor();
  assert.equal(await page.locator('#report-facts [data-key="tasks_total"]').textContent(), String(seedTasks));
  await screenshot(page, 'tasks-import-dry-run');
  const before = await (await page.request.get('/api/tasks/programmes')).json();
  assert.ok(!before.some((p) => p.code === CODE), 'the dry run wrote nothing');

  await dry.uncheck();
  await page.getByLabel('Tệp chương trình').setInputFiles(SEED);
  await page.getByRole('button', { name: 'Gửi tệp' }).click();
  await page.getByText(`Đã nhập chương trình ${CODE}.`).waitFor();
  assert.match(await page.locator('#report-facts [data-key="result"]').textContent(), new RegExp(`^${seedTasks} tạo mới`));
  await screenshot(page, 'tasks-import-done');
  const programmes = await (await page.request.get('/api/tasks/programmes')).json();
  const programme = programmes.find((p) => p.code === CODE);
  assert.ok(programme, 'the programme exists after the import');

  // -- the list, overdue as of a day ---------------------------------------
  await page.goto('/tasks/');
  await page.getByLabel('Chương trình', { exact: true }).selectOption(String(programme.id));
  await page.locator('#f-as_of').fill('15/05/2026');
  await page.getByRole('button', { name: 'Việc quá hạn' }).click();
  const api = await (await page.request.get(
    `/api/tasks/tasks?programme=${programme.id}&timeliness=overdue&as_of=${AS_OF}&per_page=1000`)).json();
  assert.ok(api.total > 0, 'the seed has tasks overdue on 15/05/2026');
  await page.locator('#summary').getByText(`${api.total} nhiệm vụ tính đến ngày 15/05/2026`).waitFor();
  assert.match(page.url(), /timeliness=overdue/, 'the filters are kept in the address');
  const rows = page.locator('#list tbody tr');
  assert.equal(await rows.count(), Math.min(api.total, 50));
  for (const badge of await rows.locator('td:nth-child(6)').allTextContents()) assert.equal(badge.trim(), 'Quá hạn');
  await screenshot(page, 'tasks-list-overdue');

  // -- a task of her department: open it, post progress --------------------
  const mine = api.items.slice(0, 50).find((t) => t.lead_text === 'Vụ Tổ chức - Điều lệ' && t.status === 'not_started');
  assert.ok(mine, 'an overdue task led by Vụ Tổ chức - Điều lệ');
  await page.locator(`#list tr[data-key="${mine.id}"] a`).first().click();
  await page.waitForURL(/task\.html\?id=/);
  await page.getByRole('heading', { name: `Nhiệm vụ A.${mine.display_number}` }).waitFor();
  const note = `Đã trình dự thảo lần 1 (${CODE})`;
  await page.getByLabel('Tình hình thực hiện').fill(note);
  await page.getByLabel('Tỷ lệ hoàn thành (%)').fill('40');
  await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await page.getByText('Đã gửi báo cáo.').waitFor();
  await page.getByText(note).first().waitFor();
  const detail = await (await page.request.get(`/api/tasks/tasks/${mine.id}`)).json();
  assert.equal(detail.task.status, 'in_progress');
  assert.equal(detail.task.percent, 40);
  assert.equal(detail.progress[0].note, note);
  assert.deepEqual(detail.history.map((h) => h.action), ['report', 'import']);
  await screenshot(page, 'tasks-task-progress');

  // -- export the filtered list -------------------------------------------
  // as of today (the report was posted today, after 15/05/2026, so a list
  // as of 15/05 rightly does not show it)
  await page.goto(`/tasks/?programme=${programme.id}&timeliness=overdue`);
  await page.locator('#list tbody tr').first().waitFor();
  const csvHref = await page.getByRole('link', { name: 'Xuất CSV' }).getAttribute('href');
  assert.match(csvHref, /format=csv/);
  assert.match(csvHref, /timeliness=overdue/);
  const csv = await page.request.get(csvHref);
  assert.equal(csv.status(), 200);
  const body = await csv.body();
  assert.deepEqual([...body.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'CSV starts with a BOM');
  const text = body.subarray(3).toString('utf8');
  assert.ok(text.startsWith('Chương trình,Phần,Mục,TT,'), text.slice(0, 80));
  assert.ok(text.includes(note), 'the export carries the latest progress note');
  const xlsxHref = await page.getByRole('link', { name: 'Xuất Excel' }).getAttribute('href');
  const xlsx = await page.request.get(xlsxHref);
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');

  assertNoProblems(page);
});
