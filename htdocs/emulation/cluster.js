// cluster.js — a cluster's dashboard (?id=N): its schools with their
// evaluation and cross-checker, who submitted what (on time, late, overdue,
// under an exception), the cluster's own submissions, the targets per school,
// and for the head (or the board): cross-check assignment, lock exceptions,
// and next year's head and deputy.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, put, ApiError, apiUrl } from '/assets/js/api.js';
import { h, $, replace } from '/assets/js/dom.js';
import { formatDate } from '/assets/js/format.js';
import { createTable } from '/assets/js/table.js';
import { createDateInput } from '/assets/js/dateinput.js';
import {
  API, param, stateBadge, timelinessBadge, evaluationBadge, reviewLink, scoresLink, dueText,
  facts, select, field, targetBadge,
} from '/emulation/common.js';

const session = await initShell({ module: 'emulation', title: 'Cụm thi đua' });
const id = Number(param('id'));
if (session) load().catch(fail);

function fail(e) {
  replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' },
    e instanceof ApiError ? e.message : 'Không tải được cụm thi đua.'));
}

const VIEWER = { board: 'Ban Thi đua - Khen thưởng', head: 'Cụm trưởng', member: 'Trường thành viên', outside: 'Đơn vị theo dõi' };

async function load() {
  const [c, dash] = await Promise.all([get(`${API}/clusters/${id}`), get(`${API}/clusters/${id}/dashboard`)]);
  const manager = c.viewer === 'board' || c.viewer === 'head';
  $('#page-title').textContent = `${c.name} — năm ${c.year}`;
  const content = $('#content');
  replace(content,
    h('p', { class: 'no-print' }, h('a', { href: `/emulation/?year=${c.year}` }, '← Về trang thi đua'), ' · ',
      h('a', { href: scoresLink(id) }, 'Bảng tổng hợp điểm')),
    c.is_sample ? h('p', { class: 'notice notice-warning' }, 'Cụm minh họa: thành phần cụm là dữ liệu mẫu, không phải quyết định của Học viện.') : null,
    facts([['Cụm trưởng', c.head_name], ['Cụm phó', c.deputy_name], ['Bạn xem với tư cách', VIEWER[c.viewer]],
      ['Bảng điểm', c.state === 'finalized' ? 'Đã hoàn tất' : 'Đang chấm điểm'],
      ['Đề xuất năm sau', c.next_term_state === 'none' ? null
        : `${c.next_head_name} (Cụm trưởng), ${c.next_deputy_name} (Cụm phó) — ${c.next_term_state === 'confirmed' ? 'Học viện đã xác nhận' : 'chờ Học viện xác nhận'}`]]),
    membersTable(c),
    grid(dash, manager),
    clusterItems(dash, manager));
  content.append(await targets(manager));
  if (manager) content.append(tools(c, dash));
}

function membersTable(c) {
  return createTable({
    caption: 'Trường trong cụm',
    rowKey: 'school_id',
    columns: [
      { key: 'name', label: 'Trường' },
      { key: 'role', label: 'Vai trò', value: (m) => (m.is_head ? 'Cụm trưởng' : m.is_deputy ? 'Cụm phó' : '') },
      { key: 'evaluation', label: 'Bình xét', render: (m) => evaluationBadge(m.evaluation) },
      { key: 'checker_name', label: 'Trường kiểm tra chéo' },
    ],
    rows: c.members,
    perPage: 100,
  }).el;
}

/** Who submitted what: one row per school, one column per school-level kind. */
function grid(dash, manager) {
  const table = h('table', { class: 'data-table em-grid', id: 'grid' },
    h('caption', null, 'Hồ sơ của các trường'),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Trường'),
      dash.deadlines.map((d) => h('th', { scope: 'col' }, `${d.title}${d.form ? ` (${d.form})` : ''}`,
        h('span', { class: 'em-cell-date' }, `Hạn ${formatDate(d.due_date)}`))))),
    h('tbody', null, dash.schools.map((s) => h('tr', { 'data-key': s.school_id },
      h('th', { scope: 'row' }, s.name, h('br'), evaluationBadge(s.evaluation)),
      dash.deadlines.map((d) => {
        const cell = s.cells.find((x) => x.kind === d.kind) || {};
        return h('td', { 'data-kind': d.kind },
          cell.submission_id && manager ? h('a', { href: reviewLink(cell.submission_id) }, stateBadge(cell.state)) : stateBadge(cell.state),
          h('br'), timelinessBadge(cell.timeliness),
          cell.first_submitted_at ? h('span', { class: 'em-cell-date' }, `Nộp ${formatDate(cell.first_submitted_at)}`) : null,
          cell.exception_until ? h('span', { class: 'em-cell-date' }, `Gia hạn đến ${formatDate(cell.exception_until)}`) : null);
      })))));
  return h('section', { 'aria-labelledby': 'grid-h' },
    h('h2', { id: 'grid-h' }, 'Theo dõi hồ sơ'),
    h('p', { class: 'table-exports no-print' },
      h('a', { class: 'button button-small', href: apiUrl(`${API}/clusters/${id}/dashboard`, { format: 'csv' }), download: '' }, 'Xuất CSV'), ' ',
      h('a', { class: 'button button-small', href: apiUrl(`${API}/clusters/${id}/dashboard`, { format: 'xlsx' }), download: '' }, 'Xuất Excel')),
    h('div', { class: 'table-scroll' }, table));
}

function clusterItems(dash, manager) {
  return createTable({
    caption: 'Hồ sơ của cụm (Cụm trưởng lập)',
    rowKey: 'kind',
    columns: [
      { key: 'title', label: 'Hồ sơ', value: (r) => `${r.title}${r.form ? ` (${r.form})` : ''}`,
        render: (r) => (r.submission_id && manager ? h('a', { href: reviewLink(r.submission_id) }, r.title) : r.title) },
      { key: 'due_date', label: 'Hạn nộp', value: (r) => r.due_date, render: dueText },
      { key: 'state', label: 'Trạng thái', render: (r) => stateBadge(r.state) },
      { key: 'timeliness', label: 'Tiến độ', render: (r) => timelinessBadge(r.timeliness) },
    ],
    rows: dash.cluster_items,
  }).el;
}

async function targets(manager) {
  const data = await get(`${API}/clusters/${id}/targets`);
  const codes = [['ldtt', 'LĐ tiên tiến'], ['cstd', 'CSTĐ cơ sở'], ['units_ldxs', 'Tập thể LĐXS'], ['commended', 'Khen thưởng'],
    ['party_good', 'TCĐ tốt'], ['party_excellent', 'TCĐ xuất sắc'], ['prof_good', 'Chuyên môn tốt'], ['dept', 'Khoa, phòng']];
  return createTable({
    caption: 'Chỉ tiêu thi đua theo trường',
    rowKey: 'school_id',
    columns: [
      { key: 'name', label: 'Trường', render: (r) => h('a', { href: `/emulation/figures.html?year=${data.year}&school=${r.school_id}` }, r.name) },
      ...codes.map(([code, label]) => ({
        key: `t_${code}`, label,
        render: (r) => {
          const t = (r.targets || []).find((x) => x.code === code);
          return t ? h('span', { title: r[`t_${code}`] }, targetBadge(t.state)) : '—';
        },
      })),
      { key: 'met', label: 'Số chỉ tiêu đạt', format: 'number' },
    ],
    rows: data.rows,
    exportUrl: manager ? apiUrl(`${API}/clusters/${id}/targets`) : null,
    empty: 'Chưa có số liệu.',
  }).el;
}

// ---- the head's tools -------------------------------------------------------------

function tools(c, dash) {
  const schools = c.members.map((m) => ({ value: m.school_id, label: m.name }));
  return h('section', { class: 'no-print', 'aria-labelledby': 'tools-h' },
    h('h2', { id: 'tools-h' }, 'Điều hành của Cụm trưởng'),
    crossForm(schools),
    exceptionForm(schools, dash),
    nextTermForm(c, schools));
}

function crossForm(schools) {
  const school = select({ id: 'x-school', name: 'school', options: schools, empty: '— Trường được kiểm tra —' });
  const checker = select({ id: 'x-checker', name: 'checker', options: schools, empty: '— Trường kiểm tra chéo —' });
  const form = h('form', { class: 'em-inline-form', id: 'cross-form', novalidate: true },
    field('Trường được kiểm tra', school), field('Trường kiểm tra chéo', checker),
    h('button', { type: 'submit', class: 'button' }, 'Phân công'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post(`${API}/clusters/${id}/cross-checkers`, { school: Number(school.value), checker: Number(checker.value) });
      notify('Đã phân công kiểm tra chéo.');
      load().catch(fail);
    } catch (e) { notify(e.message, 'error'); }
  });
  const rotate = h('button', { type: 'button', class: 'button', id: 'rotate' }, 'Phân công kiểm tra chéo xoay vòng');
  rotate.addEventListener('click', async () => {
    try {
      const out = await post(`${API}/clusters/${id}/cross-checkers`, { rotate: true });
      notify(`Đã phân công ${out.assigned} trường${out.kept ? `; giữ nguyên ${out.kept} trường đã bắt đầu chấm` : ''}.`);
      load().catch(fail);
    } catch (e) { notify(e.message, 'error'); }
  });
  return h('div', null, h('h3', null, 'Kiểm tra chéo'),
    h('p', { class: 'hint' }, 'Mỗi trường được một trường khác trong cụm kiểm tra; không trường nào tự kiểm tra mình.'),
    h('div', { class: 'toolbar' }, rotate), form);
}

function exceptionForm(schools, dash) {
  const kind = select({ id: 'e-kind', name: 'kind', options: dash.deadlines.map((d) => ({ value: d.kind, label: d.title })) });
  const school = select({ id: 'e-school', name: 'school', options: schools, empty: '— Chọn trường —' });
  const until = createDateInput({ id: 'e-until', name: 'until' });
  const reason = h('input', { id: 'e-reason', name: 'reason', maxlength: 1000 });
  const form = h('form', { class: 'em-inline-form', id: 'exception-form', novalidate: true },
    field('Hồ sơ', kind), field('Trường', school),
    h('div', { class: 'field' }, h('label', { for: 'e-until' }, 'Gia hạn đến ngày'), until.el),
    field('Lý do', reason), h('button', { type: 'submit', class: 'button' }, 'Gia hạn'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await post(`${API}/clusters/${id}/exceptions`, {
        kind: kind.value, school: Number(school.value) || null, until: until.get(), reason: reason.value.trim(),
      });
      notify('Đã gia hạn cho trường.');
      load().catch(fail);
    } catch (e) { notify(e.message, 'error'); }
  });
  return h('div', null, h('h3', null, 'Gia hạn nộp hồ sơ cho một trường'),
    h('p', { class: 'hint' }, 'Sau ngày khóa, chỉ trường được gia hạn mới nộp được, đến hết ngày gia hạn. Mọi lần gia hạn đều được ghi nhật ký.'),
    form);
}

function nextTermForm(c, schools) {
  const head = select({ id: 'n-head', name: 'head_school', options: schools, value: c.next_head_school_id || '', empty: '— Chọn —' });
  const deputy = select({ id: 'n-deputy', name: 'deputy_school', options: schools, value: c.next_deputy_school_id || '', empty: '— Chọn —' });
  const form = h('form', { class: 'em-inline-form', id: 'next-term-form', novalidate: true },
    field('Cụm trưởng năm sau', head), field('Cụm phó năm sau', deputy),
    h('button', { type: 'submit', class: 'button' }, 'Đề xuất'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await put(`${API}/clusters/${id}/next-term`, { head_school: Number(head.value), deputy_school: Number(deputy.value) });
      notify('Đã đề xuất Cụm trưởng, Cụm phó năm sau.');
      load().catch(fail);
    } catch (e) { notify(e.message, 'error'); }
  });
  const parts = [h('h3', null, 'Cụm trưởng, Cụm phó năm sau (Mẫu số 08)')];
  if (c.next_term_state !== 'confirmed') parts.push(form);
  if (c.viewer === 'board' && c.next_term_state === 'proposed') {
    const ok = h('button', { type: 'button', class: 'button button-primary' }, 'Học viện xác nhận');
    ok.addEventListener('click', async () => {
      try {
        const out = await post(`${API}/clusters/${id}/next-term/confirm`, {});
        notify(out.applied_to_next_year ? 'Đã xác nhận và áp dụng cho năm sau.' : 'Đã xác nhận; áp dụng khi tạo năm thi đua sau.');
        load().catch(fail);
      } catch (e) { notify(e.message, 'error'); }
    });
    parts.push(h('div', { class: 'toolbar' }, ok));
  }
  return h('div', null, ...parts);
}
