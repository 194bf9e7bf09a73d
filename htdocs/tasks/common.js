// common.js — what the task pages share: labels and badges, the deadline
// as officials wrote it next to the date it means, and the filters kept in
// the address so a filtered list can be bookmarked, printed or exported.

import { h } from '/assets/js/dom.js';
import { formatDate } from '/assets/js/format.js';

export const STATUS = {
  not_started: ['Chưa triển khai', 'badge-off'],
  in_progress: ['Đang thực hiện', 'badge-info'],
  claimed: ['Đã báo cáo hoàn thành', 'badge-info'],
  completed: ['Hoàn thành', 'badge-ok'],
  returned: ['Bị trả lại', 'badge-warn'],
  cancelled: ['Đã hủy', 'badge-off'],
};

export const TIMELINESS = {
  overdue: ['Quá hạn', 'badge-warn'],
  due_soon: ['Sắp đến hạn', 'badge-info'],
  on_time: ['Đúng hạn', 'badge-ok'],
  done_late: ['Hoàn thành muộn', 'badge-warn'],
  none: ['Chưa có hạn', 'badge-off'],
};

export const ROLES = { lead: 'Chủ trì', coordinating: 'Phối hợp', supervising: 'Đôn đốc' };

export const PERIODS = { month: 'Hằng tháng', quarter: 'Hằng quý', half: 'Sáu tháng', year: 'Hằng năm' };

export function statusBadge(code) {
  const [label, cls] = STATUS[code] || [code || '', 'badge-off'];
  return h('span', { class: `badge ${cls}` }, label);
}

export function timelinessBadge(code) {
  const [label, cls] = TIMELINESS[code] || [code || '', 'badge-off'];
  return h('span', { class: `badge ${cls}` }, label);
}

/** "A.16" or "A.16 (2)" for the second task numbered 16. */
export const taskNumber = (t) => `${t.part}.${t.display_number || t.number_text}`;

/** The deadline as written, and what it means: "Tháng 4/2026 (hạn 30/04/2026)". */
export function deadlineText(t) {
  const parts = [t.deadline_text || '—'];
  if (t.due_date) {
    parts.push(`hạn ${formatDate(t.due_date)}`);
    if (t.extended && t.original_due) parts.push(`gia hạn từ ${formatDate(t.original_due)}`);
  } else if (t.recurring && t.next_report_due) {
    parts.push(`báo cáo kỳ tới: ${formatDate(t.next_report_due)}`);
  } else if (t.deadline_kind === 'unparsed') {
    parts.push('chưa đặt hạn');
  }
  return parts.length > 1 ? `${parts[0]} (${parts.slice(1).join('; ')})` : parts[0];
}

/** The lead unit as the programme names it (Part B: the group's organisation). */
export const leadText = (t) => t.lead_label || t.lead_text || t.group_lead || '';

export function taskLink(t) {
  return h('a', { href: `/tasks/task.html?id=${t.id}` }, t.name || '(không có tên)');
}

/** Filters from the address bar, dropping empty ones. */
export function queryFromLocation(keys) {
  const params = new URLSearchParams(location.search);
  const out = {};
  for (const k of keys) {
    const all = params.getAll(k).filter((v) => v !== '');
    if (all.length) out[k] = all.length > 1 ? all : all[0];
  }
  return out;
}

export function writeLocation(query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    for (const item of [v].flat()) if (item != null && item !== '') params.append(k, item);
  }
  const qs = params.toString();
  history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
}

export function option(value, label, selected) {
  return h('option', { value, selected: selected ? true : undefined }, label);
}

/** The sub-navigation of the module, the current page marked. */
export function tasksNav(current, { canImport = false } = {}) {
  const links = [
    ['list', '/tasks/', 'Danh sách nhiệm vụ'],
    ['dashboard', '/tasks/dashboard.html', 'Tổng hợp theo đơn vị'],
    ['print', '/tasks/print.html', 'Bản in theo chương trình'],
  ];
  if (canImport) links.push(['import', '/tasks/import.html', 'Nhập chương trình']);
  return h('nav', { class: 'subnav no-print', 'aria-label': 'Theo dõi nhiệm vụ' },
    h('ul', null, links.map(([key, href, label]) => h('li', null,
      h('a', { href, 'aria-current': key === current ? 'page' : undefined }, label)))));
}
