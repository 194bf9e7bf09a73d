// bridge-points.js — bridge points (điểm cầu) in the caller's scope: the
// list with filters and exports, registering a point (a commune for itself,
// a province for itself and its communes), and on each point the steps its
// state allows: approve or return (the level above), resubmit, record a
// connection test, correct seats and contacts.

import { initShell, notify } from '/assets/js/shell.js';
import { $, h } from '/assets/js/dom.js';
import { get, post, put, apiUrl } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';
import { createForm } from '/assets/js/form.js';
import { agencyField } from '/assets/js/agency-picker.js';
import { openDialog, alertDialog } from '/assets/js/dialog.js';
import { formatDateTime, formatNumber } from '/assets/js/format.js';
import { BP_STATUS, CONNECTION, LEVEL, badge, currentCourse, courseNav, option, showError } from '/course/common.js';

let course;
let table;
let filterForm;

const session = await initShell({ module: 'course', title: 'Điểm cầu' });
if (session) start();

function filters() {
  const f = filterForm;
  return { course: course.id, status: f.status.value, level: f.level.value, q: f.q.value.trim() };
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
  filterForm = h('form', { id: 'bp-filters', class: 'filters no-print', role: 'search' },
    h('div', null, h('label', { for: 'f-status' }, 'Trạng thái'),
      h('select', { id: 'f-status', name: 'status' }, option('', 'Tất cả'),
        Object.entries(BP_STATUS).map(([k, [l]]) => option(k, l)))),
    h('div', null, h('label', { for: 'f-level' }, 'Cấp'),
      h('select', { id: 'f-level', name: 'level' }, option('', 'Tất cả'),
        Object.entries(LEVEL).map(([k, l]) => option(k, l)))),
    h('div', null, h('label', { for: 'f-q' }, 'Tên hoặc mã'), h('input', { id: 'f-q', name: 'q', type: 'search' })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Tìm')));
  filterForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    table.setExportUrl(apiUrl('/api/course/bridge-points', filters()));
    table.reload({ page: 1 });
  });
  table = createTable({
    caption: 'Danh sách điểm cầu',
    rowKey: 'id',
    perPage: 50,
    load: ({ page, per_page }) => get('/api/course/bridge-points', { ...filters(), page, per_page }),
    exportUrl: apiUrl('/api/course/bridge-points', { course: course.id }),
    empty: 'Chưa có điểm cầu nào trong phạm vi của đơn vị.',
    columns: [
      { key: 'code', label: 'Mã' },
      { key: 'name', label: 'Tên điểm cầu' },
      { key: 'level', label: 'Cấp', value: (r) => LEVEL[r.level] },
      { key: 'province_name', label: 'Tỉnh, thành phố' },
      { key: 'seats', label: 'Số chỗ', format: 'number' },
      { key: 'registered', label: 'Đã đăng ký', format: 'number' },
      { key: 'status', label: 'Trạng thái', render: (r) => badge(BP_STATUS, r.status) },
      { key: 'connection_status', label: 'Thử kết nối', render: (r) => badge(CONNECTION, r.connection_status) },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions',
        render: (r) => h('button', { type: 'button', class: 'button button-small', onclick: () => showPoint(r.id) }, 'Xem') },
    ],
  });
  content.append(courseNav('bridge-points', course),
    h('div', { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'button button-primary', id: 'bp-new', onclick: registerPoint }, 'Đăng ký điểm cầu')),
    filterForm, table.el);
}

function registerPoint() {
  let dialog;
  const form = createForm({
    id: 'bp-form',
    submitLabel: 'Gửi đăng ký',
    fields: [
      agencyField({ name: 'agency_id', label: 'Đơn vị đặt điểm cầu', required: true, hint: 'Học viện, tỉnh, thành phố hoặc xã, phường, đặc khu.' }),
      { name: 'name', label: 'Tên điểm cầu', maxlength: 255, hint: 'Để trống: "Điểm cầu" + tên đơn vị.' },
      { name: 'code', label: 'Mã điểm cầu', maxlength: 64, pattern: '[A-Za-z0-9._-]+', hint: 'Để trống: mã của đơn vị. Học viên dùng mã này để đăng ký.' },
      { name: 'address', label: 'Địa chỉ', required: true, maxlength: 500 },
      { name: 'organizer_name', label: 'Người phụ trách', required: true, maxlength: 200 },
      { name: 'contact_phone', label: 'Điện thoại liên hệ', type: 'tel', required: true },
      { name: 'contact_email', label: 'Thư điện tử liên hệ', type: 'email' },
      { name: 'seats', label: 'Số chỗ', type: 'number', min: 1, max: 100000, required: true },
      { name: 'expected', label: 'Số người dự kiến', type: 'number', min: 0, max: 100000 },
    ],
    onSubmit: (v) => post('/api/course/bridge-points', { ...v, course: course.id }),
    onSuccess: (created) => {
      dialog.close(true);
      notify(`Đã gửi đăng ký điểm cầu ${created.code}; chờ cấp trên duyệt.`);
      table.reload();
    },
    onCancel: () => dialog.close(false),
  });
  dialog = openDialog({ title: 'Đăng ký điểm cầu', content: form.el, wide: true });
}

async function showPoint(id) {
  let bp;
  try {
    bp = await get(`/api/course/bridge-points/${id}`);
  } catch (e) {
    await alertDialog({ title: 'Không mở được điểm cầu', message: e.message });
    return;
  }
  const facts = h('dl', { class: 'facts' },
    ...[['Mã', bp.code], ['Đơn vị', bp.agency_name], ['Cấp', LEVEL[bp.level]], ['Địa chỉ', bp.address],
      ['Người phụ trách', bp.organizer_name], ['Điện thoại', bp.contact_phone], ['Thư điện tử', bp.contact_email],
      ['Số chỗ / đã đăng ký', `${formatNumber(bp.seats)} / ${formatNumber(bp.registered)}`],
      ['Dự kiến', formatNumber(bp.expected)], ['Trạng thái', BP_STATUS[bp.status]?.[0]],
      ['Lý do trả lại', bp.return_reason], ['Thử kết nối', `${CONNECTION[bp.connection_status]?.[0]}${bp.connection_tested_at ? ` (${formatDateTime(bp.connection_tested_at)})` : ''}`],
      ['Đường truyền', bp.stream_link]]
      .flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v == null || v === '' ? '—' : String(v))]));
  const actions = h('div', { class: 'toolbar' });
  const dialog = openDialog({ title: bp.name, content: h('div', null, facts, actions), wide: true });
  const act = (label, fn, cls = 'button') => actions.append(h('button', { type: 'button', class: cls, onclick: fn }, label));
  const done = (msg) => { dialog.close(true); notify(msg); table.reload(); };
  const fail = (e) => alertDialog({ title: 'Không thực hiện được', message: e.message });
  if (bp.can_decide && bp.status === 'submitted') {
    act('Duyệt', () => post(`/api/course/bridge-points/${id}/approve`).then(() => done('Đã duyệt điểm cầu.'), fail), 'button button-primary');
    act('Trả lại', () => askReason(id).then((ok) => ok && done('Đã trả lại điểm cầu.')));
  }
  if (bp.status === 'returned') {
    act('Gửi lại', () => post(`/api/course/bridge-points/${id}/submit`).then(() => done('Đã gửi lại điểm cầu.'), fail), 'button button-primary');
  }
  if (bp.status === 'approved') {
    act('Kết nối đạt', () => post(`/api/course/bridge-points/${id}/connection-test`, { status: 'ok' }).then(() => done('Đã ghi kết quả thử kết nối.'), fail));
    act('Kết nối lỗi', () => post(`/api/course/bridge-points/${id}/connection-test`, { status: 'failed' }).then(() => done('Đã ghi kết quả thử kết nối.'), fail));
  }
  act('Sửa số chỗ, liên hệ', () => { dialog.close(false); editPoint(bp); });
}

function askReason(id) {
  return new Promise((resolve) => {
    let dialog;
    const form = createForm({
      id: 'bp-return',
      submitLabel: 'Trả lại',
      fields: [{ name: 'reason', label: 'Lý do trả lại', type: 'textarea', required: true, minlength: 5, maxlength: 1000 }],
      onSubmit: (v) => post(`/api/course/bridge-points/${id}/return`, v),
      onSuccess: () => { dialog.close(true); resolve(true); },
      onCancel: () => { dialog.close(false); resolve(false); },
    });
    dialog = openDialog({ title: 'Trả lại điểm cầu', content: form.el });
  });
}

function editPoint(bp) {
  let dialog;
  const form = createForm({
    id: 'bp-edit',
    submitLabel: 'Lưu',
    values: bp,
    fields: [
      { name: 'address', label: 'Địa chỉ', required: true, maxlength: 500 },
      { name: 'organizer_name', label: 'Người phụ trách', required: true, maxlength: 200 },
      { name: 'contact_phone', label: 'Điện thoại liên hệ', type: 'tel', required: true },
      { name: 'contact_email', label: 'Thư điện tử liên hệ', type: 'email' },
      { name: 'seats', label: 'Số chỗ', type: 'number', min: 1, max: 100000, required: true },
      { name: 'expected', label: 'Số người dự kiến', type: 'number', min: 0, max: 100000 },
    ],
    onSubmit: (v) => put(`/api/course/bridge-points/${bp.id}`, v),
    onSuccess: () => { dialog.close(true); notify('Đã lưu điểm cầu.'); table.reload(); },
    onCancel: () => dialog.close(false),
  });
  dialog = openDialog({ title: `Sửa ${bp.name}`, content: form.el, wide: true });
}
