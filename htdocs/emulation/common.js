// common.js — what the emulation pages share: labels and badges for states,
// the year in the address bar, links between pages, and the header block of
// the official forms for print views.

import { h } from '/assets/js/dom.js';
import { get } from '/assets/js/api.js';
import { formatDate } from '/assets/js/format.js';

export const API = '/api/emulation';

export const STATE = {
  not_submitted: ['Chưa nộp', 'badge-off'],
  submitted: ['Đã nộp', 'badge-info'],
  returned: ['Trả lại bổ sung', 'badge-warn'],
  resubmitted: ['Đã nộp lại', 'badge-info'],
  accepted: ['Đã tiếp nhận', 'badge-ok'],
};

export const TIMELINESS = {
  pending: ['Chưa đến hạn', 'badge-off'],
  overdue: ['Quá hạn, chưa nộp', 'badge-warn'],
  on_time: ['Đúng hạn', 'badge-ok'],
  late: ['Trễ hạn', 'badge-warn'],
};

export const WINDOW = {
  on_time: 'Trong hạn',
  late: 'Quá hạn nộp, chưa khóa',
  exception: 'Đang được gia hạn',
  locked: 'Đã khóa',
};

export const EVALUATION = {
  evaluated: ['Được bình xét', 'badge-ok'],
  pending: ['Chờ Mẫu số 01', 'badge-off'],
  not_evaluated: ['Không được bình xét', 'badge-warn'],
};

export const AWARD = {
  co_thi_dua: 'Đề nghị tặng Cờ thi đua',
  bang_khen: 'Đề nghị tặng Bằng khen',
  none: '',
};

export const UNRANKED = {
  not_evaluated: 'Không được bình xét (không gửi Mẫu số 01 đúng hạn)',
  no_self_score: 'Chưa gửi phiếu tự chấm điểm',
  plan_pending: 'Chưa gửi Mẫu số 01',
};

export const TARGET_STATE = {
  met: ['Đạt', 'badge-ok'],
  not_met: ['Không đạt', 'badge-warn'],
  no_data: ['Không có số liệu', 'badge-off'],
};

function badgeOf(map, code) {
  const [label, cls] = map[code] || [code || '', 'badge-off'];
  return h('span', { class: `badge ${cls}`, 'data-code': code || '' }, label);
}
export const stateBadge = (c) => badgeOf(STATE, c);
export const timelinessBadge = (c) => badgeOf(TIMELINESS, c);
export const evaluationBadge = (c) => badgeOf(EVALUATION, c);
export const targetBadge = (c) => badgeOf(TARGET_STATE, c);

/** A parameter of this page's address. */
export const param = (name) => new URLSearchParams(location.search).get(name);

/** The year the page is about: ?year=, else the latest year there is. */
export async function pageYear() {
  const y = Number(param('year'));
  if (y) return y;
  const years = await get(`${API}/years`);
  return years.length ? years[0].year : null;
}

export const submissionLink = (year, kind) => `/emulation/submission.html?year=${year}&kind=${encodeURIComponent(kind)}`;
export const reviewLink = (id) => `/emulation/submission.html?id=${id}`;
export const cardLink = (year, school, role) => `/emulation/scorecard.html?year=${year}&school=${school}&role=${role}`;
export const clusterLink = (id) => `/emulation/cluster.html?id=${id}`;
export const scoresLink = (id) => `/emulation/scores.html?id=${id}`;

/** "05/03/2023 (khóa 15/03/2023)" */
export function dueText(item) {
  const due = formatDate(item.due_date);
  return item.lock_date && item.lock_date !== item.due_date ? `${due} (khóa ${formatDate(item.lock_date)})` : due;
}

/** A <dl class="facts"> from [label, value] pairs (null values skipped). */
export function facts(pairs) {
  const dl = h('dl', { class: 'facts' });
  for (const [label, value] of pairs) {
    if (value == null || value === '') continue;
    dl.append(h('dt', null, label), h('dd', null, value));
  }
  return dl;
}

/**
 * The heading block of the Academy's forms, shown on paper only:
 *   BAN CHẤP HÀNH TRUNG ƯƠNG            ĐẢNG CỘNG SẢN VIỆT NAM
 *   HỌC VIỆN CHÍNH TRỊ QUỐC GIA HCM
 *   <unit>                               …, ngày … tháng … năm …
 */
export function formHeader({ unit, form }) {
  return h('div', { class: 'em-print-only em-form-header' },
    h('div', { class: 'em-form-left' },
      h('p', null, 'HỌC VIỆN CHÍNH TRỊ QUỐC GIA HỒ CHÍ MINH'),
      h('p', { class: 'em-strong' }, unit || ''),
      h('p', null, '———')),
    h('div', { class: 'em-form-right' },
      h('p', { class: 'em-strong' }, 'ĐẢNG CỘNG SẢN VIỆT NAM'),
      h('p', { class: 'em-italic' }, '…………, ngày …… tháng …… năm ……'),
      form ? h('p', { class: 'em-form-code' }, form) : null));
}

/** Signature block for print views. */
export function signatures(left, right) {
  return h('div', { class: 'em-print-only em-signatures' },
    h('div', null, h('p', { class: 'em-strong' }, left), h('p', { class: 'em-italic' }, '(Ký, ghi rõ họ tên)')),
    h('div', null, h('p', { class: 'em-strong' }, right), h('p', { class: 'em-italic' }, '(Ký tên, đóng dấu)')));
}

/** A native select built from options [{value, label}]. */
export function select({ id, name, options, value = '', required = false, empty = null }) {
  const el = h('select', { id, name, required });
  if (empty != null) el.append(h('option', { value: '' }, empty));
  for (const o of options) el.append(h('option', { value: String(o.value), selected: String(o.value) === String(value) }, o.label));
  return el;
}

export function field(labelText, control, hint) {
  const hintId = hint ? `${control.id}-hint` : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control,
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
}
