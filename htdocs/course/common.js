// common.js — what every page of the course module shares: the course being
// worked on (?course=ID, else the latest), labels of states, badges, the
// module's sub-navigation.

import { h } from '/assets/js/dom.js';
import { get } from '/assets/js/api.js';

export const BP_STATUS = {
  submitted: ['Chờ duyệt', 'badge-warn'],
  approved: ['Đã duyệt', 'badge-ok'],
  returned: ['Bị trả lại', 'badge-off'],
};
export const CONNECTION = {
  untested: ['Chưa thử', 'badge-info'],
  ok: ['Kết nối đạt', 'badge-ok'],
  failed: ['Kết nối lỗi', 'badge-off'],
};
export const LEVEL = { academy: 'Học viện', province: 'Tỉnh, thành phố', commune: 'Xã, phường, đặc khu' };
export const CATEGORY = {
  commune_leader: 'Cán bộ lãnh đạo, quản lý cấp xã',
  school_lecturer: 'Giảng viên trường chính trị tỉnh',
  other: 'Đối tượng khác do tỉnh quyết định',
};
export const MARK = {
  present: ['Có mặt', 'badge-ok'],
  late: ['Đến muộn', 'badge-warn'],
  excused: ['Vắng có phép', 'badge-info'],
  absent: ['Vắng', 'badge-off'],
};
export const ESSAY_STATUS = {
  submitted: ['Chờ tiếp nhận', 'badge-warn'],
  acknowledged: ['Đã tiếp nhận', 'badge-ok'],
  returned: ['Trả lại', 'badge-off'],
};

export function badge(map, code) {
  const [label, cls] = map[code] || [code || '—', 'badge-info'];
  return h('span', { class: `badge ${cls}` }, label);
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** The course the page is about: ?course=ID, else the newest course. */
export async function currentCourse() {
  const id = param('course');
  if (id) return get(`/api/course/courses/${encodeURIComponent(id)}`);
  const list = await get('/api/course/courses');
  if (!list.length) return null;
  return get(`/api/course/courses/${list[0].id}`);
}

/** Links between the module's pages, keeping the course. */
export function courseNav(current, course) {
  const q = course ? `?course=${course.id}` : '';
  const pages = [
    ['index', 'Tổng quan', '/course/'],
    ['bridge-points', 'Điểm cầu', '/course/bridge-points.html'],
    ['participants', 'Học viên', '/course/participants.html'],
    ['attendance', 'Điểm danh', '/course/attendance.html'],
    ['essays', 'Bài thu hoạch', '/course/essays.html'],
    ['reports', 'Báo cáo', '/course/reports.html'],
  ];
  return h('nav', { class: 'toolbar no-print', 'aria-label': 'Các trang của lớp bồi dưỡng' },
    pages.map(([key, label, href]) => h('a', {
      class: key === current ? 'button button-small button-primary' : 'button button-small',
      href: href + q,
      'aria-current': key === current ? 'page' : null,
    }, label)));
}

export function option(value, label, selected = false) {
  const o = h('option', { value }, label);
  if (selected) o.selected = true;
  return o;
}

/** A client nonce for attendance marks (unique per submission). */
export function nonce() {
  if (crypto.randomUUID) return `n-${crypto.randomUUID()}`;
  const b = crypto.getRandomValues(new Uint8Array(16));
  return `n-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}

export function showError(container, e) {
  container.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, e.message || String(e)));
}
