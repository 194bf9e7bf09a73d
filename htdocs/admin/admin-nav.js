// admin-nav.js — the sub-navigation shared by the administration pages.

import { h } from '/assets/js/dom.js';

const PAGES = [
  ['agencies', '/admin/agencies.html', 'Đơn vị'],
  ['users', '/admin/users.html', 'Người dùng'],
  ['modules', '/admin/modules.html', 'Phân hệ theo đơn vị'],
  ['audit', '/admin/audit.html', 'Nhật ký thay đổi'],
];

/** Puts the admin sub-navigation at the top of <main>, marking `current`. */
export function adminNav(current) {
  const nav = h(
    'nav',
    { class: 'subnav', 'aria-label': 'Quản trị' },
    h('ul', null, PAGES.map(([key, href, label]) => h('li', null, h('a', { href, 'aria-current': key === current ? 'page' : null }, label)))),
  );
  document.getElementById('main').prepend(nav);
}

export const STATUS_TITLES = { active: 'Đang hoạt động', pending: 'Chờ xác nhận', inactive: 'Ngừng hoạt động' };
export const STATUS_BADGE = { active: 'badge-ok', pending: 'badge-warn', inactive: 'badge-off' };

/** A status badge for an agency. */
export function statusBadge(status) {
  return h('span', { class: `badge ${STATUS_BADGE[status] || 'badge-info'}` }, STATUS_TITLES[status] || status || '—');
}
