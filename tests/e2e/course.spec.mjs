// The course module end to end in Chromium, as the people involved use it:
// a commune organiser registers the commune's bridge point, the province
// approves it, the organiser uploads the participant list (dry run, then
// import) and marks session 1; a participant registers on the public form
// and submits an essay; the province's organization board acknowledges it.
//
// The test builds its own world (a province with its board and a commune,
// three users, a course) with cadre-admin and SQL on the private stack that
// scripts/test-e2e.sh starts, and moves the clock with X-Cadre-Now (the
// stack allows it) through the course's calendar.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { stack, baseURL, launch, newPage, screenshot, assertNoProblems } from './lib/cadre.mjs';

const BUILD = process.env.CADRE_BUILD || path.resolve('build');
const CONF = path.join(stack.dir, 'cadre.conf');
const PASSWORD = 'Course#E2E-2026';
const TAG = `E${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
const T = {
  register: '2026-05-20 10:00:00',
  session1: '2026-05-23 08:05:00',
  essay: '2026-06-01 09:00:00',
  review: '2026-06-02 09:00:00',
};

function sql(statement) {
  return execFileSync('mariadb', ['--no-defaults', `--socket=${stack.db_socket}`, '-uroot', '-N', '-B', 'cadre', '-e', statement],
    { encoding: 'utf8' }).trim();
}

function admin(...args) {
  return execFileSync(path.join(BUILD, 'cadre-admin'), ['-c', CONF, ...args], { encoding: 'utf8' });
}

const world = {};

before(() => {
  const root = sql("SELECT id FROM agency WHERE code = 'VN'");
  sql(`INSERT IGNORE INTO agency_module (agency_id, module, enabled) VALUES (${root}, 'course', 1)`);
  sql(`INSERT INTO agency (parent_id, kind, code, name, scope) VALUES (${root}, 'province', '${TAG}-P', 'Tỉnh Thử Nghiệm ${TAG}', 'own')`);
  const province = sql(`SELECT id FROM agency WHERE code = '${TAG}-P'`);
  sql(`INSERT INTO agency (parent_id, kind, code, name, scope) VALUES (${province}, 'province_board', '${TAG}-P-BTC', 'Ban Tổ chức Tỉnh ủy ${TAG}', 'parent')`);
  sql(`INSERT INTO agency (parent_id, kind, code, name, scope) VALUES (${province}, 'commune', '${TAG}-X1', 'Xã Hòa Bình ${TAG}', 'own')`);
  world.commune = sql(`SELECT id FROM agency WHERE code = '${TAG}-X1'`);
  const users = { org: [`${TAG}-X1`, 'organizer'], prov: [`${TAG}-P`, 'admin officer reviewer organizer'], board: [`${TAG}-P-BTC`, 'reviewer'] };
  world.logins = {};
  for (const [key, [agency, roles]] of Object.entries(users)) {
    const login = `e2e.${TAG.toLowerCase()}.${key}`;
    admin('user', 'add', login, '--agency', agency, '--roles', roles, '--password', PASSWORD, '--name', `Cán bộ ${key} ${TAG}`);
    world.logins[key] = login;
  }
  const code = `E2E-${TAG}`;
  sql(`INSERT INTO course_course (code, title, host_agency_id, start_date, end_date, opens_at, closes_at,
        bridge_reg_closes_at, reg_opens_at, reg_closes_at, essay_opens_at, essay_due_at, essay_cutoff_at)
       VALUES ('${code}', 'Lớp bồi dưỡng cán bộ cơ sở ${TAG}', ${root}, '2026-05-23', '2026-05-24',
        '2026-05-23 08:00:00', '2026-05-24 16:30:00', '2026-05-21 17:00:00', '2026-05-15 00:00:00',
        '2026-05-23 08:00:00', '2026-05-24 16:30:00', '2026-06-07 23:59:59', '2026-06-14 23:59:59')`);
  world.course = sql(`SELECT id FROM course_course WHERE code = '${code}'`);
  const titles = ['Quản trị toàn diện, kiến tạo phát triển của cấp xã', 'Lãnh đạo, điều hành phát triển ở cấp xã',
    'Điểm nghẽn thể chế và rào cản nội sinh', 'Ra quyết định dựa trên dữ liệu, sử dụng AI'];
  titles.forEach((t, i) => sql(`INSERT INTO course_topic (course_id, no, title) VALUES (${world.course}, ${i + 1}, '${t}')`));
  const sessions = [['2026-05-23 08:00:00', '2026-05-23 11:30:00'], ['2026-05-23 13:30:00', '2026-05-23 16:30:00'],
    ['2026-05-24 08:00:00', '2026-05-24 11:30:00'], ['2026-05-24 13:30:00', '2026-05-24 16:30:00']];
  sessions.forEach(([s, e], i) => sql(`INSERT INTO course_session (course_id, seq, topic_id, title, starts_at, ends_at, checkin_code)
    SELECT ${world.course}, ${i + 1}, id, 'Chuyên đề ${i + 1}', '${s}', '${e}', 'S${i + 1}-${TAG}' FROM course_topic
    WHERE course_id = ${world.course} AND no = ${i + 1}`));
  world.session1 = sql(`SELECT id FROM course_session WHERE course_id = ${world.course} AND seq = 1`);
});

const browser = await launch();
after(() => browser.close());

async function personPage(who, now) {
  const page = await newPage(browser);
  await page.context().setExtraHTTPHeaders({ 'X-Cadre-Now': now });
  if (who) {
    const res = await page.context().request.post('/api/core/login', {
      data: { login: world.logins[who], password: PASSWORD },
      headers: { Origin: new URL(baseURL).origin },
    });
    assert.equal(res.status(), 200, `login ${who}: ${await res.text()}`);
  }
  return page;
}

async function setNow(page, now) {
  await page.context().setExtraHTTPHeaders({ 'X-Cadre-Now': now });
}

const participantCccd = `7${crypto.randomInt(10 ** 10, 10 ** 11 - 1)}`;
const participantPhone = `09${crypto.randomInt(10 ** 7, 10 ** 8 - 1)}`;

test('a commune organiser registers the bridge point and the province approves it', async () => {
  const org = await personPage('org', T.register);
  await org.goto(`/course/bridge-points.html?course=${world.course}`);
  await org.click('#bp-new');
  const select = org.locator('#bp-form-agency_id');
  await select.locator(`option[value="${world.commune}"]`).waitFor({ state: 'attached' });
  await select.selectOption(String(world.commune));
  await org.fill('#bp-form-address', 'Hội trường Ủy ban nhân dân xã Hòa Bình');
  await org.fill('#bp-form-organizer_name', 'Nguyễn Văn Tổ Chức');
  await org.fill('#bp-form-contact_phone', '0912 345 678');
  await org.fill('#bp-form-seats', '40');
  await org.fill('#bp-form-expected', '30');
  await screenshot(org, 'course-01-register-bridge-point');
  await org.click('#bp-form button[type=submit]');
  await org.getByText(`Đã gửi đăng ký điểm cầu ${TAG}-X1`).waitFor();
  await org.getByRole('cell', { name: `${TAG}-X1`, exact: true }).waitFor();
  assert.equal(sql(`SELECT status FROM course_bridge_point WHERE course_id = ${world.course}`), 'submitted');
  assertNoProblems(org);
  await org.context().close();

  const prov = await personPage('prov', T.register);
  await prov.goto(`/course/bridge-points.html?course=${world.course}`);
  await prov.getByRole('row', { name: new RegExp(`${TAG}-X1`) }).getByRole('button', { name: 'Xem' }).click();
  await prov.getByRole('button', { name: 'Duyệt' }).click();
  await prov.getByText('Đã duyệt điểm cầu.').waitFor();
  await screenshot(prov, 'course-02-province-approved');
  assert.equal(sql(`SELECT status FROM course_bridge_point WHERE course_id = ${world.course}`), 'approved');
  assertNoProblems(prov);
  await prov.context().close();
});

test('the organiser uploads the participant list: dry run, then import', async () => {
  const org = await personPage('org', T.register);
  await org.goto(`/course/participants.html?course=${world.course}`);
  const csv = '\ufeffHọ và tên;Số CCCD;Điện thoại;Chức vụ;Đơn vị;Đối tượng\r\n'
    + `Trần Văn Bình;6${crypto.randomInt(10 ** 10, 10 ** 11 - 1)};0912000001;Bí thư Đảng ủy;Đảng ủy xã;Cán bộ lãnh đạo, quản lý cấp xã\r\n`
    + `Lê Thị Cúc;6${crypto.randomInt(10 ** 10, 10 ** 11 - 1)};0912000002;Chủ tịch UBND;UBND xã;Cán bộ lãnh đạo, quản lý cấp xã\r\n`
    + `Phạm Văn Dũng;6${crypto.randomInt(10 ** 10, 10 ** 11 - 1)};0912000003;Trưởng phòng Kinh tế;UBND xã;Khác\r\n`;
  await org.locator('#bp-select').selectOption({ index: 1 });
  await org.setInputFiles('#import-file', { name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await org.click('#import-dry');
  await org.locator('#import-summary').filter({ hasText: 'Chạy thử: 3 dòng — thêm mới 3' }).waitFor();
  await screenshot(org, 'course-03-import-dry-run');
  assert.equal(sql(`SELECT COUNT(*) FROM course_registration WHERE course_id = ${world.course}`), '0');
  await org.click('#import-go');
  await org.locator('#import-summary').filter({ hasText: 'Đã nhập: 3 dòng' }).waitFor();
  await org.getByRole('cell', { name: 'Lê Thị Cúc' }).first().waitFor();
  assert.equal(sql(`SELECT COUNT(*) FROM course_registration WHERE course_id = ${world.course}`), '3');
  await screenshot(org, 'course-04-imported');
  assertNoProblems(org);
  await org.context().close();
});

test('a participant registers on the public form', async () => {
  const page = await personPage(null, T.register);
  await page.goto(`/course/dang-ky.html?diem-cau=${TAG}-X1`);
  await page.fill('#reg-full_name', 'Hoàng Thị Én');
  await page.fill('#reg-cccd', participantCccd);
  await page.fill('#reg-position', 'Phó Chủ tịch UBND xã');
  await page.fill('#reg-unit', 'UBND xã Hòa Bình');
  await page.fill('#reg-phone', participantPhone);
  await page.check('#reg-category-0');
  await page.click('#reg button[type=submit]');
  const ticket = await page.locator('#ticket').textContent();
  assert.match(ticket, /^[A-Z0-9]{10}$/);
  await screenshot(page, 'course-05-public-registration');
  assert.equal(sql(`SELECT source FROM course_registration WHERE course_id = ${world.course} AND cccd = '${participantCccd}'`), 'self');
  assertNoProblems(page);
  await page.context().close();
});

test('the organiser marks session 1 for the whole bridge point', async () => {
  const org = await personPage('org', T.session1);
  await org.goto(`/course/attendance.html?course=${world.course}&session=${world.session1}`);
  await org.getByRole('rowheader', { name: 'Hoàng Thị Én' }).waitFor();
  await org.click('#all-present');
  await org.click('#roster-send');
  await org.getByText('Đã ghi nhận điểm danh 4 người.').waitFor();
  await screenshot(org, 'course-06-roster');
  assert.equal(sql(`SELECT COUNT(*) FROM course_attendance WHERE session_id = ${world.session1} AND status = 'present'`), '4');
  assertNoProblems(org);
  await org.context().close();
});

test('the participant submits an essay and the province board acknowledges it', async () => {
  const page = await personPage(null, T.essay);
  await page.goto('/course/thu-hoach.html');
  await page.fill('#essay-cccd', participantCccd);
  await page.fill('#essay-phone', participantPhone);
  await page.fill('#essay-title', 'Giải pháp tháo gỡ điểm nghẽn ở xã Hòa Bình');
  await page.fill('#essay-body', 'Qua bốn chuyên đề, tôi rút ra bài học về quản trị cấp xã.');
  await page.fill('#essay-proposal_1', 'Đề nghị phân cấp mạnh hơn cho cấp xã.');
  await page.click('#essay button[type=submit]');
  const receipt = await page.locator('#receipt').textContent();
  assert.match(receipt, /^BTH-/);
  await screenshot(page, 'course-07-essay-submitted');
  assertNoProblems(page);
  await page.context().close();

  const board = await personPage('board', T.review);
  await board.goto(`/course/essays.html?course=${world.course}`);
  await board.getByRole('row', { name: new RegExp('Hoàng Thị Én') }).getByRole('button', { name: 'Xem' }).click();
  await board.getByText('Đề nghị phân cấp mạnh hơn cho cấp xã.').waitFor();
  await screenshot(board, 'course-08-board-reads-essay');
  await board.click('#essay-ack');
  await board.fill('#essay-acknowledge-comment', 'Bài viết có nhiều đề xuất sát thực tiễn.');
  await board.click('#essay-acknowledge button[type=submit]');
  await board.getByText('Đã xác nhận nhận bài thu hoạch.').waitFor();
  assert.equal(sql(`SELECT e.status FROM course_essay e JOIN course_registration r ON r.id = e.registration_id
    WHERE r.cccd = '${participantCccd}'`), 'acknowledged');
  await screenshot(board, 'course-09-board-acknowledged');
  assertNoProblems(board);
  await board.context().close();
});

test('the province reads who may be given the certificate and can download the list', async () => {
  const prov = await personPage('prov', T.review);
  await prov.goto(`/course/reports.html?course=${world.course}`);
  await prov.selectOption('#r-report', 'certificates');
  await prov.click('form.filters button[type=submit]');
  const sessions = sql(`SELECT COUNT(*) FROM course_session WHERE course_id = ${world.course}`);
  const registered = sql(`SELECT COUNT(*) FROM course_registration WHERE course_id = ${world.course} AND status = 'confirmed'`);
  // Hoàng Thị Én's essay is acknowledged but she attended session 1 only.
  const lead = prov.locator('#report p.lead');
  await lead.waitFor();
  const text = await lead.textContent();
  assert.ok(text.includes(`Đủ điều kiện cấp giấy chứng nhận 0 / ${registered} học viên`), text);
  assert.ok(text.includes(`dự ${sessions} / ${sessions} buổi`), text);
  await prov.getByRole('columnheader', { name: 'Dự đủ, bài chờ tiếp nhận' }).waitFor();
  const link = prov.getByRole('link', { name: 'Tải danh sách đủ điều kiện cấp giấy chứng nhận (Excel)' });
  assert.match(await link.getAttribute('href'), /\/api\/course\/reports\/certificates\/eligible\?.*format=xlsx/);
  await screenshot(prov, 'course-10-certificates');
  assertNoProblems(prov);
  await prov.context().close();
});

test('the province board adds up the proposals by topic', async () => {
  const board = await personPage('board', T.review);
  await board.goto(`/course/reports.html?course=${world.course}`);
  await board.selectOption('#r-report', 'proposals');
  await board.click('form.filters button[type=submit]');
  const proposals = sql(`SELECT COUNT(*) FROM course_essay_proposal p JOIN course_essay e ON e.id = p.essay_id
    WHERE e.course_id = ${world.course} AND e.status <> 'returned'`);
  const essays = sql(`SELECT COUNT(*) FROM course_essay WHERE course_id = ${world.course} AND status <> 'returned'`);
  const lead = board.locator('#report p.lead');
  await lead.waitFor();
  assert.ok((await lead.textContent()).startsWith(`${proposals} kiến nghị, đề xuất trong ${essays} / ${essays} bài`), await lead.textContent());
  await board.getByRole('columnheader', { name: 'Chuyên đề 1', exact: true }).waitFor();
  const link = board.getByRole('link', { name: 'Tải toàn bộ kiến nghị, đề xuất (Excel)' });
  const xlsx = await board.context().request.get(await link.getAttribute('href'));
  assert.equal(xlsx.status(), 200);
  assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
  const pdf = await board.context().request.get(await board.getByRole('link', { name: 'Xuất PDF' }).getAttribute('href'));
  assert.equal(pdf.status(), 200);
  assert.equal(pdf.headers()['content-type'], 'application/pdf');
  assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
  await screenshot(board, 'course-11-proposals');
  assertNoProblems(board);
  await board.context().close();
});
