// plan.js — one annual plan: what it is (number, date, issuer, targets),
// its figures held against what its text declares, appendix by appendix and
// overall, with the full-time ratio and the classes still undecided; its
// classes (each opens the class page); its appendix lines as imported.

import { initShell } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { get, apiUrl } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';
import { formatDate } from '/assets/js/format.js';
import {
  API, CHECK, RATIO, badge, modeBadge, num, fact, llctNav, planSelect,
} from '/llct/common.js';

const session = await initShell({ module: 'llct', title: 'Kế hoạch đào tạo trung cấp LLCT' });
if (session) start();

function showError(text) {
  const el = $('#error');
  el.textContent = text;
  el.hidden = !text;
}

async function start() {
  $('h1').after(llctNav('plan'));
  try {
    const plans = await get(`${API}/plans`);
    if (!plans.length) {
      replace($('#plan-facts'), h('p', { class: 'notice' }, 'Chưa có kế hoạch nào trong phạm vi của đơn vị. ',
        h('a', { href: '/llct/import.html' }, 'Nhập kế hoạch từ tệp')));
      $('#choose').hidden = true;
      return;
    }
    await planSelect($('#plan'), plans, show);
  } catch (e) {
    showError(e.message);
  }
}

async function show(id) {
  showError('');
  history.replaceState(null, '', `?plan=${id}`);
  try {
    const [plan, classes, lines] = await Promise.all([
      get(`${API}/plans/${id}`), get(`${API}/classes`, { plan: id }), get(`${API}/plans/${id}/lines`)]);
    renderFacts(plan);
    renderFigures(plan.figures);
    renderClasses(id, classes);
    renderLines(lines);
  } catch (e) {
    showError(e.message);
  }
}

function renderFacts(p) {
  replace($('#plan-facts'),
    h('h2', { id: 'plan-title' }, `Kế hoạch số ${p.number} ngày ${formatDate(p.issued_on)}`),
    h('dl', { class: 'facts' },
      fact('Tên', p.title),
      fact('Cơ quan ban hành', p.issuer || p.agency_name),
      fact('Trường thực hiện', p.school_name),
      fact('Năm', String(p.year)),
      fact('Học viên theo kế hoạch', `${num(p.target_total)} (tập trung ${num(p.target_full_time)}, không tập trung ${num(p.target_part_time)})`),
      fact('Sĩ số tối đa', `lớp tập trung ${p.cap_full_time}, lớp không tập trung ${p.cap_part_time} học viên`),
      fact('Thời hạn tuyển sinh', `thông báo trước khai giảng tối đa ${p.announce_max_days} ngày; nộp hồ sơ trước xét tuyển ${p.dossier_min_days} ngày; xét hồ sơ tối đa ${p.review_max_days} ngày; báo cáo kết quả trong ${p.report_max_days} ngày; giấy báo trước nhập học ${p.notice_min_days} ngày; nhập học chậm tối đa ${p.late_max_days} ngày`)));
}

const METRIC = {
  classes: 'Số lớp', learners: 'Số học viên', ft_classes: 'Lớp tập trung', ft_learners: 'Học viên tập trung',
  pt_classes: 'Lớp không tập trung', pt_learners: 'Học viên không tập trung',
};

function checksTable(caption, part) {
  const rows = (part.checks || []).map((c) => h('tr', null,
    h('th', { scope: 'row' }, METRIC[c.metric] || c.metric),
    h('td', { class: 'num' }, num(c.computed)),
    h('td', { class: 'num' }, num(c.declared)),
    h('td', null, badge(CHECK, c.status))));
  const und = part.undecided || {};
  const split = part.undecided_split;
  return h('div', { class: 'table-block' },
    h('div', { class: 'table-scroll' }, h('table', { class: 'data-table' },
      h('caption', null, caption),
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Chỉ tiêu'), h('th', { scope: 'col' }, 'Theo lớp hiện có'),
        h('th', { scope: 'col' }, 'Kế hoạch nêu'), h('th', { scope: 'col' }, 'Đối chiếu'))),
      h('tbody', null, rows))),
    und.classes ? h('p', { class: 'notice notice-warning' },
      `${und.classes} lớp (${num(und.learners)} học viên) chưa xác định hình thức hoặc sĩ số.`,
      split && split.feasible ? ` Để khớp kế hoạch: ${split.full_time.classes} lớp tập trung/${num(split.full_time.learners)} học viên và ${split.part_time.classes} lớp không tập trung/${num(split.part_time.learners)} học viên.` : '') : null);
}

function renderFigures(f) {
  const r = f.ratio;
  replace($('#figures'),
    h('h2', { id: 'figures-title' }, 'Đối chiếu với số liệu kế hoạch'),
    h('p', null, 'Tỷ lệ lớp tập trung trên lớp không tập trung (tối thiểu ', `${r.num}/${r.den}`, '): ',
      `${r.full_time} / ${r.part_time}`, r.undecided ? ` (${r.undecided} lớp chưa xác định)` : '', ' — ',
      badge(RATIO, r.status),
      r.status === 'undetermined' ? ` cần ít nhất ${r.full_time_needed} lớp trong số chưa xác định là lớp tập trung.` : ''),
    f.appendices.map((a) => checksTable(`Phụ lục ${a.appendix}${a.title ? `: ${a.title}` : ''}`, a)),
    checksTable('Toàn kế hoạch', f.overall));
}

function renderClasses(planId, classes) {
  const table = createTable({
    caption: 'Các lớp',
    rowKey: 'id',
    rows: classes,
    exportUrl: apiUrl(`${API}/classes`, { plan: planId }),
    empty: 'Kế hoạch chưa có lớp.',
    columns: [
      { key: 'code', label: 'Lớp', render: (c) => h('a', { href: `/llct/class.html?id=${c.id}` }, c.code) },
      { key: 'month', label: 'Tháng', format: 'number' },
      { key: 'mode', label: 'Hình thức', value: (c) => c.mode_title, render: modeBadge },
      { key: 'planned_learners', label: 'Học viên dự kiến', format: 'number', align: 'right' },
      { key: 'cap', label: 'Sĩ số tối đa', format: 'number', align: 'right' },
      { key: 'allotted_total', label: 'Chỉ tiêu đã giao', format: 'number', align: 'right' },
      { key: 'active_count', label: 'Hồ sơ', format: 'number', align: 'right' },
      { key: 'steps_done', label: 'Bước đã xong', value: (c) => `${c.steps_done}/7` },
      { key: 'units', label: 'Đơn vị cử học viên' },
    ],
  });
  replace($('#classes'), h('h2', { id: 'classes-title' }, 'Các lớp'), table.el);
}

function renderLines(lines) {
  const body = lines.map((l) => h('tr', null,
    h('td', null, `${l.appendix}.${l.seq}`),
    h('td', null, l.month_label || `Tháng ${l.month}`),
    h('td', null, l.coord_text || ''),
    h('td', { class: 'num' }, num(l.learners)),
    h('td', null, `${l.class_count} lớp `, l.split_decided ? null : h('span', { class: 'badge badge-warn' }, 'chưa chia lớp, chưa xác định hình thức')),
    h('td', null, l.location_text || '')));
  replace($('#lines'), h('details', null,
    h('summary', null, h('h2', { id: 'lines-title', class: 'field-inline' }, 'Các dòng phụ lục (như văn bản)')),
    h('div', { class: 'table-scroll' }, h('table', { class: 'data-table' },
      h('thead', null, h('tr', null, ['Phụ lục.TT', 'Thời gian', 'Đơn vị phối hợp', 'Học viên', 'Số lớp', 'Địa điểm']
        .map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', null, body)))));
}
