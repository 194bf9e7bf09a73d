// index.js — the course at a glance: plan, dates, venue, topics and
// sessions, the windows that the rules apply, and the way to each task.

import { initShell } from '/assets/js/shell.js';
import { $, h } from '/assets/js/dom.js';
import { formatDate, formatDateTime } from '/assets/js/format.js';
import { currentCourse, courseNav, showError } from '/course/common.js';

const session = await initShell({ module: 'course', title: 'Lớp bồi dưỡng cán bộ cơ sở' });
if (session) start();

function fact(label, value) {
  return [h('dt', null, label), h('dd', null, value || '—')];
}

async function start() {
  const content = $('#content');
  let course;
  try {
    course = await currentCourse();
  } catch (e) {
    showError(content, e);
    return;
  }
  if (!course) {
    content.append(h('p', { class: 'notice notice-info' }, 'Chưa có lớp bồi dưỡng nào.'));
    return;
  }
  $('h1').textContent = course.title;
  content.append(
    courseNav('index', course),
    h('dl', { class: 'facts' },
      fact('Kế hoạch', course.plan_no ? `Số ${course.plan_no}${course.plan_date ? `, ngày ${formatDate(course.plan_date)}` : ''}` : null),
      fact('Thời gian', `${formatDate(course.start_date)} – ${formatDate(course.end_date)} (khai giảng ${formatDateTime(course.opens_at)}, bế giảng ${formatDateTime(course.closes_at)})`),
      fact('Hình thức', [course.mode_in_person ? 'Trực tiếp' : null, course.mode_online ? 'Trực tuyến tới các điểm cầu' : null].filter(Boolean).join(', ')),
      fact('Địa điểm', course.venue),
      fact('Chủ trì', course.chair),
      fact('Đối tượng', course.audience),
      fact('Hạn đăng ký điểm cầu', formatDateTime(course.bridge_reg_closes_at)),
      fact('Học viên đăng ký', `${formatDateTime(course.reg_opens_at)} – ${formatDateTime(course.reg_closes_at)}`),
      fact('Nộp bài thu hoạch', `từ ${formatDateTime(course.essay_opens_at)}, hạn ${formatDateTime(course.essay_due_at)}, nhận muộn đến ${formatDateTime(course.essay_cutoff_at)}`),
      fact('Liên hệ', course.contacts)),
    h('h2', null, 'Chuyên đề'),
    h('ol', null, (course.topics || []).map((t) => h('li', null, `Chuyên đề ${t.no}: ${t.title}`))),
    h('h2', null, 'Buổi học'),
    sessionsTable(course),
    h('h2', null, 'Trang dành cho học viên (không cần tài khoản)'),
    h('ul', { class: 'cards' },
      card('/course/dang-ky.html', 'Đăng ký tham dự', 'Học viên tự đăng ký bằng mã điểm cầu.'),
      card('/course/diem-danh.html', 'Tự điểm danh', 'Nhập mã điểm danh được công bố trong buổi học.'),
      card('/course/thu-hoach.html', 'Nộp bài thu hoạch', 'Sau khi kết thúc lớp học.'),
      card('/course/tra-cuu.html', 'Tra cứu đăng ký', 'Xem lại mã đăng ký, điểm cầu, tình trạng bài thu hoạch.')),
  );
}

function card(href, title, text) {
  return h('li', null, h('a', { class: 'card', href }, h('span', { class: 'card-title' }, title), h('span', { class: 'card-text' }, text)));
}

function sessionsTable(course) {
  const codes = new Map((course.checkin_codes || []).map((c) => [c.id, c.checkin_code]));
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Các buổi học', tabindex: 0 }, h('table', { class: 'data-table' },
    h('caption', { class: 'visually-hidden' }, 'Các buổi học'),
    h('thead', null, h('tr', null, ['Buổi', 'Nội dung', 'Bắt đầu', 'Kết thúc', 'Báo cáo viên', 'Mã điểm danh'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, (course.sessions || []).map((s) => h('tr', null,
      h('td', null, String(s.seq)), h('td', null, s.title), h('td', null, formatDateTime(s.starts_at)),
      h('td', null, formatDateTime(s.ends_at)), h('td', null, s.speaker || '—'), h('td', null, codes.get(s.id) || '—'))))));
}
