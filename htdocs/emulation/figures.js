// figures.js — a school's year-end figures (phụ lục báo cáo, Mẫu số 04) and
// the targets computed from them, each with the numbers behind its verdict.
// ?year=Y (the caller's school) or ?year=Y&school=S (head, board, province).

import { initShell, notify } from '/assets/js/shell.js';
import { get, put, ApiError } from '/assets/js/api.js';
import { h, $, replace } from '/assets/js/dom.js';
import { formatNumber } from '/assets/js/format.js';
import { createForm } from '/assets/js/form.js';
import { API, param, targetBadge, formHeader } from '/emulation/common.js';

const session = await initShell({ module: 'emulation', title: 'Số liệu chỉ tiêu thi đua' });
const year = Number(param('year'));
const school = param('school');
if (session) load().catch(fail);

function fail(e) {
  replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' },
    e instanceof ApiError ? e.message : 'Không tải được số liệu.'));
}

const FIELDS = [
  ['staff_total', 'Tổng số cán bộ, viên chức, người lao động'],
  ['ldtt', 'Số cá nhân đạt “Lao động tiên tiến”'],
  ['cstd', 'Trong đó: số “Chiến sĩ thi đua cơ sở”'],
  ['units_total', 'Tổng số tập thể (khoa, phòng, đơn vị trực thuộc)'],
  ['units_ldtt', 'Số “Tập thể Lao động tiên tiến”'],
  ['units_ldxs', 'Trong đó: số “Tập thể Lao động xuất sắc”'],
  ['commended', 'Số tập thể, cá nhân được khen thưởng các cấp'],
  ['party_total', 'Tổng số tổ chức đảng'],
  ['party_excellent', 'Số tổ chức đảng “Hoàn thành xuất sắc nhiệm vụ”'],
  ['party_good', 'Số tổ chức đảng “Hoàn thành tốt nhiệm vụ” (không kể xuất sắc)'],
  ['prof_total', 'Tổng số tổ chức chuyên môn, đơn vị, đoàn thể'],
  ['prof_excellent', 'Số “Hoàn thành xuất sắc nhiệm vụ”'],
  ['prof_good', 'Số “Hoàn thành tốt nhiệm vụ” (không kể xuất sắc)'],
  ['dept_total', 'Tổng số khoa, phòng'],
  ['dept_joined', 'Số khoa, phòng hưởng ứng phong trào thi đua'],
];

function requirement(t) {
  switch (t.cmp) {
    case 'at_least': return `≥ ${t.lo}%`;
    case 'over': return `> ${t.lo}%`;
    case 'between': return `${t.lo}–${t.hi}%`;
    default: return `≥ ${t.lo}`;
  }
}

function targetsTable(targets) {
  if (!targets) return h('p', { class: 'muted', id: 'targets' }, 'Chưa có số liệu để tính chỉ tiêu.');
  return h('div', { class: 'table-scroll' }, h('table', { class: 'data-table', id: 'targets' },
    h('caption', null, 'Kết quả thực hiện chỉ tiêu thi đua'),
    h('thead', null, h('tr', null, ['Chỉ tiêu', 'Yêu cầu', 'Số liệu', 'Tỷ lệ', 'Kết quả'].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', null, targets.map((t) => h('tr', { 'data-code': t.code },
      h('td', null, t.label), h('td', null, requirement(t)),
      h('td', null, t.cmp === 'count' ? formatNumber(t.num) : `${formatNumber(t.num)}/${formatNumber(t.den)}`),
      h('td', null, t.percent == null ? '—' : `${String(t.percent).replace('.', ',')}%`),
      h('td', null, targetBadge(t.state)))))));
}

async function load() {
  const data = await get(`${API}/years/${year}/figures`, school ? { school } : {});
  const me = await get(`${API}/me`, { year });
  const mine = me.school && me.school.id === data.school_id;
  $('#page-title').textContent = `Số liệu chỉ tiêu thi đua năm ${year}: ${data.school_name}`;
  const content = $('#content');
  replace(content,
    formHeader({ unit: data.school_name.toUpperCase(), form: 'Phụ lục Mẫu số 04' }),
    h('p', { class: 'no-print' }, h('a', { href: `/emulation/?year=${year}` }, '← Về trang thi đua')),
    targetsTable(data.targets));
  if (!mine) {
    if (data.figures) content.append(figuresList(data.figures));
    return;
  }
  const form = createForm({
    id: 'figures-form',
    submitLabel: 'Lưu số liệu',
    values: data.figures || {},
    fields: FIELDS.map(([name, label]) => ({ name, label, type: 'number', min: 0, required: true, width: 's' })),
    onSubmit: (v) => put(`${API}/years/${year}/figures`, v),
    onSuccess: () => {
      notify('Đã lưu số liệu.');
      load().catch(fail);
    },
  });
  content.append(h('h2', { class: 'no-print' }, 'Nhập số liệu'),
    h('p', { class: 'hint no-print' }, 'Số liệu thuộc báo cáo tổng kết (Mẫu số 04): sửa được cho đến khi nộp báo cáo hoặc đến ngày khóa.'),
    form.el);
}

function figuresList(f) {
  return h('dl', { class: 'facts' }, FIELDS.flatMap(([name, label]) => [h('dt', null, label), h('dd', null, formatNumber(f[name]))]));
}
