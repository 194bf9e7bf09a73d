// print.js — the programme as officials print it: its own columns (TT, cơ
// sở thực hiện, tên đề án/nhiệm vụ, cấp trình, đơn vị chủ trì, thời gian)
// section by section, plus "Tình hình thực hiện" (status, timeliness,
// percentage, the latest report) as of a chosen day. Filters of the list
// (?part=&unit=&status=…) narrow it the same way.

import { initShell } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { get } from '/assets/js/api.js';
import { createDateInput } from '/assets/js/dateinput.js';
import { formatDate, formatNumber } from '/assets/js/format.js';
import { STATUS, TIMELINESS, queryFromLocation, writeLocation, option, tasksNav } from '/tasks/common.js';

const PASS = ['part', 'section', 'unit', 'role', 'status', 'timeliness', 'year', 'quarter', 'month', 'q'];
let asOf;

const session = await initShell({ module: 'tasks', title: 'Bản in chương trình' });
if (session) start();

async function start() {
  $('h1').after(tasksNav('print'));
  const initial = queryFromLocation(['programme', 'as_of', ...PASS]);
  asOf = createDateInput({ id: 'f-as_of', name: 'as_of', value: initial.as_of || '' });
  $('#f-as_of-field').append(asOf.el);
  try {
    const programmes = await get('/api/tasks/programmes');
    for (const p of programmes) $('#f-programme').append(option(String(p.id), `${p.code} — ${p.title}`, String(p.id) === initial.programme));
    if (!programmes.length) {
      replace($('#content'), h('p', { class: 'muted' }, 'Chưa có chương trình nào trong phạm vi xem của bạn.'));
      return;
    }
  } catch (e) {
    showError(e.message);
    return;
  }
  $('#filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    show(initial);
  });
  $('#print').addEventListener('click', () => window.print());
  show(initial);
}

function showError(text) {
  const p = $('#filter-error');
  p.textContent = text || '';
  p.hidden = !text;
}

function situation(t) {
  const bits = [STATUS[t.status]?.[0] || t.status];
  if (t.timeliness && t.timeliness !== 'none') bits.push(TIMELINESS[t.timeliness][0].toLowerCase());
  if (t.percent) bits.push(`${formatNumber(t.percent)}%`);
  const lines = [bits.join(', ')];
  if (t.result_doc) lines.push(`Văn bản: ${t.result_doc}`);
  if (t.last_note) lines.push(t.last_note);
  return lines.map((l, i) => (i ? [h('br'), l] : l));
}

const timeText = (t) => [t.deadline_text, t.extended && t.due_date ? ` (gia hạn đến ${formatDate(t.due_date)})` : ''];

const COLUMNS = {
  A: [['TT', 'col-tt', (t) => t.display_number], ['Cơ sở thực hiện', 'col-basis', (t) => t.basis],
    ['Tên đề án, nhiệm vụ cụ thể', 'col-name', (t) => t.title], ['Cấp trình', 'col-short', (t) => t.submit_to],
    ['Đơn vị chủ trì tham mưu', 'col-unit', (t) => t.lead_text], ['Thời gian thực hiện', 'col-short', timeText],
    ['Tình hình thực hiện', 'col-state', situation]],
  B: [['TT', 'col-tt', (t) => t.display_number], ['Tên đề án, nhiệm vụ', 'col-name', (t) => t.title || t.basis],
    ['Cơ quan phối hợp', 'col-unit', (t) => t.coord_text], ['Đôn đốc', 'col-unit', (t) => t.supervise_text],
    ['Thời gian hoàn thành', 'col-short', timeText], ['Tình hình thực hiện', 'col-state', situation]],
};

async function show(initial) {
  const programme = $('#f-programme').value;
  const day = asOf.get();
  if (day === null) {
    showError('Ngày “Tính đến ngày” không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.');
    return;
  }
  showError('');
  const filters = Object.fromEntries(PASS.filter((k) => initial[k]).map((k) => [k, initial[k]]));
  writeLocation({ programme, as_of: day || '', ...filters });
  let p;
  let answer;
  try {
    [p, answer] = await Promise.all([
      get(`/api/tasks/programmes/${programme}`),
      get('/api/tasks/tasks', { ...filters, programme, as_of: day || undefined, per_page: 1000 }),
    ]);
  } catch (e) {
    showError(e.message);
    return;
  }
  const rows = answer.items;
  const parts = ['A', 'B'].filter((part) => rows.some((t) => t.part === part));
  replace($('#content'),
    h('p', { class: 'lead' }, p.title),
    h('p', null, `Đơn vị chủ quản: ${p.owner_name}. Tình hình tính đến ngày ${formatDate(answer.as_of)}; ${formatNumber(answer.total)} nhiệm vụ.`),
    Object.keys(filters).length ? h('p', { class: 'muted' }, 'Bản in đã lọc theo điều kiện của danh sách.') : null,
    parts.map((part) => {
      const title = (part === 'A' ? p.part_a_title : p.part_b_title) || `Phần ${part}`;
      const cols = COLUMNS[part];
      const body = [];
      let section = null;
      for (const t of rows.filter((r) => r.part === part)) {
        if (t.section_id !== section) {
          section = t.section_id;
          const lead = t.group_lead ? ` (chủ trì: ${t.group_lead})` : '';
          body.push(h('tr', { class: 'section-row' }, h('th', { scope: 'colgroup', colspan: cols.length },
            `${t.section_numeral ? `${t.section_numeral}. ` : ''}${t.section_title}${lead}`)));
        }
        body.push(h('tr', null, cols.map(([, cls, value]) => h('td', { class: cls }, value(t)))));
      }
      return h('section', null, h('h2', null, title),
        h('div', { class: 'table-scroll', role: 'region', 'aria-label': title, tabindex: 0 },
          h('table', { class: 'data-table programme-table' },
            h('caption', { class: 'visually-hidden' }, title),
            h('thead', null, h('tr', null, cols.map(([label, cls]) => h('th', { scope: 'col', class: cls }, label)))),
            h('tbody', null, body))));
    }));
}
