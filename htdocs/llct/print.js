// print.js — the summary list (danh sách trích ngang) of a class, laid out
// for printing and sending to the organization board; also as Excel/CSV.

import { initShell } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { get, apiUrl } from '/assets/js/api.js';
import { formatDate } from '/assets/js/format.js';
import { API, MODES, param } from '/llct/common.js';

const id = param('class');
const session = await initShell({ module: 'llct', title: 'Danh sách trích ngang' });
if (session) load();

async function load() {
  try {
    const r = await get(`${API}/classes/${id}/roster`);
    render(r);
  } catch (e) {
    const el = $('#error');
    el.textContent = e.message;
    el.hidden = false;
  }
}

function render(r) {
  $('h1').textContent = r.title;
  const url = `${API}/classes/${id}/roster`;
  replace($('#tools'),
    h('button', { type: 'button', class: 'button button-primary', onclick: () => window.print() }, 'In danh sách'), ' ',
    h('a', { class: 'button', href: apiUrl(url, { format: 'xlsx' }), download: '' }, 'Xuất Excel'), ' ',
    h('a', { class: 'button', href: apiUrl(url, { format: 'csv' }), download: '' }, 'Xuất CSV'), ' ',
    h('a', { class: 'button', href: `/llct/class.html?id=${id}` }, 'Về trang lớp'));
  const head = ['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Ngày vào Đảng', 'Chức vụ',
    'Đơn vị công tác', 'Trình độ chuyên môn', 'Đơn vị cử đi học', 'Tình trạng'];
  const rows = r.items.map((l) => h('tr', null,
    h('td', null, String(l.stt)), h('td', null, l.full_name), h('td', null, formatDate(l.birth_date)),
    h('td', null, l.gender_title), h('td', null, l.ethnicity || ''), h('td', null, formatDate(l.party_joined_on)),
    h('td', null, l.position || ''), h('td', null, l.workplace || ''), h('td', null, l.education || ''),
    h('td', null, l.sending_agency_name), h('td', null, l.state_title)));
  replace($('#roster'),
    h('p', null, `Hình thức đào tạo: ${r.mode ? MODES[r.mode][0] : 'chưa xác định'}. Tổng số: ${r.items.length} học viên.`),
    h('div', { class: 'table-scroll' }, h('table', { class: 'data-table' },
      h('thead', null, h('tr', null, head.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, rows))));
}
