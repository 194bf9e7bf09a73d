// sheet.js — a scoring sheet (Mẫu số 5.1 / 5.2) as the Academy defines it
// (?id=N): criteria by section with maximum points, kind, evidence and a
// text per score level. Printed, it is the blank form. The board edits it
// here; once a school has scored against it, the server keeps its structure.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, put, del, ApiError } from '/assets/js/api.js';
import { h, $, replace } from '/assets/js/dom.js';
import { createForm } from '/assets/js/form.js';
import { openDialog, confirmDialog } from '/assets/js/dialog.js';
import { API, param, formHeader, facts } from '/emulation/common.js';

const session = await initShell({ module: 'emulation', title: 'Phiếu chấm điểm' });
const id = Number(param('id'));
if (session) load().catch((e) => replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' },
  e instanceof ApiError ? e.message : 'Không tải được phiếu.')));

const KIND = { score: 'Điểm chuẩn', bonus: 'Điểm thưởng', penalty: 'Điểm trừ' };

async function load() {
  const [sheet, me] = await Promise.all([get(`${API}/sheets/${id}`), get(`${API}/me`)]);
  $('#page-title').textContent = `Phiếu chấm điểm thi đua Mẫu số ${sheet.form} năm ${sheet.year}`;
  const board = me.board;
  const rows = [];
  let section = null;
  for (const c of sheet.criteria) {
    if (c.section !== section) {
      section = c.section;
      rows.push(h('tr', { class: 'em-section' }, h('th', { colspan: board ? 6 : 5, scope: 'colgroup' }, section || '')));
    }
    rows.push(h('tr', { 'data-code': c.code },
      h('td', null, c.code),
      h('td', null, c.title, c.evidence ? h('p', { class: 'hint' }, `Minh chứng: ${c.evidence}`) : null),
      h('td', null, KIND[c.kind]),
      h('td', null, c.max_points),
      h('td', null, Array.isArray(c.levels) ? h('ul', { class: 'em-levels' }, c.levels.map((l) => h('li', null, `${l.points}: ${l.text}`))) : ''),
      board ? h('td', { class: 'col-actions' },
        h('button', { type: 'button', class: 'button button-small', onclick: () => edit(sheet, c) }, 'Sửa'), ' ',
        h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => remove(c) }, 'Xóa')) : null));
  }
  replace($('#content'),
    formHeader({ unit: 'TRƯỜNG …………………………', form: `Mẫu số ${sheet.form}` }),
    h('p', { class: 'no-print' }, h('a', { href: `/emulation/?year=${sheet.year}` }, '← Về trang thi đua')),
    sheet.is_sample ? h('p', { class: 'notice notice-warning em-sample' },
      'Phiếu minh họa: công văn hướng dẫn nêu tên mẫu phiếu nhưng không kèm tiêu chí. Ban Thi đua - Khen thưởng thay bằng tiêu chí chính thức.') : null,
    facts([['Tên phiếu', sheet.title], ['Áp dụng cho', sheet.school_kind === 'political_school' ? 'Trường chính trị tỉnh, thành phố' : 'Trường bộ, ngành'],
      ['Tổng điểm chuẩn', sheet.max_total], ['Điểm thưởng tối đa', sheet.max_bonus], ['Điểm trừ tối đa', sheet.max_penalty]]),
    h('div', { class: 'table-scroll' }, h('table', { class: 'data-table', id: 'criteria' },
      h('caption', null, 'Tiêu chí chấm điểm'),
      h('thead', null, h('tr', null, ['Mã', 'Nội dung tiêu chí', 'Loại', 'Điểm tối đa', 'Mức điểm'].map((x) => h('th', { scope: 'col' }, x)),
        board ? h('th', { scope: 'col', class: 'col-actions' }, 'Thao tác') : null)),
      h('tbody', null, rows))),
    board ? h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'button button-primary', onclick: () => edit(sheet, null) }, 'Thêm tiêu chí'),
      h('button', { type: 'button', class: 'button', onclick: () => window.print() }, 'In phiếu'))
      : h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'button', onclick: () => window.print() }, 'In phiếu')));
}

function edit(sheet, c) {
  const form = createForm({
    id: 'criterion',
    submitLabel: c ? 'Lưu tiêu chí' : 'Thêm tiêu chí',
    values: c ? { ...c, levels: c.levels ? c.levels.map((l) => `${l.points} | ${l.text}`).join('\n') : '' } : { kind: 'score' },
    fields: [
      { name: 'code', label: 'Mã tiêu chí', required: true, maxlength: 20, width: 's' },
      { name: 'section', label: 'Nhóm tiêu chí', maxlength: 300 },
      { name: 'title', label: 'Nội dung tiêu chí', required: true, type: 'textarea' },
      { name: 'kind', label: 'Loại điểm', type: 'radios', required: true,
        options: [{ value: 'score', label: 'Điểm chuẩn' }, { value: 'bonus', label: 'Điểm thưởng' }, { value: 'penalty', label: 'Điểm trừ' }] },
      { name: 'max_points', label: 'Điểm tối đa', required: true, width: 's', hint: 'Ví dụ: 10 hoặc 7,5' },
      { name: 'evidence', label: 'Minh chứng', maxlength: 1000 },
      { name: 'levels', label: 'Mức điểm', type: 'textarea', hint: 'Mỗi dòng một mức: điểm | mô tả. Ví dụ: 10 | Hoàn thành xuất sắc' },
    ],
    onSubmit: (v) => {
      const levels = (v.levels || '').split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
        const [points, ...text] = l.split('|');
        return { points: points.trim(), text: text.join('|').trim() };
      });
      const body = { ...v, levels: levels.length ? levels : null };
      return c ? put(`${API}/criteria/${c.id}`, body) : post(`${API}/sheets/${sheet.id}/criteria`, body);
    },
    onSuccess: () => { d.close(true); notify('Đã lưu tiêu chí.'); load(); },
    onCancel: () => d.close(false),
  });
  const d = openDialog({ title: c ? `Sửa tiêu chí ${c.code}` : 'Thêm tiêu chí', content: form.el, wide: true });
}

async function remove(c) {
  if (!(await confirmDialog({ title: 'Xóa tiêu chí', message: `Xóa tiêu chí ${c.code}?`, confirmLabel: 'Xóa', danger: true }))) return;
  try { await del(`${API}/criteria/${c.id}`); notify('Đã xóa tiêu chí.'); load(); } catch (e) { notify(e.message, 'error'); }
}
