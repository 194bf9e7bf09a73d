// index.js — the module's home: the campaign year, and what the visitor does
// in it. A school's focal point sees its submissions with their deadlines and
// its scoring tasks; the cluster head also the cluster's own submissions; the
// Academy's board the overview and the management pages; anyone else the
// clusters their agency can see.

import { initShell } from '/assets/js/shell.js';
import { get, ApiError } from '/assets/js/api.js';
import { h, $, replace } from '/assets/js/dom.js';
import { formatDate } from '/assets/js/format.js';
import { createTable } from '/assets/js/table.js';
import {
  API, pageYear, stateBadge, timelinessBadge, evaluationBadge, submissionLink, cardLink,
  clusterLink, scoresLink, dueText, facts, select, field,
} from '/emulation/common.js';

const session = await initShell({ module: 'emulation', title: 'Thi đua cụm trường' });
if (session) start().catch(showError);

function showError(e) {
  replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' },
    e instanceof ApiError ? e.message : 'Không tải được trang.'));
}

async function start() {
  const content = $('#content');
  const years = await get(`${API}/years`);
  const year = await pageYear();
  if (!year) {
    replace(content, h('p', { class: 'notice notice-warning' }, 'Chưa có năm thi đua nào.'));
    return;
  }
  const [info, me] = await Promise.all([get(`${API}/years/${year}`), get(`${API}/me`, { year })]);
  $('#page-title').textContent = `Thi đua cụm trường năm ${year}`;
  replace(content,
    yearChooser(years, year),
    h('p', { class: 'lead' }, 'Chủ đề: ', h('strong', null, `“${info.theme}”`)),
    info.letter_no ? h('p', { class: 'muted' },
      `Theo Công văn số ${info.letter_no}${info.letter_date ? ` ngày ${formatDate(info.letter_date)}` : ''} của Học viện.`) : null);
  if (me.board) content.append(boardCards(year, info));
  if (me.school) await schoolHome(content, year, me);
  else if (!me.board) await outsiderHome(content, year);
}

function yearChooser(years, year) {
  const sel = select({ id: 'year', name: 'year', value: year,
    options: years.map((y) => ({ value: y.year, label: `Năm ${y.year}` })) });
  sel.addEventListener('change', () => location.assign(`/emulation/?year=${sel.value}`));
  return h('form', { class: 'filters no-print', role: 'search', 'aria-label': 'Chọn năm thi đua' },
    field('Năm thi đua', sel));
}

function card(href, title, text) {
  return h('li', null, h('a', { class: 'card', href }, h('span', { class: 'card-title' }, title),
    text ? h('span', { class: 'card-text' }, text) : null));
}

function boardCards(year, info) {
  const sheets = info.sheets.map((s) => card(`/emulation/sheet.html?id=${s.id}`,
    `Phiếu chấm điểm Mẫu số ${s.form}`, s.is_sample ? 'Phiếu minh họa — cần thay bằng tiêu chí chính thức' : `${s.criteria} tiêu chí`));
  return h('section', { 'aria-labelledby': 'board-h' },
    h('h2', { id: 'board-h' }, 'Ban Thi đua - Khen thưởng'),
    h('ul', { class: 'cards' },
      card(`/emulation/overview.html?year=${year}`, 'Tổng hợp các cụm', 'Tiến độ hồ sơ, bình xét, bảng điểm của từng cụm'),
      card(`/emulation/manage.html?year=${year}`, 'Quản lý năm thi đua', 'Chủ đề, chỉ tiêu, hạn nộp, cụm và trường thành viên'),
      ...sheets));
}

async function schoolHome(content, year, me) {
  const my = await get(`${API}/years/${year}/my`);
  const role = me.head ? 'Cụm trưởng' : me.deputy ? 'Cụm phó' : 'Trường thành viên';
  content.append(
    h('section', { 'aria-labelledby': 'school-h' },
      h('h2', { id: 'school-h' }, me.school.name),
      facts([['Cụm thi đua', h('a', { href: clusterLink(me.school.cluster_id) }, me.school.cluster_name)],
        ['Vai trò trong cụm', role],
        ['Bình xét thi đua', evaluationBadge(my.evaluation)]]),
      h('ul', { class: 'cards' },
        card(`/emulation/figures.html?year=${year}`, 'Số liệu chỉ tiêu thi đua', 'Phụ lục báo cáo (Mẫu số 04): tỷ lệ đạt các chỉ tiêu'),
        card(cardLink(year, me.school.id, 'self'), 'Phiếu tự chấm điểm', 'Mẫu số 5.1 / 5.2'),
        ...me.checks.map((c) => card(cardLink(year, c.id, 'cross'), `Kiểm tra chéo: ${c.name}`, 'Chấm điểm kiểm tra chéo trường được phân công')),
        card(clusterLink(me.school.cluster_id), 'Theo dõi hồ sơ của cụm', 'Trường nào đã nộp, đúng hạn hay trễ hạn'),
        card(scoresLink(me.school.cluster_id), 'Bảng tổng hợp điểm', 'Xếp hạng và đề nghị khen thưởng của cụm'))),
    itemsTable('Hồ sơ của trường', year, my.school_items, true, 'school-items'),
    itemsTable(me.head ? 'Hồ sơ của cụm (Cụm trưởng lập)' : 'Hồ sơ của cụm', year, my.cluster_items, me.head, 'cluster-items'));
}

function itemsTable(caption, year, items, editable, id) {
  const table = createTable({
    caption,
    rowKey: 'kind',
    columns: [
      { key: 'title', label: 'Hồ sơ', value: (r) => `${r.title}${r.form ? ` (${r.form})` : ''}`,
        render: (r) => editable ? h('a', { href: submissionLink(year, r.kind) }, `${r.title}${r.form ? ` (${r.form})` : ''}`)
          : `${r.title}${r.form ? ` (${r.form})` : ''}` },
      { key: 'due_date', label: 'Hạn nộp', value: (r) => r.due_date, render: (r) => dueText(r) },
      { key: 'state', label: 'Trạng thái', render: (r) => stateBadge(r.state) },
      { key: 'timeliness', label: 'Tiến độ', render: (r) => timelinessBadge(r.timeliness) },
      { key: 'exception_until', label: 'Gia hạn đến', format: 'date' },
    ],
    rows: items,
    perPage: 20,
    empty: 'Không có hồ sơ.',
  });
  table.el.id = id;
  return table.el;
}

async function outsiderHome(content, year) {
  const clusters = await get(`${API}/years/${year}/clusters`);
  content.append(h('p', { class: 'notice' },
    'Đơn vị của bạn không phải trường thành viên của cụm thi đua năm này. Dưới đây là các cụm có trường thuộc phạm vi đơn vị của bạn.'));
  content.append(createTable({
    caption: 'Cụm thi đua',
    columns: [
      { key: 'name', label: 'Cụm', render: (c) => h('a', { href: clusterLink(c.id) }, c.name) },
      { key: 'head_name', label: 'Cụm trưởng' },
      { key: 'members', label: 'Số trường', format: 'number' },
    ],
    rows: clusters,
    empty: 'Không có cụm nào trong phạm vi của đơn vị.',
  }).el);
}
