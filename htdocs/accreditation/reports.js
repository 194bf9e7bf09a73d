// reports.js — the module's reports, each printable and exportable (CSV with
// BOM, Excel): readiness per school, evidence coverage and expiry, the staff
// review, the provinces' projects (Đề án) against the deadline, and the
// five-year review (sơ kết 5 năm).

import { initShell, notify } from '/assets/js/shell.js';
import { get, put } from '/assets/js/api.js';
import { $, h } from '/assets/js/dom.js';
import { createForm } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { openDialog } from '/assets/js/dialog.js';
import { formatDate, formatPercent } from '/assets/js/format.js';
import { API, STATE, PROJECT_FLAG, accrNav, badge, isAcademy, isProvince, param, showError, exportLinks } from '/accreditation/common.js';

const session = await initShell({ module: 'accreditation', title: 'Báo cáo' });
if (session) start();

const SECTIONS = [
  ['san-sang', 'Mức độ sẵn sàng'],
  ['minh-chung', 'Minh chứng'],
  ['doi-ngu', 'Rà soát đội ngũ'],
  ['de-an', 'Đề án của các tỉnh'],
  ['so-ket', 'Sơ kết 5 năm'],
];

async function start() {
  const content = $('#content');
  const school = param('school');
  try {
    const [ready, evidence, staff, projects, review] = await Promise.all([
      get(`${API}/reports/readiness`), get(`${API}/reports/evidence`),
      get(`${API}/staff-review`, { school }),
      get(`${API}/projects`).catch(() => null), get(`${API}/reports/review`).catch(() => null)]);
    content.replaceChildren(accrNav('reports'),
      h('nav', { class: 'subnav no-print', 'aria-label': 'Các báo cáo' }, h('ul', null, SECTIONS.map(([id, t]) => h('li', null, h('a', { href: `#${id}` }, t))))),
      readinessSection(ready), evidenceSection(evidence), staffSection(staff, school),
      projects ? projectsSection(projects) : h('span'), review ? reviewSection(review) : h('span'));
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView();
  } catch (e) {
    showError(content, e);
  }
}

function section(id, title, ...children) {
  return h('section', { id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, title), children);
}

function readinessSection(rows) {
  return section('san-sang', 'Mức độ sẵn sàng đạt chuẩn', exportLinks('/reports/readiness'), createTable({
    caption: 'Tiêu chí đạt / tổng số theo mức (kết quả mới nhất của kỳ gần nhất)', rows, rowKey: 'school_id',
    columns: [
      { key: 'school_name', label: 'Trường', render: (r) => (r.cycle_id ? h('a', { href: `/accreditation/cycle.html?id=${r.cycle_id}` }, r.school_name) : r.school_name) },
      { key: 'province_name', label: 'Tỉnh, thành phố / Bộ, ngành' },
      { key: 'state', label: 'Hồ sơ', value: (r) => r.state_title, render: (r) => (r.state ? badge(STATE, r.state) : 'Chưa có') },
      { key: 'level1', label: 'Mức 1', value: (r) => `${r.level1_met}/${r.level1_total}`, sortKey: (r) => r.level1_ratio ?? 0 },
      { key: 'level1_unmet_mandatory', label: 'Mức 1: bắt buộc chưa đạt', format: 'number' },
      { key: 'level2', label: 'Mức 2', value: (r) => `${r.level2_met}/${r.level2_total}`, sortKey: (r) => r.level2_ratio ?? 0 },
      { key: 'level2_unmet_mandatory', label: 'Mức 2: bắt buộc chưa đạt', format: 'number' },
    ],
  }).el);
}

function evidenceSection(rows) {
  return section('minh-chung', 'Độ bao phủ và hiệu lực của minh chứng', exportLinks('/reports/evidence'), createTable({
    caption: 'Minh chứng theo trường', rows, rowKey: 'school_id',
    columns: [
      { key: 'school_name', label: 'Trường', render: (r) => h('a', { href: `/accreditation/school.html?id=${r.school_id}#ev-h` }, r.school_name) },
      { key: 'evidence_total', label: 'Số minh chứng', format: 'number' },
      { key: 'with_file', label: 'Có tệp', format: 'number' },
      { key: 'expired', label: 'Hết hiệu lực', format: 'number' },
      { key: 'expiring', label: 'Sắp hết hiệu lực (30 ngày)', format: 'number' },
      { key: 'coverage', label: 'Tiêu chí có minh chứng', value: (r) => (r.coverage == null ? '—' : `${r.covered}/${r.applicable} (${formatPercent(r.coverage)})`), sortKey: (r) => r.coverage ?? -1 },
    ],
  }).el);
}

function staffSection(rows, school) {
  return section('doi-ngu', 'Rà soát đội ngũ cán bộ, giảng viên theo tiêu chí', exportLinks('/staff-review', { school }), createTable({
    caption: 'Số người đạt yêu cầu của từng tiêu chí về đội ngũ', rows,
    columns: [
      { key: 'school_name', label: 'Trường' },
      { key: 'criterion_code', label: 'Tiêu chí' },
      { key: 'requirement', label: 'Yêu cầu' },
      { key: 'population', label: 'Thuộc đối tượng', format: 'number' },
      { key: 'matching', label: 'Đạt yêu cầu', format: 'number' },
      { key: 'met', label: 'Kết quả', value: (r) => r.met_text, render: (r) => h('span', { class: `badge ${r.met ? 'badge-ok' : 'badge-off'}` }, r.met_text) },
    ],
  }).el);
}

function projectsSection(data) {
  const canEdit = isProvince() || isAcademy();
  return section('de-an', 'Đề án trường chính trị chuẩn của tỉnh ủy, thành ủy',
    h('p', null, data.deadline ? `Hạn trình ban thường vụ tỉnh ủy, thành ủy: trước ngày ${formatDate(data.deadline)}.` : ''),
    exportLinks('/projects'), createTable({
      caption: 'Đề án của các tỉnh, thành phố', rows: data.items, rowKey: 'province_id',
      columns: [
        { key: 'province_name', label: 'Tỉnh, thành phố' },
        { key: 'number', label: 'Số Đề án' },
        { key: 'project_date', label: 'Ngày', format: 'date' },
        { key: 'approving_body', label: 'Cơ quan phê duyệt' },
        { key: 'standing_committee_date', label: 'Ngày trình Ban Thường vụ', format: 'date' },
        { key: 'flag', label: 'Tiến độ', value: (r) => r.flag_title, render: (r) => badge(PROJECT_FLAG, r.flag) },
        { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions',
          render: (r) => (canEdit ? h('button', { type: 'button', class: 'button button-small', onclick: () => projectForm(r) }, 'Cập nhật') : '') },
      ],
    }).el);
}

function projectForm(r) {
  const form = createForm({
    id: 'project',
    submitLabel: 'Lưu Đề án',
    values: r.id ? r : { status: 'drafting' },
    fields: [
      { name: 'number', label: 'Số Đề án', maxlength: 100, hint: 'Ví dụ: 05-ĐA/TU' },
      { name: 'project_date', label: 'Ngày Đề án', type: 'date' },
      { name: 'title', label: 'Tên Đề án', maxlength: 500 },
      { name: 'approving_body', label: 'Cơ quan phê duyệt', maxlength: 255 },
      { name: 'standing_committee_date', label: 'Ngày trình Ban Thường vụ', type: 'date' },
      { name: 'status', label: 'Tình trạng', type: 'radios', options: [
        { value: 'drafting', label: 'Đang xây dựng' }, { value: 'submitted', label: 'Đã trình' }, { value: 'approved', label: 'Đã phê duyệt' }] },
      { name: 'note', label: 'Ghi chú', type: 'textarea' },
    ],
    onSubmit: (v) => put(`${API}/provinces/${r.province_id}/project`, v),
    onSuccess: () => { d.close(true); notify('Đã lưu Đề án.'); start(); },
  });
  const d = openDialog({ title: `Đề án: ${r.province_name}`, content: form.el, wide: true });
}

function reviewSection(data) {
  return section('so-ket', `Sơ kết thực hiện Quy định trường chính trị chuẩn (${data.from}–${data.to})`,
    exportLinks('/reports/review'), createTable({
      caption: 'Kết quả theo năm', rows: data.years, filter: false, rowKey: 'year',
      columns: [
        { key: 'year', label: 'Năm' },
        { key: 'cycles_submitted', label: 'Hồ sơ nộp cấp tỉnh', format: 'number' },
        { key: 'recognised_level1', label: 'Công nhận mức 1', format: 'number' },
        { key: 'recognised_level2', label: 'Công nhận mức 2', format: 'number' },
        { key: 'not_recognised', label: 'Không công nhận', format: 'number' },
        { key: 'inspections', label: 'Đợt kiểm tra', format: 'number' },
        { key: 'warnings', label: 'Cảnh báo', format: 'number' },
        { key: 'withdrawn', label: 'Thu hồi', format: 'number' },
        { key: 'cumulative_level1', label: 'Lũy kế mức 1', format: 'number' },
        { key: 'cumulative_level2', label: 'Lũy kế mức 2', format: 'number' },
      ],
    }).el,
    data.plan ? h('p', null, `Chỉ tiêu giai đoạn: ${data.plan.target_level1} trường mức 1; khoảng ${data.plan.target_level2_min}–${data.plan.target_level2_max} trường mức 2.`) : null);
}
