// cong-khai.js — the public register of recognised political schools: no
// account, search by school or province (accents optional), filter by level,
// the table with CSV / Excel / PDF, printable.

import { $, h } from '/assets/js/dom.js';
import { get } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';

const URL_REGISTER = '/api/accreditation/public/register';
const content = $('#content');
const state = { q: '', level: '' };

const form = h('form', { class: 'filters no-print', role: 'search' },
  h('div', { class: 'field-wide' }, h('label', { for: 'pr-q' }, 'Tên trường hoặc tỉnh, thành phố'),
    h('input', { type: 'search', id: 'pr-q', name: 'q', maxlength: 100, autocomplete: 'off' })),
  h('div', null, h('label', { for: 'pr-level' }, 'Mức chuẩn'),
    h('select', { id: 'pr-level', name: 'level' }, h('option', { value: '' }, 'Tất cả'),
      h('option', { value: '1' }, 'Mức 1'), h('option', { value: '2' }, 'Mức 2'))),
  h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Tìm')));
const area = h('div', { id: 'register' });
content.append(form, area);
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  state.q = $('#pr-q').value.trim();
  state.level = $('#pr-level').value;
  show();
});
show();

function query() {
  const q = {};
  if (state.q) q.q = state.q;
  if (state.level) q.level = state.level;
  return q;
}

async function show() {
  let data;
  try {
    data = await get(URL_REGISTER, query(), { auth: false });
  } catch (e) {
    area.replaceChildren(h('div', { class: 'notice notice-error', role: 'alert' }, e.message));
    return;
  }
  const inForce = data.items.filter((r) => r.in_force).length;
  const table = createTable({
    caption: 'Danh sách trường chính trị được công nhận đạt chuẩn',
    rows: data.items,
    perPage: 50,
    filter: false,
    exportUrl: `${URL_REGISTER}?${new URLSearchParams(query())}`,
    columns: [
      { key: 'school_name', label: 'Trường chính trị' },
      { key: 'province_name', label: 'Tỉnh, thành phố' },
      { key: 'level', label: 'Mức chuẩn', format: 'number' },
      { key: 'decision_no', label: 'Quyết định số' },
      { key: 'decision_date', label: 'Ngày quyết định', format: 'date' },
      { key: 'valid_until', label: 'Hiệu lực đến', format: 'date' },
      { key: 'standing', label: 'Tình trạng' },
    ],
  });
  area.replaceChildren(
    h('p', { role: 'status' }, data.total
      ? `${data.total} trường, trong đó ${inForce} trường đang còn hiệu lực công nhận.`
      : 'Không có trường nào khớp điều kiện tìm kiếm.'),
    table.el);
}
