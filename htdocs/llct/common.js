// common.js — what the llct pages share: labels and badges (modes, dossier
// states, steps, deadlines, checks), the module's sub-navigation, small
// helpers for facts and query strings.

import { h } from '/assets/js/dom.js';
import { formatNumber } from '/assets/js/format.js';

export const API = '/api/llct';

export const MODES = {
  full_time: ['Tập trung', 'badge-info'],
  part_time: ['Không tập trung', 'badge-ok'],
};

export const BASIS = { inferred: 'suy ra từ sĩ số', forced: 'do sĩ số vượt lớp tập trung', set: 'đã quyết định' };

export const STATES = {
  submitted: ['Đã nộp hồ sơ', 'badge-off'],
  under_review: ['Đang xét hồ sơ', 'badge-info'],
  eligible: ['Đủ điều kiện', 'badge-info'],
  needs_supplement: ['Cần bổ sung hồ sơ', 'badge-warn'],
  ineligible: ['Không đủ điều kiện', 'badge-off'],
  admitted: ['Trúng tuyển', 'badge-ok'],
  enrolled: ['Đã nhập học', 'badge-ok'],
  studying: ['Đang học', 'badge-ok'],
  graduated: ['Tốt nghiệp', 'badge-ok'],
  dropped: ['Bỏ học', 'badge-warn'],
  withdrawn: ['Rút hồ sơ', 'badge-off'],
};

// The moves the server's state machine allows (learner_state.c); the server
// still decides, this only keeps the dialog short.
export const NEXT = {
  submitted: ['under_review', 'ineligible', 'withdrawn'],
  under_review: ['eligible', 'needs_supplement', 'ineligible', 'withdrawn'],
  needs_supplement: ['under_review', 'ineligible', 'withdrawn'],
  eligible: ['admitted', 'ineligible', 'withdrawn'],
  ineligible: ['under_review'],
  admitted: ['enrolled', 'dropped'],
  enrolled: ['studying', 'dropped'],
  studying: ['graduated', 'dropped'],
  graduated: [],
  dropped: [],
  withdrawn: [],
};

export const DUE = {
  none: ['Chưa có hạn', 'badge-off'],
  open: ['Chưa đến hạn', 'badge-off'],
  soon: ['Sắp đến hạn', 'badge-info'],
  missed: ['Quá hạn', 'badge-warn'],
  done: ['Đã xong', 'badge-ok'],
  done_late: ['Xong muộn', 'badge-warn'],
};

export const CHECK = {
  ok: ['Khớp', 'badge-ok'],
  open: ['Chưa xác định hết, vẫn có thể khớp', 'badge-info'],
  mismatch: ['Không khớp', 'badge-warn'],
  not_declared: ['Văn bản không nêu', 'badge-off'],
};

export const RATIO = {
  ok: ['Đạt', 'badge-ok'],
  violated: ['Không đạt', 'badge-warn'],
  undetermined: ['Tùy các lớp chưa xác định', 'badge-info'],
};

export function badge(table, code) {
  const [label, cls] = table[code] || [code || '—', 'badge-off'];
  return h('span', { class: `badge ${cls}` }, label);
}

export function modeBadge(c) {
  if (!c.mode) return h('span', { class: 'badge badge-warn' }, 'Chưa xác định');
  const b = badge(MODES, c.mode);
  return c.mode_basis === 'inferred' ? h('span', null, b, h('span', { class: 'muted' }, ' (suy ra)')) : b;
}

export const num = (n) => (n == null ? '—' : formatNumber(n));

export function fact(label, ...value) {
  return [h('dt', null, label), h('dd', null, ...value)];
}

export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

export function llctNav(current) {
  const links = [
    ['plan', '/llct/', 'Kế hoạch và lớp'],
    ['reports', '/llct/reports.html', 'Báo cáo, hạn các bước'],
    ['blanks', '/llct/blanks.html', 'Phôi bằng'],
    ['import', '/llct/import.html', 'Nhập kế hoạch'],
  ];
  return h('nav', { class: 'subnav no-print', 'aria-label': 'Đào tạo trung cấp LLCT' },
    h('ul', null, links.map(([key, href, label]) => h('li', null,
      h('a', { href, 'aria-current': key === current ? 'page' : undefined }, label)))));
}

export function option(value, label, selected = false) {
  return h('option', { value: String(value), selected }, label);
}

/** A plan chooser: fills a <select> and calls onChange(planId). */
export async function planSelect(select, plans, onChange) {
  select.replaceChildren(...plans.map((p) =>
    option(p.id, `Kế hoạch số ${p.number} (${p.year}) — ${p.agency_name}`)));
  const wanted = param('plan');
  if (wanted && plans.some((p) => String(p.id) === wanted)) select.value = wanted;
  select.addEventListener('change', () => onChange(Number(select.value)));
  if (plans.length) await onChange(Number(select.value));
}
