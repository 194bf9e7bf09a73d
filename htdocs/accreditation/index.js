// index.js — the national dashboard against the plan's targets (read from
// the plan's text), the pipeline of dossiers, provincial projects, and the
// schools in the caller's scope with their stage.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post } from '/assets/js/api.js';
import { $, h } from '/assets/js/dom.js';
import { createTable } from '/assets/js/table.js';
import { barChart } from '/assets/js/chart.js';
import { formatDate, formatNumber, formatPercent } from '/assets/js/format.js';
import { API, STATE, RECOGNITION, accrNav, badge, fact, fileField, isAcademy, showError, uploadForm } from '/accreditation/common.js';

const session = await initShell({ module: 'accreditation', title: 'Trường chính trị chuẩn' });
if (session) start();

async function start() {
  const content = $('#content');
  let dash;
  let schools;
  try {
    [dash, schools] = await Promise.all([get(`${API}/dashboard`), get(`${API}/schools`)]);
  } catch (e) {
    showError(content, e);
    return;
  }
  content.replaceChildren(accrNav('index'), planSection(dash), pipelineSection(dash), projectsSection(dash),
    schoolsSection(schools));
  if (isAcademy()) content.append(planUpload());
}

function planSection(dash) {
  const plan = dash.plan;
  if (!plan) {
    return h('section', null, h('h2', null, 'Chỉ tiêu kế hoạch'),
      h('p', { class: 'notice notice-warning' }, 'Chưa có kế hoạch giai đoạn. Học viện tải văn bản kế hoạch lên ở cuối trang này để hệ thống đọc chỉ tiêu.'));
  }
  const r = dash.recognised || {};
  return h('section', { 'aria-labelledby': 'plan-h' },
    h('h2', { id: 'plan-h' }, 'Chỉ tiêu kế hoạch và kết quả'),
    h('dl', { class: 'facts' },
      fact('Kế hoạch', plan.title),
      fact('Giai đoạn', `${plan.year_from}–${plan.year_to}`),
      fact('Chỉ tiêu mức 1', `${plan.target_level1} trường`),
      fact('Chỉ tiêu mức 2', plan.target_level2_min === plan.target_level2_max
        ? `${plan.target_level2_min} trường` : `khoảng ${plan.target_level2_min} đến ${plan.target_level2_max} trường (dự kiến)`),
      fact('Đã công nhận mức 1', `${formatNumber(r.level1 || 0)} trường (${formatPercent(dash.progress?.level1 || 0)} chỉ tiêu)`),
      fact('Đã công nhận mức 2', `${formatNumber(r.level2 || 0)} trường (${formatPercent(dash.progress?.level2 || 0)} chỉ tiêu tối thiểu)`),
      fact('Đang bị cảnh báo', `${formatNumber(r.warning || 0)} trường`),
      fact('Nguồn chỉ tiêu', plan.source)),
    barChart({
      title: 'Số trường được công nhận so với chỉ tiêu',
      categories: ['Mức 1', 'Mức 2'],
      series: [
        { name: 'Đã công nhận', values: [r.level1 || 0, r.level2 || 0] },
        { name: 'Chỉ tiêu (tối thiểu)', values: [plan.target_level1, plan.target_level2_min] },
      ],
      unit: 'trường',
      categoryLabel: 'Mức',
    }));
}

function pipelineSection(dash) {
  const rows = (dash.pipeline || []).filter((p) => p.count > 0);
  return h('section', { 'aria-labelledby': 'pipe-h' },
    h('h2', { id: 'pipe-h' }, 'Hồ sơ đang xử lý'),
    rows.length
      ? createTable({
        caption: 'Số hồ sơ theo trạng thái', filter: false, rows,
        columns: [
          { key: 'state', label: 'Trạng thái', value: (p) => p.title, render: (p) => badge(STATE, p.state) },
          { key: 'count', label: 'Số hồ sơ', format: 'number', align: 'right' },
        ],
      }).el
      : h('p', null, 'Chưa có hồ sơ nào đang xử lý.'),
    h('p', null, `Trường có lộ trình: ${dash.schools?.with_roadmap ?? 0}/${dash.schools?.total ?? 0}; đã mở kỳ đánh giá: ${dash.schools?.with_cycle ?? 0}.`));
}

function projectsSection(dash) {
  const p = dash.projects || {};
  if (!p.provinces) return h('span');
  return h('section', { 'aria-labelledby': 'proj-h' },
    h('h2', { id: 'proj-h' }, 'Đề án trường chính trị chuẩn của tỉnh ủy, thành ủy'),
    h('p', null, p.deadline ? `Hạn trình ban thường vụ: trước ngày ${formatDate(p.deadline)}.` : 'Chưa có hạn trình.'),
    h('ul', null,
      h('li', null, `Đã trình đúng hạn: ${p.on_time}`),
      h('li', null, `Trình sau thời hạn: ${p.late}`),
      h('li', null, `Chưa trình, còn hạn: ${p.pending}`),
      h('li', null, `Chưa trình, quá hạn: ${p.missing}`)),
    h('p', null, h('a', { href: '/accreditation/reports.html#de-an' }, 'Xem danh sách Đề án')));
}

function schoolsSection(schools) {
  return h('section', { 'aria-labelledby': 'schools-h' },
    h('h2', { id: 'schools-h' }, 'Các trường'),
    createTable({
      caption: 'Trường chính trị và trường bộ, ngành', rows: schools, rowKey: 'id',
      columns: [
        { key: 'name', label: 'Trường', render: (s) => h('a', { href: `/accreditation/school.html?id=${s.id}` }, s.name) },
        { key: 'parent_name', label: 'Tỉnh, thành phố / Bộ, ngành' },
        { key: 'target', label: 'Lộ trình', value: (s) => [s.target_year_level1 && `Mức 1: ${s.target_year_level1}`, s.target_year_level2 && `Mức 2: ${s.target_year_level2}`].filter(Boolean).join('; ') || '—' },
        { key: 'cycle_state', label: 'Hồ sơ hiện tại', value: (s) => (STATE[s.cycle_state] || ['Chưa có'])[0],
          render: (s) => (s.cycle_id ? h('a', { href: `/accreditation/cycle.html?id=${s.cycle_id}` }, badge(STATE, s.cycle_state)) : 'Chưa có') },
        { key: 'recognised_level', label: 'Công nhận', value: (s) => (s.recognised_level ? `Mức ${s.recognised_level}` : '—'),
          render: (s) => (s.recognised_level ? h('span', null, `Mức ${s.recognised_level} `, badge(RECOGNITION, s.recognition_status)) : '—') },
        { key: 'valid_until', label: 'Hiệu lực đến', format: 'date' },
      ],
    }).el);
}

function planUpload() {
  const form = uploadForm({
    id: 'plan-upload',
    submitLabel: 'Đọc chỉ tiêu từ văn bản',
    fields: [fileField({ name: 'file', label: 'Văn bản kế hoạch (tệp .txt trích từ văn bản)', accept: '.txt,text/plain', required: true,
      hint: 'Hệ thống đọc số và ngày Quy định, giai đoạn, chỉ tiêu mức 1, mức 2 và hạn trình Đề án.' })],
    onSubmit: (data, { idempotencyKey }) => post(`${API}/plans/import`, data, { idempotencyKey }),
    onSuccess: (plan) => {
      notify(`Đã cập nhật chỉ tiêu: mức 1 ${plan.target_level1} trường, mức 2 ${plan.target_level2_min}–${plan.target_level2_max} trường.`);
      start();
    },
  });
  return h('section', { class: 'no-print', 'aria-labelledby': 'plan-up-h' }, h('h2', { id: 'plan-up-h' }, 'Cập nhật kế hoạch'), form.el);
}
