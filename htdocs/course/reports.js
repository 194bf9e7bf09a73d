// reports.js — the course's reports with drill-down (Academy → province →
// commune): coverage of bridge points, registrations against seats, the live
// check-in of a session, essays received / late / missing, their proposals
// by topic, who may be given the certificate; a chart where a
// picture reads faster, the table with CSV and Excel exports, print.

import { initShell } from '/assets/js/shell.js';
import { $, h } from '/assets/js/dom.js';
import { get, apiUrl } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';
import { barChart } from '/assets/js/chart.js';
import { formatDateTime, formatPercent } from '/assets/js/format.js';
import { currentCourse, courseNav, option, param, showError } from '/course/common.js';

const REPORTS = {
  coverage: {
    title: 'Độ phủ điểm cầu',
    columns: [['units', 'Số đơn vị'], ['with_point', 'Đã đăng ký điểm cầu'], ['approved', 'Đã duyệt'], ['tested', 'Thử kết nối đạt'], ['pending', 'Chờ duyệt'], ['missing', 'Chưa có điểm cầu'], ['not_ready', 'Chưa sẵn sàng']],
    chart: [['tested', 'Sẵn sàng'], ['not_ready', 'Chưa sẵn sàng']],
    headline: (t) => (t.units ? `${t.tested} / ${t.units} đơn vị có điểm cầu sẵn sàng (${formatPercent(t.tested / t.units)}).` : ''),
  },
  registrations: {
    title: 'Đăng ký so với số chỗ',
    columns: [['points', 'Điểm cầu đã duyệt'], ['seats', 'Số chỗ'], ['expected', 'Dự kiến'], ['registered', 'Đã đăng ký'], ['commune_leader', 'Lãnh đạo, quản lý cấp xã'], ['school_lecturer', 'Giảng viên'], ['other', 'Đối tượng khác']],
    chart: [['commune_leader', 'Lãnh đạo, quản lý cấp xã'], ['school_lecturer', 'Giảng viên'], ['other', 'Khác']],
    headline: (t) => (t.seats ? `Đã đăng ký ${t.registered} / ${t.seats} chỗ (${formatPercent(t.registered / t.seats)}).` : ''),
  },
  checkin: {
    title: 'Điểm danh trực tiếp',
    columns: [['points', 'Điểm cầu'], ['reporting', 'Đã điểm danh'], ['registered', 'Đã đăng ký'], ['present', 'Có mặt'], ['late', 'Đến muộn'], ['excused', 'Vắng có phép'], ['absent', 'Vắng'], ['unmarked', 'Chưa điểm danh']],
    chart: [['present', 'Có mặt'], ['late', 'Đến muộn'], ['excused', 'Vắng có phép'], ['absent', 'Vắng'], ['unmarked', 'Chưa điểm danh']],
    headline: (t, data) => `Có mặt ${t.present || 0}, đến muộn ${t.late || 0}, vắng ${(t.absent || 0) + (t.excused || 0)}; số liệu lúc ${formatDateTime(data.as_of)}.`,
  },
  essays: {
    title: 'Bài thu hoạch',
    columns: [['registered', 'Học viên'], ['submitted', 'Đã nộp'], ['on_time', 'Đúng hạn'], ['late', 'Nộp muộn'], ['acknowledged', 'Đã tiếp nhận'], ['returned', 'Trả lại'], ['missing', 'Chưa nộp']],
    chart: [['on_time', 'Đúng hạn'], ['late', 'Nộp muộn'], ['missing', 'Chưa nộp']],
    headline: (t) => (t.registered ? `Đã nộp ${t.submitted} / ${t.registered} bài (${formatPercent(t.submitted / t.registered)}), nộp muộn ${t.late}.` : ''),
  },
  proposals: {
    title: 'Kiến nghị, đề xuất theo chuyên đề',
    // one column and one bar segment per topic of the course
    columns: (data) => [['essays', 'Bài đã nhận'], ['with_proposals', 'Bài có kiến nghị'], ...topicColumns(data), ['proposals', 'Tổng số kiến nghị']],
    chart: topicColumns,
    sortBy: 'proposals',
    headline: (t) => (t.essays ? `${t.proposals} kiến nghị, đề xuất trong ${t.with_proposals} / ${t.essays} bài thu hoạch đã nhận (không tính bài bị trả lại).` : ''),
  },
  certificates: {
    title: 'Đủ điều kiện cấp giấy chứng nhận',
    columns: [['registered', 'Học viên'], ['attended_enough', 'Dự đủ số buổi'], ['essay_acknowledged', 'Bài đã tiếp nhận'], ['eligible', 'Đủ điều kiện'], ['awaiting_review', 'Dự đủ, bài chờ tiếp nhận'], ['not_eligible', 'Chưa đủ điều kiện']],
    chart: [['eligible', 'Đủ điều kiện'], ['not_eligible', 'Chưa đủ điều kiện']],
    headline: (t, data) => (t.registered ? `Đủ điều kiện cấp giấy chứng nhận ${t.eligible} / ${t.registered} học viên (${formatPercent(t.eligible / t.registered)}), tiêu chí: dự ${data.required_sessions} / ${data.sessions} buổi và bài thu hoạch đã được tiếp nhận; ${t.awaiting_review} người đã dự đủ, bài đang chờ Ban Tổ chức tiếp nhận.` : ''),
  },
};

function topicColumns(data) {
  return (data.topics || []).map((t) => [`t${t.no}`, `Chuyên đề ${t.no}`]);
}

let course;
const state = { report: param('report') || 'registrations', parent: param('parent') || '', session: param('session') || '', trail: [] };

const session = await initShell({ module: 'course', title: 'Báo cáo lớp bồi dưỡng' });
if (session) start();

async function start() {
  const content = $('#content');
  try {
    course = await currentCourse();
  } catch (e) {
    showError(content, e);
    return;
  }
  if (!course) return;
  const pick = h('form', { class: 'filters no-print' },
    h('div', { class: 'field-wide' }, h('label', { for: 'r-report' }, 'Báo cáo'),
      h('select', { id: 'r-report' }, Object.entries(REPORTS).map(([k, r]) => option(k, r.title, k === state.report)))),
    h('div', { id: 'r-session-field' }, h('label', { for: 'r-session' }, 'Buổi học'),
      h('select', { id: 'r-session' }, (course.sessions || []).map((s) => option(String(s.id), `Buổi ${s.seq}: ${s.title}`, String(s.id) === state.session)))),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Xem báo cáo')));
  pick.addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.report = $('#r-report').value;
    state.session = $('#r-session').value;
    state.parent = '';
    state.trail = [];
    show();
  });
  content.append(courseNav('reports', course), pick, h('div', { id: 'report' }));
  show();
}

function query() {
  const q = { course: course.id, parent: state.parent };
  if (state.report === 'checkin') q.session = state.session || $('#r-session').value;
  return q;
}

async function show() {
  const area = $('#report');
  $('#r-session-field').hidden = state.report !== 'checkin';
  const spec = REPORTS[state.report];
  let data;
  try {
    data = await get(`/api/course/reports/${state.report}`, query());
  } catch (e) {
    showError(area, e);
    return;
  }
  const drill = (row) => {
    if (row.kind === 'commune' || !row.id) return null;
    return h('button', { type: 'button', class: 'button button-small', onclick: () => {
      state.trail.push({ parent: state.parent, name: row.name });
      state.parent = String(row.id);
      show();
    } }, 'Xem chi tiết');
  };
  const columns = typeof spec.columns === 'function' ? spec.columns(data) : spec.columns;
  const series = typeof spec.chart === 'function' ? spec.chart(data) : spec.chart;
  const sortBy = spec.sortBy || series[0][0];
  const table = createTable({
    caption: spec.title,
    rows: data.items,
    perPage: 100,
    exportUrl: apiUrl(`/api/course/reports/${state.report}`, query()),
    columns: [
      { key: 'code', label: 'Mã' },
      { key: 'name', label: 'Đơn vị' },
      ...columns.map(([key, label]) => ({ key, label, format: 'number' })),
      { key: 'drill', label: 'Thao tác', sortable: false, className: 'col-actions', render: (r) => (data.level === 'national' ? drill(r) || '' : '') },
    ],
  });
  const top = data.items.slice().sort((a, b) => (b[sortBy] || 0) - (a[sortBy] || 0)).slice(0, 34);
  const chart = barChart({
    title: `${spec.title}${data.level === 'national' ? ' theo tỉnh, thành phố' : ' theo đơn vị'}`,
    categories: top.map((r) => r.name),
    series: series.map(([key, name]) => ({ name, values: top.map((r) => r[key] || 0) })),
    stacked: true,
    unit: state.report === 'coverage' ? 'đơn vị' : state.report === 'proposals' ? 'kiến nghị' : 'người',
  });
  const t = data.totals || {};
  const headline = spec.headline(data.totals || {}, data);
  const back = state.trail.length ? h('button', { type: 'button', class: 'button button-small no-print', onclick: () => {
    const prev = state.trail.pop();
    state.parent = prev.parent;
    show();
  } }, 'Quay lại cấp trên') : '';
  const where = state.trail.length ? state.trail[state.trail.length - 1].name : (data.level === 'national' ? 'Toàn quốc' : '');
  const missingLink = state.report === 'essays'
    ? h('p', { class: 'no-print' }, h('a', { class: 'button', href: apiUrl('/api/course/reports/essays/missing', { course: course.id, parent: state.parent, format: 'xlsx' }) }, 'Tải danh sách học viên chưa nộp bài (Excel)'))
    : '';
  const proposalsLink = state.report === 'proposals'
    ? h('p', { class: 'no-print' }, h('a', { class: 'button', href: apiUrl('/api/course/reports/proposals/list', { course: course.id, parent: state.parent, format: 'xlsx' }) }, 'Tải toàn bộ kiến nghị, đề xuất (Excel)'))
    : '';
  const eligibleLink = state.report === 'certificates'
    ? h('p', { class: 'no-print' }, h('a', { class: 'button', href: apiUrl('/api/course/reports/certificates/eligible', { course: course.id, parent: state.parent, format: 'xlsx' }) }, 'Tải danh sách đủ điều kiện cấp giấy chứng nhận (Excel)'))
    : '';
  area.replaceChildren(h('h2', null, `${spec.title}${where ? ` — ${where}` : ''}`), back, headline ? h('p', { class: 'lead' }, headline) : '', chart, table.el, missingLink, proposalsLink, eligibleLink);
}
