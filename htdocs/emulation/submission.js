// submission.js — one submission (hồ sơ).
//
//   ?year=Y&kind=K   the caller's own: attach files per part, fill the
//                    kind's fields, submit (which locks it)
//   ?id=N            a school's or cluster's submission as the cluster head
//                    or the Academy reviews it: files, state, return / accept
//
// The server decides everything (window, lock, exception, required parts);
// the page shows its answers and explains refusals in its words.

import { initShell, notify } from '/assets/js/shell.js';
import { get, post, put, del, request, ApiError } from '/assets/js/api.js';
import { h, $, replace } from '/assets/js/dom.js';
import { formatDate, formatDateTime, formatNumber } from '/assets/js/format.js';
import { openDialog, confirmDialog } from '/assets/js/dialog.js';
import { createDateInput } from '/assets/js/dateinput.js';
import {
  API, param, stateBadge, timelinessBadge, WINDOW, facts, field, select, cardLink,
} from '/emulation/common.js';

const session = await initShell({ module: 'emulation', title: 'Hồ sơ thi đua' });
if (session) start().catch(fail);

function fail(e) {
  replace($('#content'), h('p', { class: 'notice notice-error', role: 'alert' },
    e instanceof ApiError ? e.message : 'Không tải được hồ sơ.'));
}

async function start() {
  if (param('id')) return review(Number(param('id')));
  const year = Number(param('year'));
  const kind = param('kind');
  const my = await get(`${API}/years/${year}/my`);
  const item = [...my.school_items, ...my.cluster_items].find((i) => i.kind === kind);
  if (!item) throw new ApiError({ status: 404, code: 'unknown_kind', message: 'Không có loại hồ sơ này.' });
  const own = my.school_items.includes(item) || my.head;
  render(year, item, my, own);
}

const editable = (item) => ['not_submitted', 'returned'].includes(item.state) && item.window !== 'locked';

function summary(item) {
  return facts([
    ['Mẫu', item.form || null],
    ['Hạn nộp', formatDate(item.due_date)],
    ['Ngày khóa', formatDate(item.lock_date)],
    ['Gia hạn đến', item.exception_until ? `${formatDate(item.exception_until)} — ${item.exception_reason || ''}` : null],
    ['Cửa sổ nộp hôm nay', WINDOW[item.window] || item.window],
    ['Trạng thái', stateBadge(item.state)],
    ['Tiến độ', timelinessBadge(item.timeliness)],
    ['Nộp lần đầu', item.first_submitted_at ? formatDateTime(item.first_submitted_at) : null],
    ['Lý do trả lại', item.state === 'returned' ? item.returned_reason : null],
  ]);
}

function fileList(item, submissionId, canRemove, reload) {
  if (!item.files.length) return h('p', { class: 'muted', id: 'files' }, 'Chưa có tệp nào.');
  const partLabel = Object.fromEntries((item.parts || []).map((p) => [p.code, p.label]));
  return h('ul', { id: 'files' }, item.files.map((f) => h('li', null,
    h('a', { href: `${API}/submissions/${submissionId}/files/${f.file_id}`, download: f.filename }, f.filename),
    ` — ${partLabel[f.part] || f.part} (${formatNumber(Math.ceil(f.size / 1024))} KB) `,
    canRemove ? h('button', { type: 'button', class: 'button button-small', onclick: async () => {
      if (!(await confirmDialog({ title: 'Gỡ tệp', message: `Gỡ tệp ${f.filename} khỏi hồ sơ?`, confirmLabel: 'Gỡ tệp', danger: true }))) return;
      try { await del(`${API}/submissions/${submissionId}/files/${f.file_id}`); notify('Đã gỡ tệp.'); reload(); } catch (e) { notify(e.message, 'error'); }
    } }, 'Gỡ tệp') : null)));
}

function uploadForm(year, item, reload) {
  const parts = item.parts || [];
  const partSel = select({ id: 'part', name: 'part', required: true,
    options: parts.map((p) => ({ value: p.code, label: p.min_files ? `${p.label} (bắt buộc${p.min_files > 1 ? `, ${p.min_files} tệp` : ''})` : p.label })) });
  const file = h('input', { type: 'file', id: 'file', name: 'file', required: true,
    accept: '.pdf,.doc,.docx,.odt,.jpg,.jpeg,.png' });
  const form = h('form', { class: 'form', id: 'upload-form', novalidate: true },
    field('Thành phần hồ sơ', partSel),
    field('Tệp hồ sơ', file, 'PDF, Word, ODT hoặc ảnh JPG/PNG; tối đa 10 MB mỗi tệp.'),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Tải tệp lên')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!file.files.length) { notify('Chọn tệp cần tải lên.', 'error'); file.focus(); return; }
    const body = new FormData();
    body.append('part', partSel.value);
    body.append('file', file.files[0]);
    try {
      await request('POST', `${API}/years/${year}/submissions/${item.kind}/files`, { body, timeout: 120000 });
      notify('Đã tải tệp lên.');
      reload();
    } catch (e) {
      notify(e.fields?.file?.message || e.message, 'error');
    }
  });
  return form;
}

function fieldsForm(year, item, reload) {
  const data = item.data_json || {};
  const controls = [];
  if (item.has_registration) {
    controls.push(field('Đăng ký thi đua', h('textarea', { id: 'registration', name: 'registration', rows: 3 }, data.registration || ''),
      'Danh hiệu, hình thức khen thưởng trường đăng ký trong năm.'));
  }
  let held;
  if (item.needs_held_on) {
    held = createDateInput({ id: 'held_on', name: 'held_on', value: data.held_on || '' });
    controls.push(h('div', { class: 'field' }, h('label', { for: 'held_on' }, 'Ngày tổ chức hội nghị'), held.el));
  }
  if (item.has_place) controls.push(field('Địa điểm', h('input', { id: 'place', name: 'place', value: data.place || '' })));
  controls.push(field('Ghi chú', h('textarea', { id: 'note', name: 'note', rows: 2 }, item.note || '')));
  const form = h('form', { class: 'form', id: 'fields-form', novalidate: true }, ...controls,
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Lưu')));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await put(`${API}/years/${year}/submissions/${item.kind}`, values(form, held));
      notify('Đã lưu.');
      reload();
    } catch (e) { notify(e.message, 'error'); }
  });
  return form;
}

function values(form, held) {
  const out = {};
  for (const name of ['registration', 'place', 'note']) {
    const el = form.elements.namedItem(name);
    if (el) out[name] = el.value.trim() || null;
  }
  if (held) out.held_on = held.get() || null;
  return out;
}

function render(year, item, my, own) {
  const reload = () => start().catch(fail);
  $('#page-title').textContent = `${item.title}${item.form ? ` (${item.form})` : ''}`;
  const content = $('#content');
  const canEdit = own && editable(item);
  replace(content,
    h('p', { class: 'no-print' }, h('a', { href: `/emulation/?year=${year}` }, '← Về trang thi đua')),
    summary(item),
    h('h2', null, 'Tệp hồ sơ'),
    fileList(item, item.submission_id, canEdit, reload));
  if (item.kind === 'score_sheet') {
    content.append(h('p', null, 'Điểm tự chấm nhập ở ', h('a', { href: cardLink(year, my.school_id, 'self') }, 'phiếu tự chấm điểm'), '.'));
  }
  if (item.needs_figures) {
    content.append(h('p', null, 'Số liệu phụ lục nhập ở trang ', h('a', { href: `/emulation/figures.html?year=${year}` }, 'số liệu chỉ tiêu thi đua'), '.'));
  }
  if (!own) return;
  if (!canEdit) {
    content.append(h('p', { class: 'notice' }, item.window === 'locked' && ['not_submitted', 'returned'].includes(item.state)
      ? 'Đã quá ngày khóa. Đề nghị Cụm trưởng gia hạn nếu trường có lý do chính đáng.'
      : 'Hồ sơ đã nộp nên đã khóa; chỉ sửa được khi được trả lại để bổ sung.'));
    return;
  }
  content.append(h('h2', null, 'Bổ sung hồ sơ'), uploadForm(year, item, reload), fieldsForm(year, item, reload));
  const submit = h('button', { type: 'button', class: 'button button-primary', id: 'submit' }, 'Nộp hồ sơ');
  submit.addEventListener('click', async () => {
    submit.disabled = true;
    try {
      const out = await post(`${API}/years/${year}/submissions/${item.kind}/submit`, {});
      notify(out.timeliness === 'late' ? 'Đã nộp hồ sơ (trễ hạn).' : 'Đã nộp hồ sơ.');
      reload();
    } catch (e) {
      notify(e.message, 'error');
      submit.disabled = false;
    }
  });
  content.append(h('div', { class: 'toolbar' }, submit,
    h('p', { class: 'hint' }, 'Sau khi nộp, hồ sơ bị khóa cho đến khi được trả lại để bổ sung.')));
}

// ---- review (cluster head, Academy) -----------------------------------------

async function review(id) {
  const s = await get(`${API}/submissions/${id}`);
  const me = await get(`${API}/me`, { year: s.year });
  const reviewer = me.board || (s.school_id && me.head && me.school?.cluster_id === s.cluster_id);
  $('#page-title').textContent = `${s.title}${s.form ? ` (${s.form})` : ''}`;
  const content = $('#content');
  const owner = s.school_name || `${s.cluster_name} (hồ sơ của cụm)`;
  replace(content,
    h('p', { class: 'no-print' }, h('a', { href: `/emulation/cluster.html?id=${s.cluster_id}` }, `← ${s.cluster_name}`)),
    facts([
      ['Đơn vị', owner],
      ['Hạn nộp', formatDate(s.due_date)],
      ['Ngày khóa', formatDate(s.lock_date)],
      ['Trạng thái', stateBadge(s.state)],
      ['Tiến độ', s.timeliness ? timelinessBadge(s.timeliness) : null],
      ['Nộp lần đầu', s.first_submitted_at ? formatDateTime(s.first_submitted_at) : null],
      ['Nộp lần cuối', s.last_submitted_at ? formatDateTime(s.last_submitted_at) : null],
      ['Nộp trong thời gian gia hạn', s.by_exception ? 'Có' : null],
      ['Đăng ký thi đua', s.data_json?.registration],
      ['Ngày tổ chức hội nghị', s.data_json?.held_on ? formatDate(s.data_json.held_on) : null],
      ['Địa điểm', s.data_json?.place],
      ['Ghi chú', s.note],
      ['Lý do trả lại', s.state === 'returned' ? s.returned_reason : null],
    ]),
    h('h2', null, 'Tệp hồ sơ'),
    fileList({ files: s.files.filter((f) => !f.removed_at), parts: [] }, s.id, false, null));
  if (!reviewer || !['submitted', 'resubmitted'].includes(s.state)) return;
  const reasonId = 'return-reason';
  const back = h('button', { type: 'button', class: 'button' }, 'Trả lại để bổ sung');
  back.addEventListener('click', () => {
    const reason = h('textarea', { id: reasonId, name: 'reason', rows: 3, required: true });
    const form = h('form', { class: 'form', novalidate: true }, field('Lý do trả lại', reason),
      h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button button-primary' }, 'Trả lại')));
    const d = openDialog({ title: 'Trả lại hồ sơ', content: form });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (!reason.value.trim()) { reason.focus(); return; }
      try {
        await post(`${API}/submissions/${id}/return`, { reason: reason.value.trim() });
        d.close(true);
        notify('Đã trả lại hồ sơ.');
        review(id).catch(fail);
      } catch (e) { notify(e.message, 'error'); }
    });
  });
  const ok = h('button', { type: 'button', class: 'button button-primary' }, 'Tiếp nhận');
  ok.addEventListener('click', async () => {
    try {
      await post(`${API}/submissions/${id}/accept`, {});
      notify('Đã tiếp nhận hồ sơ.');
      review(id).catch(fail);
    } catch (e) { notify(e.message, 'error'); }
  });
  content.append(h('div', { class: 'toolbar' }, ok, back));
}
