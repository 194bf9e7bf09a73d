// participants.js — the participants of a bridge point: the list (search
// without accents, export), adding one person, moving a person to another
// point (the same registration moves), withdrawing, and the bulk upload of
// a CSV list: a dry run first (what happens to each row and why), then the
// import, which takes the whole file or nothing.

import { initShell, notify } from '/assets/js/shell.js';
import { $, h } from '/assets/js/dom.js';
import { get, post, apiUrl, asList } from '/assets/js/api.js';
import { createTable } from '/assets/js/table.js';
import { createForm } from '/assets/js/form.js';
import { openDialog, alertDialog, confirmDialog } from '/assets/js/dialog.js';
import { formatNumber } from '/assets/js/format.js';
import { CATEGORY, currentCourse, courseNav, option, param, showError } from '/course/common.js';

let course;
let points = [];
let table;

const session = await initShell({ module: 'course', title: 'Học viên' });
if (session) start();

let select;
let search;
const bpId = () => select.value;
const query = () => ({ course: course.id, bridge_point: bpId(), q: search.value.trim() });

async function start() {
  const content = $('#content');
  try {
    course = await currentCourse();
    points = course ? asList(await get('/api/course/bridge-points', { course: course.id, status: 'approved', per_page: 500 })).items : [];
  } catch (e) {
    showError(content, e);
    return;
  }
  if (!course) return;
  select = h('select', { id: 'bp-select', name: 'bridge_point' },
    option('', 'Tất cả điểm cầu trong phạm vi'),
    points.map((p) => option(String(p.id), `${p.name} (${p.code}) — ${formatNumber(p.registered)}/${formatNumber(p.seats)} chỗ`, String(p.id) === param('bridge_point'))));
  if (points.length === 1) select.value = String(points[0].id);
  const filter = h('form', { class: 'filters no-print', role: 'search' },
    h('div', null, h('label', { for: 'bp-select' }, 'Điểm cầu'), select),
    h('div', null, h('label', { for: 'p-q' }, 'Họ tên, CCCD hoặc điện thoại'), (search = h('input', { id: 'p-q', type: 'search' }))),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'button' }, 'Tìm')));
  filter.addEventListener('submit', (ev) => { ev.preventDefault(); refresh(); });
  select.addEventListener('change', refresh);
  table = createTable({
    caption: 'Học viên đăng ký',
    rowKey: 'id',
    perPage: 50,
    load: ({ page, per_page }) => get('/api/course/participants', { ...query(), page, per_page }),
    exportUrl: apiUrl('/api/course/participants', { course: course.id }),
    empty: 'Chưa có học viên nào.',
    columns: [
      { key: 'full_name', label: 'Họ và tên' },
      { key: 'position', label: 'Chức vụ' },
      { key: 'unit_name', label: 'Đơn vị' },
      { key: 'phone', label: 'Điện thoại' },
      { key: 'cccd_masked', label: 'CCCD' },
      { key: 'category_title', label: 'Đối tượng' },
      { key: 'bridge_point_code', label: 'Điểm cầu' },
      { key: 'status_title', label: 'Trạng thái' },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions',
        render: (r) => r.status !== 'confirmed' ? '' : h('span', null,
          h('button', { type: 'button', class: 'button button-small', onclick: () => transfer(r) }, 'Chuyển điểm cầu'), ' ',
          h('button', { type: 'button', class: 'button button-small button-danger', onclick: () => withdraw(r) }, 'Hủy đăng ký')) },
    ],
  });
  content.append(courseNav('participants', course), filter,
    h('div', { class: 'toolbar no-print' },
      h('button', { type: 'button', class: 'button button-primary', id: 'p-add', onclick: addPerson }, 'Thêm học viên')),
    table.el, importSection());
}

function refresh() {
  table.setExportUrl(apiUrl('/api/course/participants', query()));
  table.reload({ page: 1 });
}

function needPoint() {
  if (bpId()) return true;
  alertDialog({ title: 'Chọn điểm cầu', message: 'Hãy chọn điểm cầu trước.' });
  return false;
}

function addPerson() {
  if (!needPoint()) return;
  let dialog;
  const form = createForm({
    id: 'p-form',
    submitLabel: 'Đăng ký',
    fields: personFields(),
    onSubmit: (v, { idempotencyKey }) => post('/api/course/participants', { ...v, bridge_point_id: Number(bpId()), idempotency_key: idempotencyKey }),
    onSuccess: (r) => { dialog.close(true); notify(`Đã đăng ký ${r.full_name}, mã đăng ký ${r.ticket}.`); table.reload(); },
    onCancel: () => dialog.close(false),
  });
  dialog = openDialog({ title: 'Thêm học viên', content: form.el, wide: true });
}

function personFields() {
  return [
    { name: 'full_name', label: 'Họ và tên', required: true, maxlength: 200 },
    { name: 'cccd', label: 'Số căn cước công dân', required: true, inputmode: 'numeric', hint: '12 chữ số.' },
    { name: 'position', label: 'Chức vụ', required: true, maxlength: 200 },
    { name: 'unit', label: 'Đơn vị công tác', required: true, maxlength: 255 },
    { name: 'phone', label: 'Số điện thoại', type: 'tel', required: true },
    { name: 'email', label: 'Thư điện tử', type: 'email', hint: 'Không bắt buộc; nếu có, thư xác nhận được gửi tới địa chỉ này.' },
    { name: 'category', label: 'Đối tượng', type: 'radios', required: true,
      options: Object.entries(CATEGORY).map(([value, label]) => ({ value, label })) },
  ];
}

function transfer(r) {
  let dialog;
  const form = createForm({
    id: 'p-transfer',
    submitLabel: 'Chuyển',
    fields: [{ name: 'bridge_point_id', label: 'Điểm cầu mới', type: 'select', required: true,
      options: points.filter((p) => p.id !== r.bridge_point_id).map((p) => ({ value: p.id, label: `${p.name} (${p.code})` })) }],
    onSubmit: (v) => post(`/api/course/participants/${r.id}/transfer`, v),
    onSuccess: () => { dialog.close(true); notify(`Đã chuyển ${r.full_name} sang điểm cầu mới.`); table.reload(); },
    onCancel: () => dialog.close(false),
  });
  dialog = openDialog({ title: `Chuyển điểm cầu: ${r.full_name}`, content: form.el });
}

async function withdraw(r) {
  if (!(await confirmDialog({ title: 'Hủy đăng ký', message: `Hủy đăng ký của ${r.full_name}?`, confirmLabel: 'Hủy đăng ký', danger: true }))) return;
  try {
    await post(`/api/course/participants/${r.id}/withdraw`, {});
    notify(`Đã hủy đăng ký của ${r.full_name}.`);
    table.reload();
  } catch (e) {
    alertDialog({ title: 'Không thực hiện được', message: e.message });
  }
}

// ---- bulk upload ---------------------------------------------------------

const ACTION = { add: 'Thêm mới', update: 'Cập nhật', skip: 'Bỏ qua (đã có)', invalid: 'Không hợp lệ', conflict: 'Đã đăng ký nơi khác' };

function importSection() {
  const result = h('div', { id: 'import-result', 'aria-live': 'polite' });
  const file = h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.csv,text/csv,text/plain' });
  const mode = h('fieldset', null, h('legend', null, 'Chế độ'),
    h('label', null, h('input', { type: 'radio', name: 'mode', value: 'add_only', checked: true }), ' Chỉ thêm người mới'),
    h('label', null, h('input', { type: 'radio', name: 'mode', value: 'add_update' }), ' Thêm mới và cập nhật người đã có'));
  const run = async (dryRun) => {
    if (!needPoint()) return;
    if (!file.files.length) {
      alertDialog({ title: 'Chọn tệp', message: 'Hãy chọn tệp CSV danh sách học viên.' });
      return;
    }
    const body = new FormData();
    body.append('bridge_point_id', bpId());
    body.append('mode', $('input[name=mode]:checked').value);
    body.append('dry_run', dryRun ? '1' : '0');
    body.append('file', file.files[0]);
    try {
      const report = await post('/api/course/participants/import', body, { timeout: 120000 });
      showReport(result, report);
      if (!dryRun) {
        notify(`Đã nhập ${report.to_add} người mới, cập nhật ${report.to_update} người.`);
        table.reload();
      }
    } catch (e) {
      result.replaceChildren(h('p', { class: 'notice notice-error', role: 'alert' }, e.message));
    }
  };
  return h('section', { class: 'no-print', 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, 'Nhập danh sách từ tệp CSV'),
    h('p', null, 'Tệp CSV (UTF-8, có hoặc không có BOM; phân cách bằng dấu phẩy, chấm phẩy hoặc tab), dòng đầu là tiêu đề: Họ và tên, Số CCCD, Điện thoại (bắt buộc); Chức vụ, Đơn vị, Đối tượng, Email (không bắt buộc). Hãy chạy thử trước: tệp chỉ được nhập khi mọi dòng hợp lệ.'),
    h('div', null, h('label', { for: 'import-file' }, 'Tệp danh sách'), file), mode,
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', class: 'button', id: 'import-dry', onclick: () => run(true) }, 'Chạy thử'),
      h('button', { type: 'button', class: 'button button-primary', id: 'import-go', onclick: () => run(false) }, 'Nhập danh sách')),
    result);
}

function showReport(container, r) {
  const summary = `${r.dry_run ? 'Chạy thử' : 'Đã nhập'}: ${r.total} dòng — thêm mới ${r.to_add}, cập nhật ${r.to_update}, bỏ qua ${r.to_skip}, không hợp lệ ${r.invalid} (trùng trong tệp ${r.duplicates_in_file}), đã đăng ký nơi khác ${r.conflicts}; còn ${r.seats_left} chỗ.`;
  const rows = createTable({
    caption: 'Kết quả từng dòng',
    rows: r.rows,
    perPage: 100,
    columns: [
      { key: 'line', label: 'Dòng', format: 'number' },
      { key: 'full_name', label: 'Họ và tên' },
      { key: 'cccd', label: 'CCCD' },
      { key: 'action', label: 'Kết quả', value: (x) => ACTION[x.action] || x.action },
      { key: 'message', label: 'Lý do' },
    ],
  });
  container.replaceChildren(h('p', { class: r.invalid || r.conflicts ? 'notice notice-warning' : 'notice notice-success', id: 'import-summary' }, summary), rows.el);
}
