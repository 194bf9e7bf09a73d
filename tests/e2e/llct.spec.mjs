// Intermediate political-theory training in the browser, as Hanoi's
// officials use it: open the 2024 plan (imported by the demo from the seed),
// look at its figures against what the plan declares, take one class from
// the announcement to the opening decision — including a date the rules
// refuse — admit, enrol and graduate a learner, and issue the diploma from
// the school's blank stock (demo: LL000001–LL000500 at P01-TCT).
//
// Runs on the private stack of scripts/test-e2e.sh (demo data loaded):
// hn.admin is admin and officer at Thành ủy Hà Nội (P01), whose scope holds
// the school P01-TCT; hn.school.head is the principal (reviewer). Dates are
// set relative to today, in the past, so every rule of the plan holds.
// Screenshots: CADRE_E2E_OUT.

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, newPage, loginAs, screenshot, assertNoProblems } from './lib/cadre.mjs';

const CLASS = 'TW 16';
const DAY = 86400000;
// One day before today (UTC): never ahead of the server's Vietnam date.
const T = Date.now() - DAY;
const iso = (offset) => new Date(T + offset * DAY).toISOString().slice(0, 10);
const vn = (offset) => iso(offset).split('-').reverse().join('/');

const browser = await launch();
after(() => browser.close());

async function api(page, path) {
  const r = await page.request.get(path);
  assert.equal(r.status(), 200, `${path}: ${r.status()}`);
  return r.json();
}

/** Opens step k's dialog, fills it, saves, waits for the notice. */
async function saveStep(page, k, fields, { complete = true, expect = `Đã lưu bước ${k}.` } = {}) {
  await page.getByRole('button', { name: `Cập nhật bước ${k}`, exact: true }).click();
  const dialog = page.getByRole('dialog');
  for (const [label, value] of Object.entries(fields)) {
    await dialog.getByLabel(label, { exact: true }).fill(value);
  }
  if (complete) await dialog.getByLabel('Đánh dấu hoàn thành bước này').check();
  await dialog.getByRole('button', { name: 'Lưu bước' }).click();
  if (expect) await page.getByText(expect).first().waitFor();
  return dialog;
}

async function moveLearner(page, learnerId, state, on, extra = {}) {
  await page.locator(`#learners tr[data-key="${learnerId}"]`).getByRole('button', { name: 'Chuyển trạng thái' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Trạng thái mới').selectOption({ label: state });
  await dialog.getByLabel('Ngày chuyển trạng thái').fill(on);
  for (const [label, value] of Object.entries(extra)) await dialog.getByLabel(label, { exact: true }).fill(value);
  await dialog.getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.getByText(`: ${state}`).first().waitFor();
}

test('a class from announcement to opening decision, then a diploma', async () => {
  const page = await newPage(browser);
  await loginAs(page, 'hn.admin');

  // -- the plan and its figures ------------------------------------------------
  await page.goto('/llct/');
  await page.getByRole('heading', { name: /^Kế hoạch số 245-KH\/TU/ }).waitFor();
  const plans = await api(page, '/api/llct/plans');
  const plan = await api(page, `/api/llct/plans/${plans[0].id}`);
  // the figures shown are the plan's own: 2.206 learners, checked, not typed in here
  assert.equal(plan.figures.overall.learners, plan.target_total);
  await page.locator('#figures').getByText('Toàn kế hoạch').waitFor();
  await page.locator('#classes').getByRole('link', { name: CLASS, exact: true }).waitFor();
  await screenshot(page, 'llct-plan');
  await page.locator('#classes').getByRole('link', { name: CLASS, exact: true }).click();
  await page.waitForURL(/class\.html\?id=/);
  const classId = Number(new URL(page.url()).searchParams.get('id'));
  await page.getByRole('heading', { name: `Lớp ${CLASS}` }).waitFor();

  // -- dates of the class ------------------------------------------------------------
  await page.getByText('Hình thức, sĩ số và ngày của lớp').click();
  await page.getByLabel('Ngày khai giảng').fill(vn(-10));
  await page.getByLabel('Ngày nhập học (theo giấy báo)').fill(vn(-10));
  await page.getByLabel('Ngày kết thúc khóa học').fill(vn(0));
  await page.getByLabel('Ngày kết thúc học phần thứ nhất').fill(vn(-5));
  await page.getByRole('button', { name: 'Lưu thông tin lớp' }).click();
  await page.getByText('Đã lưu thông tin lớp.').waitFor();

  // -- step 1: a date the rules refuse, then a good one --------------------------------
  const refused = await saveStep(page, 1, { 'Ngày gửi thông báo tuyển sinh': vn(-60), 'Số văn bản': 'TB-01/TĐT' },
    { expect: null });
  await refused.getByText(/sớm hơn 45 ngày trước khai giảng/).waitFor();
  await screenshot(page, 'llct-step1-refused');
  await refused.getByLabel('Ngày gửi thông báo tuyển sinh', { exact: true }).fill(vn(-50));
  await refused.getByRole('button', { name: 'Lưu bước' }).click();
  await page.getByText('Đã lưu bước 1.').first().waitFor();

  // -- a dossier ----------------------------------------------------------------------
  await page.getByRole('button', { name: 'Thêm hồ sơ dự tuyển' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('Đơn vị cử đi học').selectOption({ index: 1 });
  await form.getByLabel('Họ và tên').fill('Phạm Thị Thu Hà');
  await form.getByLabel('Ngày sinh').fill('12/07/1986');
  await form.getByLabel('Số căn cước công dân').fill(`0011860${String(Date.now()).slice(-5)}`);
  await form.getByLabel('Chức vụ').fill('Phó Trưởng phòng');
  await form.getByLabel('Ngày nộp hồ sơ').fill(vn(-49));
  await form.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await page.getByText('Đã nhận hồ sơ dự tuyển.').waitFor();
  const learners = await api(page, `/api/llct/classes/${classId}/learners`);
  const learner = learners.find((l) => l.full_name === 'Phạm Thị Thu Hà');
  assert.ok(learner, 'the dossier is stored');

  // -- steps 2–4: reception, review, admission decision ------------------------------------
  await saveStep(page, 2, { 'Ngày hết hạn nhận hồ sơ': vn(-48) });
  await moveLearner(page, learner.id, 'Đang xét hồ sơ', vn(-33));
  await moveLearner(page, learner.id, 'Đủ điều kiện', vn(-32));
  await saveStep(page, 3, { 'Ngày bắt đầu xét hồ sơ': vn(-33), 'Ngày kết thúc xét hồ sơ': vn(-32) });
  await saveStep(page, 4, {
    'Ngày báo cáo kết quả với Ban Tổ chức': vn(-30), 'Ngày có ý kiến thẩm định': vn(-29),
    'Ngày quyết định công nhận trúng tuyển': vn(-29), 'Số văn bản': 'QĐ 41/QĐ-TĐT',
  }, { expect: '1 hồ sơ được công nhận trúng tuyển.' });

  // -- step 5: contract and fees with the sending unit ------------------------------------
  await page.getByRole('button', { name: 'Ghi hợp đồng, kinh phí' }).click();
  const contract = page.getByRole('dialog');
  await contract.getByLabel('Đơn vị cử người đi học').selectOption({ index: 1 });
  await contract.getByLabel('Số hợp đồng').fill('HĐ 16/2024');
  await contract.getByLabel('Ngày ký hợp đồng').fill(vn(-28));
  await contract.getByLabel('Kinh phí (đồng)').fill('96000000');
  await contract.getByLabel('Ngày nộp kinh phí').fill(vn(-28));
  await contract.getByRole('button', { name: 'Lưu hợp đồng' }).click();
  await page.getByText('Đã lưu hợp đồng.').waitFor();
  await saveStep(page, 5, { 'Ngày hoàn thành ký hợp đồng, thu kinh phí': vn(-28) });

  // -- step 6, enrolment, step 7 -----------------------------------------------------------
  await saveStep(page, 6, { 'Ngày gửi giấy báo nhập học': vn(-26), 'Số văn bản': 'GB 16' });
  await moveLearner(page, learner.id, 'Đã nhập học', vn(-10));
  await saveStep(page, 7, { 'Ngày quyết định mở lớp': vn(-9), 'Số văn bản': 'QĐ 77/QĐ-TĐT' },
    { expect: '1 học viên vào lớp.' });
  const opened = await api(page, `/api/llct/classes/${classId}`);
  assert.equal(opened.status, 'opened');
  assert.ok(opened.steps.every((s) => s.completed), 'all seven steps are done');
  await screenshot(page, 'llct-class-opened');

  // -- graduation and the diploma ------------------------------------------------------------
  await moveLearner(page, learner.id, 'Tốt nghiệp', vn(-1));
  await page.locator(`#learners tr[data-key="${learner.id}"]`).getByRole('button', { name: 'Cấp bằng' }).click();
  const issue = page.getByRole('dialog');
  await issue.getByLabel('Số hiệu phôi bằng').fill('LL000001');
  await issue.getByLabel('Ngày cấp').fill(vn(0));
  await issue.getByLabel('Số vào sổ cấp bằng').fill('SVS 2024/001');
  await issue.getByRole('button', { name: 'Cấp bằng' }).click();
  await page.getByText('Đã cấp bằng cho Phạm Thị Thu Hà.').waitFor();
  await page.locator(`#learners tr[data-key="${learner.id}"]`).getByText('LL000001').waitFor();
  const after = (await api(page, `/api/llct/classes/${classId}/learners`)).find((l) => l.id === learner.id);
  assert.equal(after.state, 'graduated');
  assert.equal(after.diploma_serial, 'LL000001');
  await screenshot(page, 'llct-diploma-issued');

  // the school's stock now shows one issued blank in its range
  await page.goto('/llct/blanks.html');
  const holdings = await api(page, '/api/llct/blanks/holdings');
  const school = holdings.find((x) => x.first_serial === 'LL000001');
  assert.equal(school.issued, 1);
  await page.getByRole('cell', { name: 'LL000001' }).first().waitFor();
  await screenshot(page, 'llct-blanks');

  // the summary list for the organization board, printable
  await page.goto(`/llct/print.html?class=${classId}`);
  await page.getByRole('cell', { name: 'Phạm Thị Thu Hà' }).waitFor();
  await screenshot(page, 'llct-roster-print');

  assertNoProblems(page);
});
