// essays.js — the organization board's view of the essays routed to it
// (only its province): filters, the essay with its proposals by topic and
// file, acknowledge or return with a comment, export for the report to the
// provincial standing committee.

import { initShell, notify, hasRole } from '/assets/js/shell.js';
import { $, h } from '/assets/js/dom.js';
import { get, post, apiUrl } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';
import { createForm } from '/assets/js/form.js';
import { openDialog, alertDialog } from '/assets/js/dialog.js';
import { formatDateTime, formatNumber } from '/assets/js/format.js';
import { ESSAY_STATUS, badge, currentCourse, courseNav, option, showError } from '/course/common.js';

let course;
let table;

const session = await initShell({ module: 'course', title: 'Bài thu hoạch' });
if (session) start();

let form;

function filters() {
  return { course: course.id, status: form.status.value, late: form.late.value, q: form.q.value.trim() };
}

async function start() {
  const content = $('#content');
  try {
    course = await currentCourse();
  } catch (e) {
    showError(content, e);
    return;
  }
  if (!course) return;
  form = h('form', { class: 'filters no-print', role: 'search' },
    h('div', null, h('label', { for: 'e-status' }, 'Trạng thái'),
      h('select', { id: 'e-status', name: 'status' }, option('', 'Tất cả'), Object.entries(ESSAY_STATUS).map(([k, [l]]) => option(k, l)))),
    h('div', null, h('label', { for: 'e-late' }, 'Thời hạn'),
      h('select', { id: 'e-late', name: 'late' }, option('', 'Tất cả'), option('0', 'Đúng hạn'), option('1', 'Nộp muộn'))),
    h('div', null, h('label', { for: 'e-q' }, 'Họ tên hoặc số biên nhận'), h('input', { id: 'e-q', name: 'q', type: 'search' })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Tìm')));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    table.setExportUrl(apiUrl('/api/course/essays', filters()));
    table.reload({ page: 1 });
  });
  table = createTable({
    caption: 'Bài thu hoạch gửi đến Ban Tổ chức',
    rowKey: 'id',
    perPage: 50,
    load: ({ page, per_page }) => get('/api/course/essays', { ...filters(), page, per_page }),
    exportUrl: apiUrl('/api/course/essays', { course: course.id }),
    empty: 'Chưa có bài thu hoạch nào gửi đến đơn vị.',
    columns: [
      { key: 'receipt', label: 'Số biên nhận' },
      { key: 'full_name', label: 'Họ và tên' },
      { key: 'unit_name', label: 'Đơn vị' },
      { key: 'title', label: 'Tên bài' },
      { key: 'submitted_at', label: 'Nộp lúc', format: 'datetime' },
      { key: 'late_title', label: 'Thời hạn' },
      { key: 'status', label: 'Trạng thái', render: (r) => badge(ESSAY_STATUS, r.status) },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions',
        render: (r) => h('button', { type: 'button', class: 'button button-small', onclick: () => showEssay(r.id) }, 'Xem') },
    ],
  });
  content.append(courseNav('essays', course), form, table.el);
}

async function showEssay(id) {
  let e;
  try {
    e = await get(`/api/course/essays/${id}`);
  } catch (err) {
    alertDialog({ title: 'Không mở được bài', message: err.message });
    return;
  }
  const body = h('div', null,
    h('dl', { class: 'facts' },
      ...[['Học viên', `${e.full_name} — ${e.position}, ${e.unit_name}`], ['Điểm cầu', e.bridge_point_name],
        ['Nộp lúc', `${formatDateTime(e.submitted_at)}${e.late ? ' (nộp muộn)' : ''}`], ['Số lần nộp', formatNumber(e.submissions)],
        ['Số biên nhận', e.receipt], ['Số từ', formatNumber(e.word_count)], ['Gửi đến', e.board_name],
        ['Nhận xét', e.review_comment]].flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v == null || v === '' ? '—' : String(v))])),
    e.body ? h('div', { class: 'essay-body' }, h('h3', null, e.title), ...String(e.body).split(/\n+/).map((p) => h('p', null, p))) : h('h3', null, e.title),
    e.file_id ? h('p', null, h('a', { class: 'button', href: `/api/course/essays/${e.id}/file`, download: '' }, 'Tải tệp bài thu hoạch')) : '',
    e.proposals.length ? h('div', null, h('h3', null, 'Kiến nghị, đề xuất theo chuyên đề'),
      h('ul', null, e.proposals.map((p) => h('li', null, h('strong', null, `Chuyên đề ${p.topic_no}${p.topic_title ? ` (${p.topic_title})` : ''}: `), p.body)))) : '');
  const actions = h('div', { class: 'toolbar' });
  body.append(actions);
  const dialog = openDialog({ title: `Bài thu hoạch ${e.receipt}`, content: body, wide: true });
  if (e.status === 'submitted' && (hasRole('reviewer') || hasRole('admin'))) {
    actions.append(
      h('button', { type: 'button', class: 'button button-primary', id: 'essay-ack', onclick: () => review(dialog, id, 'acknowledge', false) }, 'Xác nhận đã nhận'),
      h('button', { type: 'button', class: 'button', id: 'essay-return', onclick: () => review(dialog, id, 'return', true) }, 'Trả lại'));
  }
}

function review(parent, id, action, needComment) {
  let dialog;
  const form = createForm({
    id: `essay-${action}`,
    submitLabel: action === 'return' ? 'Trả lại' : 'Xác nhận',
    fields: [{ name: 'comment', label: needComment ? 'Lý do trả lại' : 'Nhận xét (không bắt buộc)', type: 'textarea', required: needComment, maxlength: 2000 }],
    onSubmit: (v) => post(`/api/course/essays/${id}/${action}`, v),
    onSuccess: () => {
      dialog.close(true);
      parent.close(true);
      notify(action === 'return' ? 'Đã trả lại bài thu hoạch.' : 'Đã xác nhận nhận bài thu hoạch.');
      table.reload();
    },
    onCancel: () => dialog.close(false),
  });
  dialog = openDialog({ title: action === 'return' ? 'Trả lại bài thu hoạch' : 'Xác nhận đã nhận', content: form.el });
}
