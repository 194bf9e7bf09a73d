// dashboard.js — for each lead unit, its tasks by timeliness (a stacked bar
// chart, with the numbers as a table) and by status; then by section and by
// month of the deadline. A task with several lead units counts for each.

import { initShell, isAdmin } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { get, apiUrl } from '/assets/js/api.js';
import { barChart } from '/assets/js/chart.js';
import { createDateInput } from '/assets/js/dateinput.js';
import { formatDate, formatNumber } from '/assets/js/format.js';
import { STATUS, TIMELINESS, queryFromLocation, writeLocation, option, tasksNav } from '/tasks/common.js';

const TL_ORDER = ['overdue', 'due_soon', 'on_time', 'done_late', 'none'];
const ST_ORDER = ['not_started', 'in_progress', 'claimed', 'returned', 'completed', 'cancelled'];
let asOf;

const session = await initShell({ module: 'tasks', title: 'Tổng hợp theo đơn vị' });
if (session) start();

async function start() {
  $('h1').after(tasksNav('dashboard', { canImport: isAdmin() }));
  const initial = queryFromLocation(['programme', 'part', 'as_of']);
  asOf = createDateInput({ id: 'f-as_of', name: 'as_of', value: initial.as_of || '' });
  $('#f-as_of-field').append(asOf.el);
  try {
    const programmes = await get('/api/tasks/programmes');
    for (const p of programmes) $('#f-programme').append(option(String(p.id), `${p.code} — ${p.title}`, String(p.id) === initial.programme));
    if (!initial.programme && programmes.length === 1) $('#f-programme').value = String(programmes[0].id);
  } catch (e) {
    showError(e.message);
  }
  if (initial.part) $('#f-part').value = initial.part;
  $('#filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    show();
  });
  show();
}

function showError(text) {
  const p = $('#filter-error');
  p.textContent = text || '';
  p.hidden = !text;
}

function query() {
  const q = { programme: $('#f-programme').value, part: $('#f-part').value };
  const day = asOf.get();
  if (day) q.as_of = day;
  return q;
}

async function show() {
  if (asOf.get() === null) {
    showError('Ngày “Tính đến ngày” không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.');
    return;
  }
  showError('');
  writeLocation(query());
  let d;
  try {
    d = await get('/api/tasks/dashboard', query());
  } catch (e) {
    showError(e.message);
    return;
  }
  const count = (b, group, code) => b[group]?.[code] || 0;
  const listUrl = (extra) => `/tasks/?${new URLSearchParams(Object.entries({ ...query(), ...extra }).filter(([, v]) => v))}`;
  const t = d.totals;
  replace($('#content'),
    h('p', { class: 'lead' }, `Tính đến ngày ${formatDate(d.as_of)}: ${formatNumber(t.total)} nhiệm vụ, trong đó `,
      h('a', { href: listUrl({ timeliness: 'overdue' }) }, `${formatNumber(count(t, 'timeliness', 'overdue'))} quá hạn`),
      `, ${formatNumber(count(t, 'timeliness', 'due_soon'))} sắp đến hạn, ${formatNumber(count(t, 'status', 'completed'))} đã hoàn thành.`),
    h('div', { class: 'toolbar no-print' },
      h('a', { class: 'button', href: apiUrl('/api/tasks/dashboard', { ...query(), format: 'csv' }), download: '' }, 'Xuất CSV'),
      h('a', { class: 'button', href: apiUrl('/api/tasks/dashboard', { ...query(), format: 'xlsx' }), download: '' }, 'Xuất Excel'),
      h('button', { type: 'button', class: 'button', onclick: () => window.print() }, 'In')),
    d.units.length ? barChart({
      title: 'Nhiệm vụ theo đơn vị chủ trì và tiến độ so với hạn',
      categories: d.units.map((u) => u.name),
      series: TL_ORDER.map((code) => ({ name: TIMELINESS[code][0], values: d.units.map((u) => count(u, 'timeliness', code)) })),
      stacked: true,
      unit: 'nhiệm vụ',
      categoryLabel: 'Đơn vị chủ trì',
    }) : h('p', { class: 'muted' }, 'Chưa có nhiệm vụ nào trong phạm vi xem của bạn.'),
    matrix('Theo đơn vị chủ trì', 'Đơn vị chủ trì', d.units, (u) => [u.name,
      u.agency_status === 'pending' ? h('span', { class: 'badge badge-warn' }, ' chờ xác nhận') : null], (u) => ({ unit: u.agency_id, role: 'lead' })),
    matrix('Theo mục của chương trình', 'Mục', d.sections, (s) => `${s.part}. ${s.numeral ? `${s.numeral}. ` : ''}${s.title}`, (s) => ({ section: s.section_id })),
    matrix('Theo tháng đến hạn', 'Tháng', d.months, (m) => (m.month === 'none' ? 'Không có hạn cố định' : monthLabel(m.month)), () => ({})),
  );

  function matrix(title, first, rows, label, filter) {
    return h('section', null, h('h2', null, title),
      h('div', { class: 'table-scroll', role: 'region', 'aria-label': title, tabindex: 0 },
        h('table', { class: 'data-table' },
          h('caption', { class: 'visually-hidden' }, title),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, first), h('th', { scope: 'col', class: 'num' }, 'Tổng số'),
            TL_ORDER.map((c) => h('th', { scope: 'col', class: 'num' }, TIMELINESS[c][0])),
            ST_ORDER.map((c) => h('th', { scope: 'col', class: 'num' }, STATUS[c][0])))),
          h('tbody', null, rows.map((r) => h('tr', null,
            h('th', { scope: 'row' }, label(r)),
            h('td', { class: 'num' }, h('a', { href: listUrl(filter(r)) }, formatNumber(r.total))),
            TL_ORDER.map((c) => h('td', { class: 'num' }, count(r, 'timeliness', c)
              ? h('a', { href: listUrl({ ...filter(r), timeliness: c }) }, formatNumber(count(r, 'timeliness', c))) : '0')),
            ST_ORDER.map((c) => h('td', { class: 'num' }, formatNumber(count(r, 'status', c))))))))));
  }
}

function monthLabel(ym) {
  const [y, m] = ym.split('-');
  return `Tháng ${Number(m)}/${y}`;
}
