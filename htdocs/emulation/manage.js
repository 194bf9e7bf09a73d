// manage.js — the board's management of a campaign year (?year=Y): a new
// year (from the built-in calendar or as a copy of another), the Academy's
// letter read into a year, theme and targets, the deadlines (due and lock
// dates), clusters and their member schools, head and deputy.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, put, del, request, ApiError } from '/assets/js/api.js';
import { h, $, replace } from '/assets/js/dom.js';
import { formatDate } from '/assets/js/format.js';
import { createForm } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { confirmDialog } from '/assets/js/dialog.js';
import { createDateInput } from '/assets/js/dateinput.js';
import { API, pageYear, facts, select, field, clusterLink } from '/emulation/common.js';

const session = await initShell({ module: 'emulation', title: 'Quản lý năm thi đua' });
if (session) load().catch(fail);

function fail(e) {
  replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' },
    e instanceof ApiError ? e.message : 'Không tải được trang quản lý.'));
}

async function load() {
  const years = await get(`${API}/years`);
  const year = await pageYear();
  const content = $('#content');
  replace(content, h('p', { class: 'no-print' }, h('a', { href: year ? `/emulation/?year=${year}` : '/emulation/' }, '← Về trang thi đua')),
    newYear(years), importLetter());
  if (!year) return;
  const info = await get(`${API}/years/${year}`);
  $('#page-title').textContent = `Quản lý năm thi đua ${year}`;
  content.append(settings(info), deadlines(info), await clusters(year));
}

function newYear(years) {
  const form = createForm({
    id: 'new-year',
    submitLabel: 'Tạo năm thi đua',
    fields: [
      { name: 'year', label: 'Năm', type: 'number', min: 2000, max: 2100, required: true, width: 's' },
      { name: 'theme', label: 'Chủ đề phong trào thi đua', required: true, maxlength: 500 },
      { name: 'copy_from', label: 'Sao chép cụm, phiếu chấm, hạn nộp từ năm', type: 'select',
        options: [{ value: '', label: '— Không sao chép (lịch mặc định, phiếu minh họa) —' },
          ...years.map((y) => ({ value: y.year, label: `Năm ${y.year}` }))] },
    ],
    onSubmit: (v) => post(`${API}/years`, v),
    onSuccess: (out) => location.assign(`/emulation/manage.html?year=${out.year}`),
  });
  return h('details', { class: 'no-print' }, h('summary', null, 'Tạo năm thi đua mới'), form.el);
}

function importLetter() {
  const file = h('input', { type: 'file', id: 'letter-file', name: 'file', accept: '.txt,text/plain', required: true });
  const dry = h('input', { type: 'checkbox', id: 'letter-dry', name: 'dry_run', checked: true });
  const report = h('div', { id: 'letter-report', 'aria-live': 'polite' });
  const form = h('form', { class: 'form', id: 'letter-form', novalidate: true },
    field('Tệp công văn (văn bản)', file, 'Công văn hướng dẫn thi đua hằng năm của Học viện, dạng văn bản (.txt).'),
    h('div', { class: 'field choice' }, dry, h('label', { for: 'letter-dry' }, 'Chạy thử (chỉ xem báo cáo, không ghi gì)')),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Đọc công văn')), report);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!file.files.length) { notify('Chọn tệp công văn.', 'error'); return; }
    const body = new FormData();
    body.append('file', file.files[0]);
    if (dry.checked) body.append('dry_run', '1');
    try {
      const r = await request('POST', `${API}/import-letter`, { body });
      replace(report, h('p', { class: 'notice notice-success' },
        r.dry_run ? 'Chạy thử xong: chưa ghi gì.' : `Đã đọc công văn vào năm thi đua ${r.year}.`),
      facts([['Năm', String(r.year)], ['Số công văn', r.number], ['Ngày', r.date ? formatDate(r.date) : null],
        ['Chủ đề', r.theme], ['Nội dung thi đua', `${r.content_items} nội dung`],
        ['Chỉ tiêu đọc được', `${r.targets_found}/${r.targets_expected}`],
        ['Hạn nộp đọc được', `${r.deadlines_found}/9${r.deadlines_missing.length ? ` (thiếu: ${r.deadlines_missing.join(', ')})` : ''}`],
        ['Mẫu biểu nhắc đến', `${r.forms_count}: ${r.forms}`]]));
    } catch (e) { replace(report, h('p', { class: 'notice notice-error', role: 'alert' }, e.message)); }
  });
  return h('details', { class: 'no-print' }, h('summary', null, 'Đọc công văn hướng dẫn thi đua'), form);
}

function settings(info) {
  const pct = (name, label) => ({ name, label, type: 'number', min: 0, max: 100, width: 's', required: true });
  const form = createForm({
    id: 'settings',
    submitLabel: 'Lưu',
    values: { ...info },
    fields: [
      { name: 'theme', label: 'Chủ đề', required: true, maxlength: 500 },
      { name: 'content', label: 'Nội dung thi đua', type: 'textarea' },
      { name: 'letter_no', label: 'Số công văn' },
      { name: 'letter_date', label: 'Ngày công văn', type: 'date' },
      pct('t_ldtt_min_pct', 'Lao động tiên tiến tối thiểu (%)'),
      pct('t_cstd_min_pct', 'Chiến sĩ thi đua cơ sở từ (%)'),
      pct('t_cstd_max_pct', 'Chiến sĩ thi đua cơ sở đến (%)'),
      { name: 't_units_ldxs_min', label: 'Tập thể Lao động xuất sắc tối thiểu (số đơn vị)', type: 'number', min: 0, width: 's', required: true },
      pct('t_commended_min_pct', 'Được khen thưởng tối thiểu (%)'),
      pct('t_party_good_min_pct', 'Tổ chức đảng hoàn thành tốt trở lên tối thiểu (%)'),
      pct('t_party_excellent_min_pct', 'Tổ chức đảng hoàn thành xuất sắc tối thiểu (%)'),
      pct('t_prof_good_over_pct', 'Đơn vị chuyên môn hoàn thành tốt: trên (%)'),
      pct('t_dept_min_pct', 'Khoa, phòng hưởng ứng tối thiểu (%)'),
      pct('gap_criterion_pct', 'Chênh lệch lớn mỗi tiêu chí: trên (% điểm tối đa)'),
      { name: 'gap_total_points', label: 'Chênh lệch lớn tổng điểm: trên (điểm)', width: 's' },
      { name: 'award_flag_slots', label: 'Số Cờ thi đua mỗi cụm', type: 'number', min: 0, max: 10, width: 's' },
      { name: 'award_merit_slots', label: 'Số Bằng khen mỗi cụm', type: 'number', min: 0, max: 20, width: 's' },
    ],
    onSubmit: (v) => put(`${API}/years/${info.year}`, v),
    successMessage: 'Đã lưu chủ đề và chỉ tiêu.',
  });
  return h('section', { 'aria-labelledby': 'settings-h' }, h('h2', { id: 'settings-h' }, 'Chủ đề và chỉ tiêu'), form.el);
}

function deadlines(info) {
  const rows = info.deadlines;
  const table = createTable({
    caption: 'Hạn nộp hồ sơ',
    rowKey: 'id',
    columns: [
      { key: 'title', label: 'Hồ sơ', value: (d) => `${d.title}${d.form ? ` (${d.form})` : ''}` },
      { key: 'level', label: 'Đơn vị lập', value: (d) => (d.level === 'school' ? 'Trường' : 'Cụm') },
      { key: 'due_date', label: 'Hạn nộp (đúng hạn)', format: 'date' },
      { key: 'lock_date', label: 'Ngày khóa', format: 'date' },
      { key: 'edit', label: 'Thao tác', sortable: false, className: 'col-actions', render: (d) => editDeadline(d) },
    ],
    rows,
    perPage: 50,
  });
  return h('section', { 'aria-labelledby': 'dl-h' }, h('h2', { id: 'dl-h' }, 'Hạn nộp'),
    h('p', { class: 'hint' }, 'Hạn nộp quyết định hồ sơ đúng hạn hay trễ hạn; sau ngày khóa không nộp được nữa, trừ trường được Cụm trưởng gia hạn.'),
    table.el);
}

function editDeadline(d) {
  const due = createDateInput({ id: `due-${d.id}`, name: 'due_date', value: d.due_date });
  const lock = createDateInput({ id: `lock-${d.id}`, name: 'lock_date', value: d.lock_date });
  const form = h('form', { class: 'em-inline-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: `due-${d.id}` }, 'Hạn nộp'), due.el),
    h('div', { class: 'field' }, h('label', { for: `lock-${d.id}` }, 'Ngày khóa'), lock.el),
    h('button', { type: 'submit', class: 'button button-small' }, 'Lưu'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await put(`${API}/deadlines/${d.id}`, { due_date: due.get(), lock_date: lock.get() });
      notify('Đã lưu hạn nộp.');
      load().catch(fail);
    } catch (e) { notify(e.message, 'error'); }
  });
  return form;
}

async function clusters(year) {
  const [list, schools] = await Promise.all([get(`${API}/years/${year}/clusters`), get(`${API}/schools`, { year })]);
  const section = h('section', { 'aria-labelledby': 'cl-h' }, h('h2', { id: 'cl-h' }, 'Cụm thi đua'));
  const create = createForm({
    id: 'new-cluster',
    submitLabel: 'Thêm cụm',
    fields: [
      { name: 'code', label: 'Mã cụm', required: true, maxlength: 32, width: 's', hint: 'Chữ, số, dấu gạch: CUM01' },
      { name: 'name', label: 'Tên cụm', required: true, maxlength: 255 },
    ],
    onSubmit: (v) => post(`${API}/years/${year}/clusters`, v),
    onSuccess: () => { notify('Đã thêm cụm.'); load().catch(fail); },
  });
  section.append(h('details', { class: 'no-print' }, h('summary', null, 'Thêm cụm thi đua'), create.el));
  for (const c of list) section.append(await clusterBlock(c, schools));
  return section;
}

async function clusterBlock(c, schools) {
  const detail = await get(`${API}/clusters/${c.id}`);
  const members = detail.members.map((m) => ({ value: m.school_id, label: m.name }));
  const free = schools.filter((s) => !s.cluster_id).map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }));
  const add = select({ id: `add-${c.id}`, name: 'school', options: free, empty: '— Chọn trường —' });
  const addForm = h('form', { class: 'em-inline-form', novalidate: true }, field('Thêm trường', add),
    h('button', { type: 'submit', class: 'button button-small' }, 'Thêm'));
  addForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try { await post(`${API}/clusters/${c.id}/members`, { school: Number(add.value) }); notify('Đã thêm trường.'); load().catch(fail); } catch (e) { notify(e.message, 'error'); }
  });
  const head = select({ id: `head-${c.id}`, name: 'head_school', options: members, value: detail.head_school_id || '', empty: '— Chưa chọn —' });
  const deputy = select({ id: `deputy-${c.id}`, name: 'deputy_school', options: members, value: detail.deputy_school_id || '', empty: '— Chưa chọn —' });
  const name = h('input', { id: `name-${c.id}`, name: 'name', value: detail.name, maxlength: 255 });
  const headForm = h('form', { class: 'em-inline-form', novalidate: true }, field('Tên cụm', name), field('Cụm trưởng', head), field('Cụm phó', deputy),
    h('button', { type: 'submit', class: 'button button-small' }, 'Lưu'));
  headForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await put(`${API}/clusters/${c.id}`, { name: name.value.trim(), head_school: Number(head.value) || null, deputy_school: Number(deputy.value) || null });
      notify('Đã lưu cụm.');
      load().catch(fail);
    } catch (e) { notify(e.message, 'error'); }
  });
  const table = createTable({
    caption: `Trường thành viên — ${c.name}`,
    rowKey: 'school_id',
    columns: [
      { key: 'name', label: 'Trường' },
      { key: 'code', label: 'Mã' },
      { key: 'remove', label: 'Thao tác', sortable: false, className: 'col-actions', render: (m) => h('button', {
        type: 'button', class: 'button button-small button-danger', onclick: async () => {
          if (!(await confirmDialog({ title: 'Rút trường khỏi cụm', message: `Rút ${m.name} khỏi ${c.name}?`, confirmLabel: 'Rút khỏi cụm', danger: true }))) return;
          try { await del(`${API}/clusters/${c.id}/members/${m.school_id}`); notify('Đã rút trường khỏi cụm.'); load().catch(fail); } catch (e) { notify(e.message, 'error'); }
        } }, 'Rút khỏi cụm') },
    ],
    rows: detail.members,
    perPage: 50,
  });
  return h('article', { class: c.is_sample ? 'em-sample' : null },
    h('h3', null, h('a', { href: clusterLink(c.id) }, c.name), c.is_sample ? ' (minh họa)' : ''),
    headForm, table.el, addForm);
}
