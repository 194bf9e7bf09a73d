// task.js — one task: what the programme says, who leads, coordinates and
// supervises it, its deadline (as written, its date, any extension), its
// progress reports with attachments, extension requests and history; and
// the forms the caller may use (the server says which: `can`).

import { initShell, notify, isAdmin } from '/assets/js/shell.js';
import { h, $, replace } from '/assets/js/dom.js';
import { get, post, put } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { openDialog } from '/assets/js/dialog.js';
import { formatDate, formatDateTime, formatNumber } from '/assets/js/format.js';
import {
  STATUS, statusBadge, timelinessBadge, taskNumber, deadlineText, tasksNav,
} from '/tasks/common.js';

const id = new URLSearchParams(location.search).get('id');
const ACTIONS = {
  import: 'Nhập từ tệp', import_update: 'Cập nhật từ tệp', report: 'Báo cáo tiến độ',
  claim: 'Báo cáo hoàn thành', confirm: 'Xác nhận hoàn thành', return: 'Trả lại',
  extension_request: 'Đề nghị gia hạn', extension_approved: 'Chấp thuận gia hạn',
  extension_rejected: 'Không chấp thuận gia hạn', set_deadline: 'Đặt hạn', cancel: 'Hủy nhiệm vụ',
  reopen: 'Mở lại',
};
const EXT_STATE = { pending: 'Chờ quyết định', approved: 'Đã chấp thuận', rejected: 'Không chấp thuận' };

const session = await initShell({ module: 'tasks', title: 'Nhiệm vụ' });
if (session) {
  $('h1').after(tasksNav('', { canImport: isAdmin() }));
  load();
}

async function load() {
  if (!id) {
    replace($('#content'), h('p', { class: 'notice notice-error' }, 'Thiếu mã nhiệm vụ trong địa chỉ trang.'));
    return;
  }
  try {
    render(await get(`/api/tasks/tasks/${id}`));
  } catch (e) {
    replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' }, e.message));
  }
}

function fact(label, ...value) {
  return [h('dt', null, label), h('dd', null, ...value)];
}

function unitsOf(units, role) {
  const list = units.filter((u) => u.role === role);
  if (!list.length) return '—';
  return h('ul', null, list.map((u) => h('li', null, u.agency_name,
    u.agency_status === 'pending' ? h('span', { class: 'badge badge-warn' }, ' chờ xác nhận') : null,
    u.name_text !== u.agency_name ? h('span', { class: 'muted' }, ` (trong văn bản: ${u.name_text})`) : null)));
}

function render(d) {
  const t = d.task;
  document.title = `Nhiệm vụ ${taskNumber(t)} — Cadre Suite`;
  $('h1').textContent = `Nhiệm vụ ${taskNumber(t)}`;
  const section = t.section_numeral ? `${t.section_numeral}. ${t.section_title}` : t.section_title;
  const facts = h('dl', { class: 'facts' },
    fact('Chương trình', t.programme_title),
    fact('Phần, mục', `Phần ${t.part} — ${section}`),
    t.basis ? fact('Cơ sở thực hiện', t.basis) : null,
    fact('Tên đề án, nhiệm vụ', t.title || t.basis),
    t.submit_to ? fact('Cấp trình', t.submit_to) : null,
    fact('Đơn vị chủ trì', unitsOf(d.units, 'lead')),
    fact('Cơ quan phối hợp', unitsOf(d.units, 'coordinating')),
    fact('Đơn vị đôn đốc', d.units.some((u) => u.role === 'supervising') ? unitsOf(d.units, 'supervising')
      : h('span', null, `${t.owner_name || ''} `, h('span', { class: 'muted' }, '(đơn vị chủ quản chương trình)'))),
    fact('Thời gian', deadlineText(t)),
    fact('Trạng thái', statusBadge(t.status), ' ', timelinessBadge(t.timeliness),
      ` tính đến ${formatDate(d.as_of)}`),
    fact('Tỷ lệ hoàn thành', `${formatNumber(t.percent)}%`),
    t.result_doc ? fact('Văn bản kết quả', t.result_doc, t.result_date ? ` ngày ${formatDate(t.result_date)}` : '') : null,
    t.completed_on ? fact('Ngày hoàn thành', formatDate(t.completed_on)) : null,
    fact('Dòng trong tệp nhập', t.source_lines, t.duplicate_number ? h('span', { class: 'badge badge-warn' }, ' số thứ tự trùng') : null),
  );
  replace($('#content'),
    h('p', { class: 'lead' }, t.name),
    facts,
    actions(d),
    progressList(d.progress),
    extensionList(d.extensions),
    historyList(d.history));
}

// ---- forms ---------------------------------------------------------------

function filesField(name, label) {
  return {
    name, label, type: 'custom',
    hint: 'Có thể chọn nhiều tệp (PDF, Word, ảnh), mỗi tệp tối đa 10 MB.',
    create: ({ id: fid }) => {
      const input = h('input', { type: 'file', id: fid, name, multiple: true, accept: '.pdf,.doc,.docx,.odt,.jpg,.jpeg,.png' });
      return { el: input, input, get: () => Array.from(input.files), set: () => { input.value = ''; } };
    },
  };
}

function progressForm(d) {
  const choices = [];
  if (d.can.report) choices.push({ value: 'in_progress', label: 'Báo cáo tiến độ' });
  if (d.can.claim) choices.push({ value: 'claimed', label: 'Báo cáo hoàn thành (đề nghị xác nhận)' });
  const form = createForm({
    id: 'progress-form',
    submitLabel: 'Gửi báo cáo',
    values: { status: 'in_progress', percent: d.task.percent },
    fields: [
      { name: 'status', label: 'Loại báo cáo', type: 'radios', required: true, options: choices },
      { name: 'note', label: 'Tình hình thực hiện', type: 'textarea', required: true, maxlength: 10000 },
      { name: 'percent', label: 'Tỷ lệ hoàn thành (%)', type: 'number', min: 0, max: 100, width: 's' },
      { name: 'result_doc', label: 'Số văn bản kết quả', maxlength: 200, width: 'm', hint: 'Bắt buộc khi báo cáo hoàn thành (hoặc đính kèm tệp). Ví dụ: 123-QĐ/TW' },
      { name: 'result_date', label: 'Ngày văn bản', type: 'date' },
      filesField('attachment', 'Tệp đính kèm'),
    ],
    onSubmit: (v, { idempotencyKey }) => {
      const fd = new FormData();
      for (const [k, val] of Object.entries(v)) {
        if (val == null || val === '') continue;
        for (const item of [val].flat()) fd.append(k, item instanceof File ? item : String(item));
      }
      return post(`/api/tasks/tasks/${id}/progress`, fd, { idempotencyKey, timeout: 120000 });
    },
    onSuccess: () => {
      notify('Đã gửi báo cáo.');
      load();
    },
  });
  return section('Báo cáo của đơn vị chủ trì', form.el);
}

function reviewForm() {
  const form = createForm({
    id: 'review-form',
    submitLabel: 'Gửi ý kiến',
    fields: [
      { name: 'decision', label: 'Ý kiến của đơn vị đôn đốc', type: 'radios', required: true,
        options: [{ value: 'confirm', label: 'Xác nhận hoàn thành' }, { value: 'return', label: 'Trả lại, yêu cầu bổ sung' }] },
      { name: 'note', label: 'Nhận xét', type: 'textarea', maxlength: 5000, hint: 'Bắt buộc khi trả lại.' },
    ],
    validate: (v) => (v.decision === 'return' && !v.note ? { note: 'Cần nêu lý do trả lại.' } : null),
    onSubmit: (v, { idempotencyKey }) => post(`/api/tasks/tasks/${id}/review`, v, { idempotencyKey }),
    onSuccess: () => {
      notify('Đã ghi nhận ý kiến.');
      load();
    },
  });
  return section('Xác nhận báo cáo hoàn thành', form.el);
}

function extensionForm() {
  const form = createForm({
    id: 'extension-form',
    submitLabel: 'Gửi đề nghị gia hạn',
    fields: [
      { name: 'new_due', label: 'Hạn mới đề nghị', type: 'date', required: true },
      { name: 'reason', label: 'Lý do', type: 'textarea', required: true, maxlength: 5000 },
    ],
    onSubmit: (v, { idempotencyKey }) => post(`/api/tasks/tasks/${id}/extensions`, v, { idempotencyKey }),
    onSuccess: () => {
      notify('Đã gửi đề nghị gia hạn.');
      load();
    },
  });
  return section('Đề nghị gia hạn', form.el);
}

function decisionForm(ext) {
  const form = createForm({
    id: 'decision-form',
    submitLabel: 'Gửi quyết định',
    fields: [
      { name: 'decision', label: `Gia hạn đến ${formatDate(ext.new_due)} (hạn hiện tại ${formatDate(ext.old_due)})`, type: 'radios', required: true,
        options: [{ value: 'approve', label: 'Chấp thuận' }, { value: 'reject', label: 'Không chấp thuận' }] },
      { name: 'note', label: 'Ghi chú', type: 'textarea', maxlength: 5000 },
    ],
    onSubmit: (v, { idempotencyKey }) => post(`/api/tasks/extensions/${ext.id}/decision`, v, { idempotencyKey }),
    onSuccess: () => {
      notify('Đã ghi nhận quyết định.');
      load();
    },
  });
  return section('Quyết định về đề nghị gia hạn', h('p', null, `Lý do: ${ext.reason}`), form.el);
}

function deadlineForm(t) {
  const form = createForm({
    id: 'deadline-form',
    submitLabel: 'Lưu hạn',
    values: { due_date: t.due_date },
    fields: [
      { name: 'due_date', label: 'Hạn hoàn thành', type: 'date', required: true,
        hint: t.deadline_kind === 'unparsed' ? `Văn bản ghi: “${t.deadline_text || '(trống)'}” — chưa hiểu được, cần đặt hạn bằng tay.` : `Văn bản ghi: “${t.deadline_text}”.` },
      { name: 'note', label: 'Ghi chú', type: 'textarea', maxlength: 5000 },
    ],
    onSubmit: (v) => put(`/api/tasks/tasks/${id}/deadline`, v),
    onSuccess: () => {
      notify('Đã lưu hạn.');
      load();
    },
  });
  return section('Đặt hạn (quản trị chương trình)', form.el);
}

function statusButton(label, path, danger, noteRequired) {
  return h('button', {
    type: 'button', class: ['button', danger && 'button-danger'],
    onclick: () => {
      const form = createForm({
        id: `${path}-form`,
        submitLabel: label,
        fields: [{ name: 'note', label: noteRequired ? 'Lý do' : 'Ghi chú', type: 'textarea', required: noteRequired, maxlength: 5000 }],
        onSubmit: (v) => post(`/api/tasks/tasks/${id}/${path}`, v),
        onSuccess: () => {
          dlg.close(true);
          notify('Đã cập nhật trạng thái.');
          load();
        },
        onCancel: () => dlg.close(false),
      });
      const dlg = openDialog({ title: label, content: form.el });
    },
  }, label);
}

function actions(d) {
  const out = [];
  if (d.can.report || d.can.claim) out.push(progressForm(d));
  if (d.can.review) out.push(reviewForm());
  const pending = d.extensions.find((e) => e.state === 'pending');
  if (d.can.decide_extension && pending) out.push(decisionForm(pending));
  if (d.can.request_extension) out.push(extensionForm());
  if (d.can.set_deadline) out.push(deadlineForm(d.task));
  const buttons = [];
  if (d.can.cancel) buttons.push(statusButton('Hủy nhiệm vụ', 'cancel', true, true));
  if (d.can.reopen) buttons.push(statusButton('Mở lại nhiệm vụ', 'reopen', false, false));
  if (buttons.length) out.push(h('div', { class: 'toolbar no-print' }, buttons));
  if (!out.length) {
    out.push(h('p', { class: 'muted no-print' },
      'Bạn chỉ xem được nhiệm vụ này: đơn vị chủ trì báo cáo, đơn vị đôn đốc xác nhận, quản trị chương trình đặt hạn.'));
  }
  return h('div', { class: 'no-print' }, out);
}

function section(title, ...content) {
  return h('section', null, h('h2', null, title), ...content);
}

// ---- lists -------------------------------------------------------------

function progressList(list) {
  if (!list.length) return section('Báo cáo tiến độ', h('p', { class: 'muted' }, 'Chưa có báo cáo nào.'));
  return section('Báo cáo tiến độ', h('ol', { class: 'reports' }, list.map((p) => h('li', null,
    h('p', null, h('strong', null, formatDate(p.reported_on)), ` — ${p.agency_name || ''}, ${p.user_name || ''} — `,
      statusBadge(p.status_after), p.percent != null ? ` ${formatNumber(p.percent)}%` : ''),
    h('p', null, p.note),
    p.result_doc ? h('p', null, `Văn bản kết quả: ${p.result_doc}${p.result_date ? ` ngày ${formatDate(p.result_date)}` : ''}`) : null,
    p.attachments.length ? h('ul', null, p.attachments.map((a) => h('li', null,
      h('a', { href: `/api/tasks/attachments/${a.id}`, download: a.filename }, a.filename),
      ` (${formatNumber(Math.ceil(a.size / 1024))} KB)`))) : null))));
}

function extensionList(list) {
  if (!list.length) return null;
  return section('Gia hạn', h('ul', null, list.map((e) => h('li', null,
    `${formatDateTime(e.created_at)}: đề nghị gia hạn từ ${formatDate(e.old_due)} đến ${formatDate(e.new_due)} — ${EXT_STATE[e.state] || e.state}`,
    e.decision_note ? ` (${e.decision_note})` : '',
    h('br'), h('span', { class: 'muted' }, `Lý do: ${e.reason}`)))));
}

function historyList(list) {
  return section('Lịch sử', h('div', { class: 'table-scroll', role: 'region', 'aria-label': 'Lịch sử nhiệm vụ', tabindex: 0 },
    h('table', { class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, 'Lịch sử nhiệm vụ, mới nhất trước'),
      h('thead', null, h('tr', null, ['Thời điểm', 'Người thực hiện', 'Thao tác', 'Trạng thái mới', 'Ghi chú'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, list.map((e) => h('tr', null,
        h('td', null, formatDateTime(e.at)),
        h('td', null, [e.user_name, e.agency_name].filter(Boolean).join(', ')),
        h('td', null, ACTIONS[e.action] || e.action),
        h('td', null, e.to_status ? (STATUS[e.to_status]?.[0] || e.to_status) : ''),
        h('td', null, e.note || '')))))));
}
