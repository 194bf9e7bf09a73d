// reports.js — plan against actual by class, sending unit and month, the
// admission funnel of every class, and the step deadlines coming and missed;
// each table prints and exports to Excel/CSV.

import { initShell } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { get, apiUrl } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';
import { API, DUE, badge, llctNav, planSelect } from '/llct/common.js';

let plan = null;
const session = await initShell({ module: 'llct', title: 'Báo cáo đào tạo trung cấp LLCT' });
if (session) start();

function showError(text) {
  const el = $('#error');
  el.textContent = text || '';
  el.hidden = !text;
}

async function start() {
  $('h1').after(llctNav('reports'));
  $('#days').addEventListener('change', () => plan && deadlines());
  try {
    await planSelect($('#plan'), await get(`${API}/plans`), show);
  } catch (e) {
    showError(e.message);
  }
}

function block(sel, title, url, query, columns, rows, empty) {
  const table = createTable({ caption: title, rows, columns, exportUrl: apiUrl(url, query), empty });
  replace($(sel), h('h2', { id: `${sel.slice(1)}-title` }, title), table.el);
}

async function deadlines() {
  const q = { plan, days: $('#days').value || 14 };
  const rows = await get(`${API}/deadlines`, q);
  block('#deadlines', 'Hạn các bước sắp tới và quá hạn', `${API}/deadlines`, q, [
    { key: 'class_code', label: 'Lớp', render: (r) => h('a', { href: `/llct/class.html?id=${r.class_id}` }, r.class_code) },
    { key: 'step', label: 'Bước', format: 'number' },
    { key: 'title', label: 'Nội dung' },
    { key: 'due_on', label: 'Hạn', format: 'date' },
    { key: 'days_left', label: 'Còn (ngày)', format: 'number', align: 'right' },
    { key: 'status', label: 'Tình trạng', value: (r) => r.status_title, render: (r) => badge(DUE, r.status) },
  ], rows, 'Không có bước nào sắp đến hạn hoặc quá hạn.');
}

async function show(id) {
  plan = id;
  showError('');
  history.replaceState(null, '', `?plan=${id}`);
  try {
    const [funnel, byClass, byUnit, byMonth] = await Promise.all([
      get(`${API}/reports/funnel`, { plan: id }),
      get(`${API}/reports/plan-actual`, { plan: id, by: 'class' }),
      get(`${API}/reports/plan-actual`, { plan: id, by: 'unit' }),
      get(`${API}/reports/plan-actual`, { plan: id, by: 'month' }),
      deadlines(),
    ]);
    const n = (key, label) => ({ key, label, format: 'number', align: 'right' });
    block('#funnel', 'Kết quả tuyển sinh từng lớp', `${API}/reports/funnel`, { plan: id }, [
      { key: 'code', label: 'Lớp', render: (r) => h('a', { href: `/llct/class.html?id=${r.id}` }, r.code) },
      n('cap', 'Sĩ số tối đa'), n('allotted_total', 'Chỉ tiêu'), n('submitted', 'Nộp hồ sơ'), n('pending', 'Đang xét'),
      n('eligible', 'Đủ điều kiện'), n('ineligible', 'Không đủ'), n('admitted', 'Trúng tuyển'), n('enrolled', 'Nhập học'),
      n('graduated', 'Tốt nghiệp'), n('dropped', 'Bỏ học'), n('withdrawn', 'Rút hồ sơ'),
    ], funnel);
    block('#by-class', 'Kế hoạch và thực hiện theo lớp', `${API}/reports/plan-actual`, { plan: id, by: 'class' }, [
      { key: 'code', label: 'Lớp' }, n('month', 'Tháng'), { key: 'mode_title', label: 'Hình thức' },
      n('planned_learners', 'Kế hoạch (HV)'), n('allotted_total', 'Chỉ tiêu đã giao'), n('submitted', 'Hồ sơ'),
      n('admitted', 'Trúng tuyển'), n('enrolled', 'Nhập học'), n('graduated', 'Tốt nghiệp'),
      { key: 'opened_text', label: 'Đã mở lớp' },
    ], byClass);
    block('#by-unit', 'Kế hoạch và thực hiện theo đơn vị cử học viên', `${API}/reports/plan-actual`, { plan: id, by: 'unit' }, [
      { key: 'unit', label: 'Đơn vị' }, n('classes', 'Số lớp'), n('allotted', 'Chỉ tiêu'), n('submitted', 'Đã cử'),
      n('admitted', 'Trúng tuyển'), n('enrolled', 'Nhập học'), n('shortfall', 'Còn thiếu'),
    ], byUnit);
    block('#by-month', 'Kế hoạch và thực hiện theo tháng', `${API}/reports/plan-actual`, { plan: id, by: 'month' }, [
      n('month', 'Tháng'), n('planned_classes', 'Lớp kế hoạch'), n('planned_learners', 'Học viên kế hoạch'),
      n('opened_classes', 'Lớp đã mở'), n('enrolled', 'Học viên nhập học'),
    ], byMonth);
  } catch (e) {
    showError(e.message);
  }
}
