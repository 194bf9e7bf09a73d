// catalogue.js — the standards as data: versions (11-QĐ/TW, 396-QĐ/TW, …) and
// the tree of criteria of each, each marked for level 1 and/or 2, mandatory,
// with maximum score, guidance and expected evidence. The Academy edits, and
// imports from CSV (checked first; all rows or none).

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, put, del } from '/assets/js/api.js';
import { $, h } from '/assets/js/dom.js';
import { createForm } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { openDialog, confirmDialog, alertDialog } from '/assets/js/dialog.js';
import { formatDate, formatNumber } from '/assets/js/format.js';
import { API, accrNav, fact, fileField, isAcademy, levelsText, param, showError, uploadForm, exportLinks } from '/accreditation/common.js';

const session = await initShell({ module: 'accreditation', title: 'Bộ tiêu chí' });
if (session) start();

const KIND = { group: 'Tiêu chuẩn', criterion: 'Tiêu chí', indicator: 'Chỉ báo' };
const STATUS = { draft: 'Dự thảo', active: 'Đang áp dụng', retired: 'Hết hiệu lực' };
const QUAL = {
  any: 'Không yêu cầu trình độ', master: 'Thạc sĩ trở lên', doctor: 'Tiến sĩ', professor_title: 'Phó Giáo sư, Giáo sư',
  advanced_theory: 'Cao cấp lý luận chính trị', main_lecturer: 'Giảng viên chính trở lên', senior_lecturer: 'Giảng viên cao cấp',
  pedagogy: 'Nghiệp vụ sư phạm',
};
const ROLE = { lecturers: 'giảng viên', managers: 'cán bộ quản lý', all: 'cán bộ, giảng viên' };

async function start() {
  const content = $('#content');
  let versions;
  try {
    versions = await get(`${API}/versions`);
  } catch (e) {
    showError(content, e);
    return;
  }
  const chosen = versions.find((v) => String(v.id) === param('version')) || versions.find((v) => v.status === 'active') || versions[0];
  content.replaceChildren(accrNav('catalogue'), versionsSection(versions, chosen));
  if (chosen) content.append(await criteriaSection(chosen));
  if (isAcademy()) content.append(newVersionSection());
}

function versionsSection(versions, chosen) {
  return h('section', { 'aria-labelledby': 'ver-h' }, h('h2', { id: 'ver-h' }, 'Phiên bản tiêu chuẩn'),
    createTable({
      caption: 'Các phiên bản', rows: versions, filter: false, rowKey: 'id', empty: 'Chưa có phiên bản nào.',
      columns: [
        { key: 'code', label: 'Số hiệu', render: (v) => h('a', { href: `?version=${v.id}`, 'aria-current': v === chosen ? 'page' : null }, v.code) },
        { key: 'title', label: 'Văn bản', render: (v) => h('span', null, v.title, v.is_sample ? h('span', { class: 'badge badge-warn' }, ' MẪU') : null) },
        { key: 'issued_date', label: 'Ngày ban hành', format: 'date' },
        { key: 'status', label: 'Tình trạng', value: (v) => STATUS[v.status] },
        { key: 'assessable', label: 'Số tiêu chí, chỉ báo đánh giá', format: 'number' },
        { key: 'cycles', label: 'Số kỳ đánh giá', format: 'number' },
      ],
    }).el,
    h('p', null, h('a', { href: `${API}/catalogue-template`, download: '' }, 'Tải tệp CSV mẫu (bộ tiêu chí minh họa, dùng làm khuôn để nhập)')));
}

function staffRule(c) {
  if (!c.staff_role) return '';
  const parts = [c.staff_min_count != null ? `tối thiểu ${c.staff_min_count} người` : null,
    c.staff_min_percent != null ? `tối thiểu ${formatNumber(c.staff_min_percent)}%` : null].filter(Boolean);
  return `${ROLE[c.staff_role]} ${QUAL[c.staff_qualification] || ''}: ${parts.join(', ')}`;
}

async function criteriaSection(v) {
  const data = await get(`${API}/versions/${v.id}/criteria`);
  const section = h('section', { 'aria-labelledby': 'crit-h' },
    h('h2', { id: 'crit-h' }, `Bộ tiêu chí ${v.code}`),
    v.is_sample ? h('p', { class: 'notice notice-warning' }, 'Đây là bộ tiêu chí MẪU để minh họa cách dùng phần mềm, không phải văn bản của Quy định. Học viện nhập bộ tiêu chí chính thức bằng tệp CSV.') : null,
    h('dl', { class: 'facts' }, fact('Văn bản', v.title), fact('Ngày ban hành', formatDate(v.issued_date)), fact('Tình trạng', STATUS[v.status]), fact('Ghi chú', v.note)),
    exportLinks(`/versions/${v.id}/criteria`));
  section.append(createTable({
    caption: `Tiêu chuẩn, tiêu chí, chỉ báo (${data.items.length} mục)`, rows: data.items, rowKey: 'code', perPage: 500,
    columns: [
      { key: 'code', label: 'Mã' },
      { key: 'kind', label: 'Loại', value: (c) => KIND[c.kind] },
      { key: 'title', label: 'Nội dung', render: (c) => h('span', null, c.depth ? '\u00a0\u00a0'.repeat(c.depth) : '', c.kind === 'group' ? h('strong', null, c.title) : c.title,
        c.guidance ? h('div', { class: 'hint' }, c.guidance) : null) },
      { key: 'levels', label: 'Mức', value: (c) => levelsText(c.levels) },
      { key: 'mandatory', label: 'Bắt buộc', value: (c) => (c.mandatory ? 'x' : '') },
      { key: 'max_score', label: 'Điểm tối đa', format: 'number' },
      { key: 'expected_evidence', label: 'Minh chứng gợi ý' },
      { key: 'staff', label: 'Yêu cầu đội ngũ', value: staffRule },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions',
        render: (c) => (isAcademy() && v.status !== 'retired' ? h('span', null,
          h('button', { type: 'button', class: 'button button-small', onclick: () => criterionForm(v, c, data.items) }, 'Sửa'),
          h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => removeCriterion(c) }, 'Xóa')) : '') },
    ],
  }).el);
  if (isAcademy() && v.status !== 'retired') {
    section.append(h('p', { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'button', onclick: () => criterionForm(v, null, data.items) }, 'Thêm tiêu chuẩn, tiêu chí, chỉ báo')),
    importSection(v));
  }
  return section;
}

function criterionForm(v, c, items) {
  const parents = items.filter((x) => x.kind !== 'indicator');
  const form = createForm({
    id: 'criterion',
    submitLabel: 'Lưu',
    values: c ? { ...c, levels: c.levels_text, mandatory: !!c.mandatory } : { kind: 'criterion', levels: '1,2' },
    fields: [
      ...(c ? [] : [
        { name: 'kind', label: 'Loại', type: 'select', required: true, options: Object.entries(KIND).map(([value, label]) => ({ value, label })) },
        { name: 'parent_id', label: 'Thuộc (để trống với tiêu chuẩn)', type: 'select', options: parents.map((p) => ({ value: p.id, label: `${p.code} — ${p.title}` })) },
      ]),
      { name: 'code', label: 'Mã', required: true, maxlength: 32, pattern: '[A-Za-z0-9._-]+', patternMessage: 'Chỉ dùng chữ không dấu, số, dấu chấm, gạch.' },
      { name: 'seq', label: 'Thứ tự', type: 'number', min: 0 },
      { name: 'title', label: 'Nội dung', type: 'textarea', required: true, rows: 2 },
      { name: 'levels', label: 'Áp dụng cho', type: 'radios', options: [{ value: '1', label: 'Mức 1' }, { value: '2', label: 'Mức 2' }, { value: '1,2', label: 'Cả hai mức' }] },
      { name: 'max_score', label: 'Điểm tối đa', type: 'number', min: 0, step: '0.01' },
      { name: 'weight', label: 'Trọng số', type: 'number', min: 0, step: '0.01' },
      { name: 'mandatory', label: 'Tiêu chí bắt buộc', type: 'checkbox' },
      { name: 'guidance', label: 'Hướng dẫn đánh giá', type: 'textarea' },
      { name: 'expected_evidence', label: 'Minh chứng gợi ý', type: 'textarea' },
      { name: 'staff_role', label: 'Yêu cầu đội ngũ: đối tượng', type: 'select', options: Object.entries(ROLE).map(([value, label]) => ({ value, label })) },
      { name: 'staff_qualification', label: 'Yêu cầu đội ngũ: trình độ', type: 'select', options: Object.entries(QUAL).map(([value, label]) => ({ value, label })) },
      { name: 'staff_min_count', label: 'Số người tối thiểu', type: 'number', min: 0 },
      { name: 'staff_min_percent', label: 'Tỷ lệ tối thiểu (%)', type: 'number', min: 0, max: 100, step: '0.01' },
    ],
    onSubmit: (values) => (c ? put(`${API}/criteria/${c.id}`, values) : post(`${API}/versions/${v.id}/criteria`, values)),
    onSuccess: () => { d.close(true); notify('Đã lưu.'); start(); },
  });
  const d = openDialog({ title: c ? `Sửa ${c.code}` : 'Thêm mục', content: form.el, wide: true });
}

async function removeCriterion(c) {
  if (!(await confirmDialog({ title: 'Xóa', message: `Xóa ${c.code}?`, confirmLabel: 'Xóa', danger: true }))) return;
  try {
    await del(`${API}/criteria/${c.id}`);
    start();
  } catch (e) {
    alertDialog({ title: 'Không xóa được', message: e.message });
  }
}

function importSection(v) {
  const report = h('div', { role: 'status', 'aria-live': 'polite' });
  const form = uploadForm({
    id: 'import',
    submitLabel: 'Nhập tệp',
    fields: [
      fileField({ name: 'file', label: 'Tệp CSV bộ tiêu chí', accept: '.csv,text/csv', required: true,
        hint: 'Cùng các cột với tệp xuất CSV và tệp mẫu. Mục trùng mã được cập nhật.' }),
      { name: 'dry_run', label: 'Chỉ kiểm tra, chưa ghi', type: 'checkbox' },
    ],
    onSubmit: async (data) => {
      try {
        return await post(`${API}/versions/${v.id}/import`, data, { timeout: 120000 });
      } catch (e) {
        if (e.code === 'import_invalid' && e.body) showReport(report, e.body);
        throw e;
      }
    },
    onSuccess: (r) => {
      showReport(report, r);
      if (!r.dry_run) notify(`Đã nhập ${r.rows} dòng: thêm ${r.created}, cập nhật ${r.updated}.`);
    },
  });
  return h('section', { class: 'no-print', 'aria-labelledby': 'imp-h' }, h('h3', { id: 'imp-h' }, 'Nhập bộ tiêu chí từ CSV'), form.el, report);
}

function showReport(box, r) {
  const messages = r.messages || [];
  box.replaceChildren(
    h('p', { class: `notice ${r.errors ? 'notice-error' : 'notice-success'}` },
      `${r.dry_run ? 'Kiểm tra: ' : ''}${r.rows ?? 0} dòng, thêm mới ${r.created ?? 0}, cập nhật ${r.updated ?? 0}, lỗi ${r.errors ?? messages.length}.`),
    messages.length ? h('ul', null, messages.map((m) => h('li', null, `Dòng ${m.line}${m.column ? `, cột ${m.column}` : ''}: ${m.message}`))) : null);
}

function newVersionSection() {
  const form = createForm({
    id: 'version',
    submitLabel: 'Thêm phiên bản',
    values: { status: 'draft' },
    fields: [
      { name: 'code', label: 'Số hiệu văn bản', required: true, maxlength: 32, hint: 'Ví dụ: 396-QĐ/TW' },
      { name: 'title', label: 'Tên văn bản', required: true, maxlength: 500 },
      { name: 'issued_date', label: 'Ngày ban hành', type: 'date' },
      { name: 'status', label: 'Tình trạng', type: 'select', options: Object.entries(STATUS).map(([value, label]) => ({ value, label })) },
      { name: 'is_sample', label: 'Bộ tiêu chí mẫu (không phải văn bản chính thức)', type: 'checkbox' },
      { name: 'note', label: 'Ghi chú', type: 'textarea' },
    ],
    onSubmit: (v) => post(`${API}/versions`, v),
    onSuccess: (v) => location.assign(`/accreditation/catalogue.html?version=${v.id}`),
  });
  return h('section', { class: 'no-print', 'aria-labelledby': 'newver-h' }, h('h2', { id: 'newver-h' }, 'Thêm phiên bản tiêu chuẩn'), form.el);
}
