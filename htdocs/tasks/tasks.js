// tasks.js — the task list: filters (programme, part, section, unit and its
// role, status, timeliness, deadline month/quarter/year, text without
// accents, as of any day), paged by the server, exported to CSV/Excel with
// the same filters, and a "Việc quá hạn" shortcut.

import { initShell, isAdmin } from '/assets/js/shell.js';
import { $, replace } from '/assets/js/dom.js';
import { get, apiUrl } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';
import { createDateInput } from '/assets/js/dateinput.js';
import { formatNumber, formatDate } from '/assets/js/format.js';
import {
  STATUS, TIMELINESS, statusBadge, timelinessBadge, taskNumber, deadlineText, leadText,
  taskLink, queryFromLocation, writeLocation, option, tasksNav,
} from '/tasks/common.js';

const KEYS = ['programme', 'part', 'section', 'unit', 'role', 'status', 'timeliness', 'year', 'quarter', 'month', 'q', 'as_of'];
let table;
let asOf;

const session = await initShell({ module: 'tasks', title: 'Theo dõi nhiệm vụ' });
if (session) start();

async function start() {
  $('h1').after(tasksNav('list', { canImport: isAdmin() }));
  const form = $('#filters');
  const initial = queryFromLocation(KEYS);

  asOf = createDateInput({ id: 'f-as_of', name: 'as_of', value: initial.as_of || '' });
  $('#f-as_of-field').append(asOf.el);
  for (const [code, [label]] of Object.entries(STATUS)) $('#f-status').append(option(code, label));
  for (const [code, [label]] of Object.entries(TIMELINESS)) $('#f-timeliness').append(option(code, label));
  for (let m = 1; m <= 12; m++) $('#f-month').append(option(String(m), `Tháng ${m}`));

  try {
    const programmes = await get('/api/tasks/programmes');
    for (const p of programmes) $('#f-programme').append(option(String(p.id), `${p.code} — ${p.title}`));
    if (!initial.programme && programmes.length === 1) initial.programme = String(programmes[0].id);
  } catch (e) {
    showError(e.message);
  }
  setForm(form, initial);
  await Promise.all([loadSections(initial.programme, initial.section), loadUnits(initial.programme, initial.unit)]);

  table = createTable({
    caption: 'Nhiệm vụ',
    rowKey: 'id',
    perPage: 50,
    load: async ({ page, per_page }) => {
      const answer = await get('/api/tasks/tasks', { ...filters(), page, per_page });
      summarize(answer);
      return answer;
    },
    exportUrl: () => apiUrl('/api/tasks/tasks', filters()),
    empty: 'Không có nhiệm vụ nào khớp với bộ lọc.',
    columns: [
      { key: 'number', label: 'TT', value: taskNumber },
      { key: 'name', label: 'Tên đề án, nhiệm vụ', render: taskLink },
      { key: 'lead', label: 'Đơn vị chủ trì', value: leadText },
      { key: 'deadline', label: 'Thời gian', value: deadlineText },
      { key: 'status', label: 'Trạng thái', render: (t) => statusBadge(t.status) },
      { key: 'timeliness', label: 'So với hạn', render: (t) => timelinessBadge(t.timeliness) },
      { key: 'percent', label: 'Tỷ lệ (%)', value: (t) => t.percent, format: 'number', align: 'right' },
    ],
  });
  replace($('#list'), table.el);

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply();
  });
  form.addEventListener('reset', () => setTimeout(() => {
    asOf.set('');
    apply();
  }));
  $('#overdue').addEventListener('click', () => {
    form.elements.timeliness.value = 'overdue';
    form.elements.status.value = '';
    apply();
  });
  form.elements.programme.addEventListener('change', async () => {
    const p = form.elements.programme.value;
    await Promise.all([loadSections(p, ''), loadUnits(p, '')]);
  });
}

function setForm(form, q) {
  for (const k of KEYS) {
    if (k === 'as_of') continue;
    const el = form.elements[k];
    if (el && q[k] != null) el.value = [q[k]].flat()[0];
  }
}

function filters() {
  const form = $('#filters');
  const out = {};
  for (const k of KEYS) {
    if (k === 'as_of') continue;
    const v = form.elements[k]?.value?.trim();
    if (v) out[k] = v;
  }
  const day = asOf.get();
  if (day) out.as_of = day;
  return out;
}

function showError(text) {
  const p = $('#filter-error');
  p.textContent = text || '';
  p.hidden = !text;
}

async function apply() {
  if (asOf.get() === null) {
    showError('Ngày “Tính đến ngày” không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.');
    return;
  }
  showError('');
  writeLocation(filters());
  table.setExportUrl(apiUrl('/api/tasks/tasks', filters()));
  try {
    await table.reload({ page: 1 });
  } catch (e) {
    showError(e.message);
  }
}

function summarize(answer) {
  const c = answer.counts?.timeliness || {};
  const parts = [`${formatNumber(answer.total)} nhiệm vụ tính đến ngày ${formatDate(answer.as_of)}`];
  for (const code of ['overdue', 'due_soon', 'on_time', 'done_late']) {
    if (c[code]) parts.push(`${TIMELINESS[code][0].toLowerCase()}: ${formatNumber(c[code])}`);
  }
  $('#summary').textContent = parts.join(' · ');
}

async function loadSections(programme, selected) {
  const sel = $('#f-section');
  replace(sel, option('', 'Tất cả các mục'));
  if (!programme) return;
  try {
    const p = await get(`/api/tasks/programmes/${programme}`);
    for (const s of p.sections) {
      const label = `${s.part}. ${s.numeral ? `${s.numeral}. ` : ''}${s.title}`;
      sel.append(option(String(s.id), label.length > 90 ? `${label.slice(0, 88)}…` : label, String(s.id) === selected));
    }
  } catch (e) {
    showError(e.message);
  }
}

async function loadUnits(programme, selected) {
  const sel = $('#f-unit');
  replace(sel, option('', 'Tất cả đơn vị'));
  try {
    const units = await get('/api/tasks/units', { programme });
    for (const u of units) {
      const pending = u.status === 'pending' ? ' (chờ xác nhận)' : '';
      sel.append(option(String(u.id), `${u.name}${pending}`, String(u.id) === selected));
    }
  } catch (e) {
    showError(e.message);
  }
}

