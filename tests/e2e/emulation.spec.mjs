// Emulation clusters in the browser, as the people involved use it:
//   1. a school's focal point (hn.school, Trường Đào tạo cán bộ Lê Hồng Phong)
//      uploads and submits its plan (Mẫu số 01), then scores itself on its
//      sheet (a score above the maximum is refused and marked first);
//   2. the cluster head (hn.school.head, same school) assigns cross-checks;
//   3. another school (hue.school, Trường Chính trị Nguyễn Chí Thanh)
//      cross-checks it, and cannot see the table before it is published;
//   4. the head finalises the table and the ranking appears, for the head
//      and for the other school.
//
// Runs on the stack of scripts/test-e2e.sh (demo data loaded). The Academy's
// board (academy.officer holds emulation_board in the demo) sets up a
// campaign year nobody else uses, with its deadlines moved after today, so
// the test needs no clock injection. Screenshots: CADRE_E2E_OUT.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loginAs, screenshot, assertNoProblems, baseURL } from './lib/cadre.mjs';

const API = '/api/emulation';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n'
  + '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const TAG = Date.now().toString(36).toUpperCase();

const browser = await launch();
after(() => browser.close());

/** JSON API calls from a logged-in page, with its CSRF token. */
function apiOf(page, session) {
  const headers = { 'X-CSRF-Token': session.csrf_token, Origin: new URL(baseURL).origin };
  const call = async (method, path, data) => {
    const res = await page.request.fetch(path, { method, data, headers });
    const body = await res.json().catch(() => null);
    if (res.status() >= 300) throw new Error(`${method} ${path}: ${res.status()} ${JSON.stringify(body)}`);
    return body;
  };
  return { get: (p) => call('GET', p), post: (p, d) => call('POST', p, d || {}), put: (p, d) => call('PUT', p, d) };
}

function addDays(iso, n) {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The board's set-up: a free year, deadlines after today, one cluster of two schools. */
async function setUp() {
  const page = await newPage(browser);
  const api = apiOf(page, await loginAs(page, 'academy.officer'));
  const taken = new Set((await api.get(`${API}/years`)).map((y) => y.year));
  const year = [...Array(23).keys()].map((i) => 2000 + i).find((y) => !taken.has(y));
  assert.ok(year, 'a free campaign year for the test');
  await api.post(`${API}/years`, { year, theme: `Thử nghiệm trình duyệt ${TAG}` });
  const info = await api.get(`${API}/years/${year}`);
  for (const d of info.deadlines) {
    await api.put(`${API}/deadlines/${d.id}`, { due_date: addDays(info.today, 10), lock_date: addDays(info.today, 20) });
  }
  const schools = await api.get(`${API}/schools?year=${year}`);
  const p01 = schools.find((s) => s.code === 'P01-TCT');
  const p02 = schools.find((s) => s.code === 'P02-TCT');
  const { id: cluster } = await api.post(`${API}/years/${year}/clusters`, { code: `E2E${TAG}`, name: `Cụm thử nghiệm ${TAG}` });
  await api.post(`${API}/clusters/${cluster}/members`, { school: p01.id });
  await api.post(`${API}/clusters/${cluster}/members`, { school: p02.id });
  await api.put(`${API}/clusters/${cluster}`, { name: `Cụm thử nghiệm ${TAG}`, head_school: p01.id, deputy_school: p02.id });
  await page.context().close();
  return { year, cluster, p01, p02 };
}

async function fillScores(page, criteria) {
  for (const c of criteria) {
    await page.getByLabel(`Điểm tiêu chí ${c.code}`, { exact: true }).fill(c.kind === 'score' ? c.max_points.replace('.', ',') : '0');
  }
}

test('plan, self-score, cross-check, finalise, ranking', async () => {
  const { year, cluster, p01 } = await setUp();

  // -- 1. the school submits its plan (Mẫu số 01) -----------------------------
  const school = await newPage(browser);
  await loginAs(school, 'hn.school');
  await school.goto(`/emulation/?year=${year}`);
  await school.getByRole('heading', { name: `Thi đua cụm trường năm ${year}` }).waitFor();
  await school.getByRole('link', { name: /Kế hoạch triển khai phong trào thi đua.*Mẫu số 01/ }).click();
  await school.waitForURL(/submission\.html/);
  await school.getByLabel('Tệp hồ sơ').setInputFiles({ name: 'ke-hoach-mau-01.pdf', mimeType: 'application/pdf', buffer: PDF });
  await school.getByRole('button', { name: 'Tải tệp lên' }).click();
  await school.locator('#files').getByRole('link', { name: 'ke-hoach-mau-01.pdf' }).waitFor();
  await school.getByLabel('Đăng ký thi đua').fill('Đăng ký danh hiệu Tập thể Lao động xuất sắc');
  await school.getByRole('button', { name: 'Lưu', exact: true }).click();
  await school.getByText('Đã lưu.').waitFor();
  await school.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await school.getByText('Đã nộp hồ sơ.').waitFor();
  await school.locator('.badge[data-code="submitted"]').first().waitFor();
  await school.locator('.badge[data-code="on_time"]').first().waitFor();
  await screenshot(school, 'emulation-plan-submitted');
  const my = await (await school.request.get(`${API}/years/${year}/my`)).json();
  assert.equal(my.school_items.find((i) => i.kind === 'plan').state, 'submitted');
  assert.equal(my.evaluation, 'evaluated');

  // -- … and scores itself ------------------------------------------------------
  await school.goto(`/emulation/?year=${year}`);
  await school.getByRole('link', { name: /Phiếu tự chấm điểm/ }).click();
  await school.waitForURL(/scorecard\.html/);
  const own = await (await school.request.get(`${API}/years/${year}/scorecards/${p01.id}?role=self`)).json();
  await fillScores(school, own.criteria);
  const c21 = own.criteria.find((c) => c.code === '2.1');
  await school.getByLabel('Điểm tiêu chí 2.1', { exact: true }).fill('99');
  await school.getByRole('button', { name: 'Lưu điểm' }).click();
  await school.locator(`#p-${c21.id}-error`).getByText(/vượt điểm tối đa/).waitFor();
  assert.equal(await school.getByLabel('Điểm tiêu chí 2.1', { exact: true }).getAttribute('aria-invalid'), 'true');
  await screenshot(school, 'emulation-score-above-max');
  const untouched = await (await school.request.get(`${API}/years/${year}/scorecards/${p01.id}?role=self`)).json();
  assert.equal(untouched.card, null, 'a refused save writes nothing');
  await school.getByLabel('Điểm tiêu chí 2.1', { exact: true }).fill('14,5');
  await school.getByRole('button', { name: 'Gửi phiếu chấm điểm' }).click();
  await school.getByText('Đã gửi phiếu chấm điểm.').waitFor();
  await school.locator('#total').getByText('99,5').waitFor();
  await screenshot(school, 'emulation-self-score-sent');
  assertNoProblems(school);

  // -- 2. the head assigns cross-checks ------------------------------------------
  const head = await newPage(browser);
  await loginAs(head, 'hn.school.head');
  await head.goto(`/emulation/cluster.html?id=${cluster}`);
  await head.getByRole('button', { name: 'Phân công kiểm tra chéo xoay vòng' }).click();
  await head.getByText('Đã phân công 2 trường.').waitFor();
  await screenshot(head, 'emulation-cluster-dashboard');

  // -- 3. the other school cross-checks ----------------------------------------------
  const other = await newPage(browser);
  await loginAs(other, 'hue.school');
  await other.goto(`/emulation/scores.html?id=${cluster}`);
  await other.locator('#hidden-note').waitFor();  // not published yet
  await other.goto(`/emulation/?year=${year}`);
  await other.getByRole('link', { name: /Kiểm tra chéo: Trường Đào tạo cán bộ Lê Hồng Phong/ }).click();
  await other.waitForURL(/role=cross/);
  const check = await (await other.request.get(`${API}/years/${year}/scorecards/${p01.id}?role=cross`)).json();
  assert.equal(check.criteria.find((c) => c.code === '2.1').self_points, '14.5', 'the checker sees the self-score');
  await fillScores(other, check.criteria);
  await other.getByLabel('Điểm tiêu chí 2.1', { exact: true }).fill('14');
  await other.getByRole('button', { name: 'Gửi kết quả kiểm tra chéo' }).click();
  await other.getByText('Đã gửi kết quả kiểm tra chéo.').waitFor();
  await screenshot(other, 'emulation-cross-check-sent');

  // -- 4. the head finalises; the ranking appears ---------------------------------
  await head.goto(`/emulation/scores.html?id=${cluster}`);
  await head.getByText('Bảng điểm tạm tính').waitFor();
  await head.getByRole('button', { name: 'Hoàn tất bảng điểm' }).click();
  await head.getByRole('dialog').getByRole('button', { name: 'Hoàn tất' }).click();
  await head.getByText('Đã hoàn tất bảng điểm').first().waitFor();
  const row = head.locator(`tr[data-key="${p01.id}"]`);
  await row.waitFor();
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0].trim(), '1', 'rank 1');
  assert.equal(cells[4].trim(), '99', 'the cluster ranks on the cross-check');
  assert.match(cells[6], /Đề nghị tặng Cờ thi đua/);
  await screenshot(head, 'emulation-ranking-finalised');
  assertNoProblems(head);

  await other.goto(`/emulation/scores.html?id=${cluster}`);
  const seen = other.locator(`tr[data-key="${p01.id}"]`);
  await seen.waitFor();
  assert.equal((await seen.locator('td').first().textContent()).trim(), '1');
  await screenshot(other, 'emulation-ranking-published');
  assertNoProblems(other);
});
