// school.js — one school: its roadmap (target level, year, milestones), its
// assessment cycles, recognitions, evidence library and staff. The school's
// own staff edit; the province, councils and the Academy read.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, put, del } from '/assets/js/api.js';
import { $, h } from '/assets/js/dom.js';
import { createTable } from '/assets/js/table.js';
import { createForm } from '/assets/js/form.js';
import { openDialog, confirmDialog, alertDialog } from '/assets/js/dialog.js';
import { formatDate, today } from '/assets/js/format.js';
import {
  API, STATE, VALIDITY, RECOGNITION, STAFF_KIND, DEGREE, TITLE, THEORY, RANK,
  accrNav, badge, fact, fileField, options, param, showError, uploadForm, yesNo,
} from '/accreditation/common.js';

const session = await initShell({ module: 'accreditation', title: 'Trường' });
const id = param('id');
if (session) start();

async function start() {
  const content = $('#content');
  let school;
  let evidence;
  let staff;
  try {
    [school, evidence, staff] = await Promise.all([
      get(`${API}/schools/${id}`), get(`${API}/schools/${id}/evidence`), get(`${API}/schools/${id}/staff`)]);
  } catch (e) {
    showError(content, e);
    return;
  }
  $('h1').textContent = school.name;
  document.title = `${school.name} — Trường chính trị chuẩn — Cadre Suite`;
  content.replaceChildren(
    accrNav(''),
    h('dl', { class: 'facts' }, fact('Thuộc', school.parent_name), fact('Mã đơn vị', school.code)),
    roadmapSection(school),
    cyclesSection(school),
    recognitionsSection(school),
    evidenceSection(school, evidence),
    staffSection(school, staff));
}

// ---- roadmap ---------------------------------------------------------------

function roadmapSection(school) {
  const byLevel = Object.fromEntries(school.roadmaps.map((r) => [r.target_level, r]));
  const list = h('div');
  for (const level of [1, 2]) {
    const r = byLevel[level];
    list.append(h('h3', null, `Mức ${level}: ${r ? `dự kiến đạt năm ${r.target_year}` : 'chưa đăng ký'}`));
    if (r?.note) list.append(h('p', null, r.note));
    if (r?.milestones?.length) {
      list.append(h('ul', null, r.milestones.map((m) => h('li', null,
        `${m.title} — hạn ${formatDate(m.due_date)}`,
        m.done_date ? ` — hoàn thành ${formatDate(m.done_date)}` : (m.overdue ? h('span', { class: 'badge badge-off' }, ' Quá hạn') : ''),
        school.can_edit && !m.done_date ? h('button', { type: 'button', class: 'button button-small no-print', onclick: () => markDone(m) }, 'Đánh dấu hoàn thành') : null))));
    }
    if (school.can_edit) {
      list.append(h('p', { class: 'toolbar no-print' },
        h('button', { type: 'button', class: 'button button-small', onclick: () => editRoadmap(school, level, r) }, r ? `Sửa lộ trình mức ${level}` : `Đăng ký lộ trình mức ${level}`),
        r ? h('button', { type: 'button', class: 'button button-small', onclick: () => addMilestone(r) }, 'Thêm mốc') : null));
    }
  }
  return h('section', { 'aria-labelledby': 'roadmap-h' }, h('h2', { id: 'roadmap-h' }, 'Lộ trình đạt chuẩn'), list);
}

function editRoadmap(school, level, r) {
  const form = createForm({
    id: `roadmap-${level}`,
    submitLabel: 'Lưu lộ trình',
    values: r || {},
    fields: [
      { name: 'target_year', label: 'Năm dự kiến đạt chuẩn', type: 'number', min: 2020, max: 2100, required: true },
      { name: 'note', label: 'Ghi chú', type: 'textarea' },
    ],
    onSubmit: (v) => put(`${API}/schools/${school.id}/roadmap/${level}`, v),
    onSuccess: () => { d.close(true); notify('Đã lưu lộ trình.'); start(); },
  });
  const d = openDialog({ title: `Lộ trình mức ${level}`, content: form.el });
}

function addMilestone(r) {
  const form = createForm({
    id: 'milestone',
    submitLabel: 'Thêm mốc',
    fields: [
      { name: 'title', label: 'Nội dung mốc', required: true, maxlength: 500 },
      { name: 'due_date', label: 'Thời hạn', type: 'date', required: true },
    ],
    onSubmit: (v) => post(`${API}/roadmaps/${r.id}/milestones`, v),
    onSuccess: () => { d.close(true); start(); },
  });
  const d = openDialog({ title: 'Thêm mốc lộ trình', content: form.el });
}

async function markDone(m) {
  try {
    await put(`${API}/milestones/${m.id}`, { title: m.title, due_date: m.due_date, done_date: today() });
    start();
  } catch (e) {
    alertDialog({ title: 'Không lưu được', message: e.message });
  }
}

// ---- cycles and recognitions -----------------------------------------------------

function cyclesSection(school) {
  const section = h('section', { 'aria-labelledby': 'cycles-h' }, h('h2', { id: 'cycles-h' }, 'Các kỳ đánh giá'));
  section.append(createTable({
    caption: 'Kỳ đánh giá của trường', rows: school.cycles, rowKey: 'id', filter: false,
    empty: 'Trường chưa mở kỳ đánh giá nào.',
    columns: [
      { key: 'title', label: 'Kỳ đánh giá', render: (c) => h('a', { href: `/accreditation/cycle.html?id=${c.id}` }, c.title) },
      { key: 'version', label: 'Tiêu chuẩn' },
      { key: 'target_level', label: 'Mức đăng ký', format: 'number' },
      { key: 'state', label: 'Trạng thái', value: (c) => (STATE[c.state] || [c.state])[0], render: (c) => badge(STATE, c.state) },
      { key: 'updated_at', label: 'Cập nhật', format: 'datetime' },
    ],
  }).el);
  const open = school.cycles.some((c) => !['recognised', 'not_recognised'].includes(c.state));
  if (school.can_edit && !open) {
    section.append(h('p', { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'button button-primary', onclick: () => newCycle(school) }, 'Mở kỳ đánh giá mới')));
  }
  return section;
}

async function newCycle(school) {
  const versions = (await get(`${API}/versions`)).filter((v) => v.status === 'active');
  const last = school.cycles.find((c) => ['recognised', 'not_recognised'].includes(c.state));
  const form = createForm({
    id: 'new-cycle',
    submitLabel: last ? 'Mở kỳ mới (sao chép minh chứng của kỳ trước)' : 'Mở kỳ đánh giá',
    values: { version_id: versions[0]?.id, target_level: 1 },
    fields: [
      { name: 'version_id', label: 'Tiêu chuẩn áp dụng', type: 'select', required: true,
        options: versions.map((v) => ({ value: v.id, label: `${v.code}${v.is_sample ? ' (bộ tiêu chí mẫu)' : ''}` })) },
      { name: 'target_level', label: 'Mức đăng ký', type: 'radios', required: true, options: [{ value: 1, label: 'Mức 1' }, { value: 2, label: 'Mức 2' }] },
      { name: 'title', label: 'Tên kỳ đánh giá', maxlength: 255, hint: 'Để trống: "Đánh giá mức N năm YYYY".' },
    ],
    onSubmit: (v) => (last ? post(`${API}/cycles/${last.id}/clone`, v) : post(`${API}/cycles`, { ...v, school_id: school.id })),
    onSuccess: (c) => location.assign(`/accreditation/cycle.html?id=${c.id}`),
  });
  openDialog({ title: 'Mở kỳ đánh giá', content: form.el });
}

function recognitionsSection(school) {
  if (!school.recognitions.length) return h('span');
  return h('section', { 'aria-labelledby': 'rec-h' }, h('h2', { id: 'rec-h' }, 'Quyết định công nhận'),
    createTable({
      caption: 'Quyết định công nhận của trường', rows: school.recognitions, filter: false,
      columns: [
        { key: 'level', label: 'Mức', format: 'number' },
        { key: 'decision_no', label: 'Số quyết định', render: (r) => h('a', { href: `/accreditation/register.html?recognition=${r.id}` }, r.decision_no) },
        { key: 'decision_date', label: 'Ngày', format: 'date' },
        { key: 'valid_until', label: 'Hiệu lực đến', format: 'date' },
        { key: 'status', label: 'Tình trạng', render: (r) => (r.expired ? h('span', { class: 'badge badge-off' }, 'Hết hiệu lực') : badge(RECOGNITION, r.status)) },
      ],
    }).el);
}

// ---- evidence library -----------------------------------------------------------------

function evidenceSection(school, evidence) {
  const section = h('section', { 'aria-labelledby': 'ev-h' }, h('h2', { id: 'ev-h' }, 'Thư viện minh chứng'),
    h('p', null, 'Một minh chứng có thể dùng cho nhiều tiêu chí và nhiều kỳ đánh giá.'));
  section.append(createTable({
    caption: 'Minh chứng của trường', rows: evidence, rowKey: 'id',
    empty: 'Chưa có minh chứng.',
    columns: [
      { key: 'code', label: 'Mã' },
      { key: 'title', label: 'Tên minh chứng', render: (e) => (e.file_id
        ? h('a', { href: `${API}/evidence/${e.id}/file` }, e.title) : e.title) },
      { key: 'doc', label: 'Số, ngày văn bản', value: (e) => [e.doc_number, e.doc_date && formatDate(e.doc_date)].filter(Boolean).join(', ') },
      { key: 'issuer', label: 'Cơ quan ban hành' },
      { key: 'valid_until', label: 'Hiệu lực đến', format: 'date' },
      { key: 'validity', label: 'Hiệu lực', value: (e) => VALIDITY[e.validity]?.[0], render: (e) => badge(VALIDITY, e.validity) },
      { key: 'links', label: 'Số tiêu chí dùng', format: 'number' },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions',
        render: (e) => (school.can_edit ? h('span', null,
          h('button', { type: 'button', class: 'button button-small', onclick: () => evidenceForm(school, e) }, 'Sửa'),
          h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => removeEvidence(e) }, 'Xóa')) : '') },
    ],
  }).el);
  if (school.can_edit) {
    section.append(h('p', { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'button button-primary', onclick: () => evidenceForm(school, null) }, 'Thêm minh chứng')));
  }
  return section;
}

function evidenceForm(school, e) {
  const form = uploadForm({
    id: 'evidence',
    submitLabel: e ? 'Lưu minh chứng' : 'Thêm minh chứng',
    values: e || {},
    fields: [
      { name: 'code', label: 'Mã minh chứng', required: true, maxlength: 32, hint: 'Ví dụ: H1.01.01', pattern: '[A-Za-z0-9._-]+', patternMessage: 'Chỉ dùng chữ không dấu, số, dấu chấm, gạch.' },
      { name: 'title', label: 'Tên minh chứng', required: true, maxlength: 500 },
      { name: 'doc_number', label: 'Số văn bản', maxlength: 100 },
      { name: 'doc_date', label: 'Ngày văn bản', type: 'date' },
      { name: 'issuer', label: 'Cơ quan ban hành', maxlength: 255 },
      { name: 'valid_from', label: 'Có hiệu lực từ', type: 'date' },
      { name: 'valid_until', label: 'Hết hiệu lực', type: 'date' },
      { name: 'note', label: 'Ghi chú', type: 'textarea' },
      fileField({ name: 'file', label: e?.file_id ? 'Thay tệp (để trống: giữ tệp cũ)' : 'Tệp minh chứng',
        accept: '.pdf,.doc,.docx,.odt,.jpg,.jpeg,.png', hint: 'PDF, Word, ảnh; tối đa 20 MB.' }),
    ],
    onSubmit: (data) => (e ? put(`${API}/evidence/${e.id}`, data, { timeout: 120000 })
      : post(`${API}/schools/${school.id}/evidence`, data, { timeout: 120000 })),
    onSuccess: () => { d.close(true); notify('Đã lưu minh chứng.'); start(); },
  });
  const d = openDialog({ title: e ? `Sửa minh chứng ${e.code}` : 'Thêm minh chứng', content: form.el, wide: true });
}

async function removeEvidence(e) {
  if (!(await confirmDialog({ title: 'Xóa minh chứng', message: `Xóa minh chứng ${e.code}?`, confirmLabel: 'Xóa', danger: true }))) return;
  try {
    await del(`${API}/evidence/${e.id}`);
    start();
  } catch (err) {
    alertDialog({ title: 'Không xóa được', message: err.message });
  }
}

// ---- staff -----------------------------------------------------------------------

function staffSection(school, staff) {
  const section = h('section', { 'aria-labelledby': 'staff-h' }, h('h2', { id: 'staff-h' }, 'Đội ngũ cán bộ, giảng viên'),
    h('p', null, h('a', { href: `/accreditation/reports.html?school=${school.id}#doi-ngu` }, 'Xem rà soát đội ngũ theo tiêu chí')));
  section.append(createTable({
    caption: 'Cán bộ, giảng viên', rows: staff, rowKey: 'id',
    columns: [
      { key: 'full_name', label: 'Họ và tên' },
      { key: 'kind', label: 'Đối tượng', value: (s) => STAFF_KIND[s.kind] },
      { key: 'position', label: 'Chức vụ' },
      { key: 'degree', label: 'Trình độ', value: (s) => DEGREE[s.degree] },
      { key: 'academic_title', label: 'Học hàm', value: (s) => TITLE[s.academic_title] },
      { key: 'political_theory', label: 'Lý luận chính trị', value: (s) => THEORY[s.political_theory] },
      { key: 'lecturer_rank', label: 'Chức danh', value: (s) => RANK[s.lecturer_rank] },
      { key: 'pedagogy', label: 'Nghiệp vụ sư phạm', value: (s) => yesNo(s.pedagogy) },
      { key: 'origin_school', label: 'Đơn vị trước sáp nhập' },
      { key: 'active', label: 'Đang công tác', value: (s) => yesNo(s.active) },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions',
        render: (s) => (school.can_edit ? h('button', { type: 'button', class: 'button button-small', onclick: () => staffForm(school, s) }, 'Sửa') : '') },
    ],
  }).el);
  if (school.can_edit) {
    section.append(h('p', { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'button', onclick: () => staffForm(school, null) }, 'Thêm cán bộ, giảng viên')));
  }
  return section;
}

function staffForm(school, s) {
  const form = createForm({
    id: 'staff',
    submitLabel: 'Lưu',
    values: s ? { ...s, pedagogy: !!s.pedagogy, active: !!s.active } : { kind: 'lecturer', degree: 'master', political_theory: 'advanced', lecturer_rank: 'lecturer', active: true },
    fields: [
      { name: 'full_name', label: 'Họ và tên', required: true, maxlength: 200 },
      { name: 'kind', label: 'Đối tượng', type: 'select', required: true, options: options(STAFF_KIND) },
      { name: 'position', label: 'Chức vụ', maxlength: 255 },
      { name: 'degree', label: 'Trình độ chuyên môn', type: 'select', options: options(DEGREE) },
      { name: 'academic_title', label: 'Học hàm', type: 'select', options: options(TITLE) },
      { name: 'political_theory', label: 'Trình độ lý luận chính trị', type: 'select', options: options(THEORY) },
      { name: 'lecturer_rank', label: 'Chức danh giảng viên', type: 'select', options: options(RANK) },
      { name: 'pedagogy', label: 'Có chứng chỉ nghiệp vụ sư phạm', type: 'checkbox' },
      { name: 'origin_school', label: 'Đơn vị công tác trước sáp nhập', maxlength: 255 },
      { name: 'active', label: 'Đang công tác tại trường', type: 'checkbox' },
      { name: 'note', label: 'Ghi chú', type: 'textarea' },
    ],
    onSubmit: (v) => (s ? put(`${API}/staff/${s.id}`, v) : post(`${API}/schools/${school.id}/staff`, v)),
    onSuccess: () => { d.close(true); start(); },
  });
  const d = openDialog({ title: s ? `Sửa: ${s.full_name}` : 'Thêm cán bộ, giảng viên', content: form.el, wide: true });
}
