// users.js — user administration: list and search, create with roles and
// agency, edit, reset a password, disable and enable.

import { initShell, notify } from '/assets/js/shell.js';
import { h, replace, $ } from '/assets/js/dom.js';
import { get, post, put } from '/assets/js/api.js';
import { createForm } from '/assets/js/form.js';
import { createTable } from '/assets/js/table.js';
import { openDialog, confirmDialog } from '/assets/js/dialog.js';
import { createAgencyPicker, agencyField } from '/assets/js/agency-picker.js';
import { adminNav } from '/admin/admin-nav.js';

const API = '/api/core/users';
let roles = []; // [{code, title, module}]
let roleTitles = new Map();
let moduleTitles = new Map();
let picker;
let table;

const session = await initShell({ section: 'admin', title: 'Người dùng' });
if (session) start();

// The API's user object is read defensively: the contract names the fields
// that are written, not all those that are listed.
const agencyOf = (u) => u.agency || (u.agency_id != null ? { id: u.agency_id, name: u.agency_name || `#${u.agency_id}` } : null);
const isDisabled = (u) => u.disabled === true || (u.disabled_at != null && u.disabled !== false);

async function start() {
  adminNav('users');
  $('#toolbar').append(h('button', { type: 'button', class: 'button button-primary', onclick: () => editUser(null) }, 'Thêm người dùng'));

  const params = new URLSearchParams(location.search);
  picker = createAgencyPicker({ id: 'f-agency', name: 'agency', value: params.get('agency') || null, emptyLabel: '— Tất cả đơn vị trong phạm vi —' });
  replace($('#f-agency-slot'), picker.el);
  $('#f-q').value = params.get('q') || '';

  try {
    const [r, m] = await Promise.all([get('/api/core/roles'), get('/api/core/modules')]);
    roles = r;
    roleTitles = new Map(roles.map((x) => [x.code, x.title]));
    moduleTitles = new Map(m.map((x) => [x.name, x.title]));
  } catch (e) {
    notify(`Không tải được danh sách vai trò: ${e.message}`, 'error');
  }

  // The host pages this list (50 a page, ordered by name): a national
  // administrator's scope holds thousands of people.
  table = createTable({
    caption: 'Danh sách người dùng',
    rowKey: 'id',
    load: ({ page, per_page }) => get(API, { ...query(), page, per_page }),
    empty: 'Không có người dùng nào.',
    columns: [
      { key: 'full_name', label: 'Họ và tên' },
      { key: 'login', label: 'Tên đăng nhập' },
      { key: 'agency', label: 'Đơn vị', value: (u) => agencyOf(u)?.name },
      { key: 'roles', label: 'Vai trò', value: (u) => (u.roles || []).map((r) => roleTitles.get(r) || r).join(', ') },
      { key: 'last_login_at', label: 'Đăng nhập gần nhất', format: 'datetime' },
      {
        key: 'status',
        label: 'Trạng thái',
        value: (u) => (isDisabled(u) ? 'Đã khóa' : 'Đang hoạt động'),
        render: (u) => h('span', { class: `badge ${isDisabled(u) ? 'badge-off' : 'badge-ok'}` }, isDisabled(u) ? 'Đã khóa' : 'Đang hoạt động'),
      },
      { key: 'actions', label: 'Thao tác', sortable: false, className: 'col-actions', render: actions },
    ],
  });
  replace($('#users'), table.el);

  $('#filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  $('#filters').addEventListener('reset', () => {
    picker.set(null);
    setTimeout(load, 0);
  });
}

function query() {
  return { agency: picker.get(), q: $('#f-q').value.trim() };
}

/** Applies the filters: remembered in the address, list back to page 1. */
function load() {
  const url = new URL(location.href);
  for (const [k, v] of Object.entries(query())) v ? url.searchParams.set(k, v) : url.searchParams.delete(k);
  history.replaceState(null, '', url);
  return table.reload({ page: 1 });
}

function actions(u) {
  const btn = (label, onclick, kind) => h('button', { type: 'button', class: ['button', 'button-small', kind], onclick }, label);
  return h(
    'span',
    { class: 'actions' },
    btn('Sửa', () => editUser(u)),
    btn('Đặt lại mật khẩu', () => resetPassword(u)),
    isDisabled(u) ? btn('Mở khóa', () => setEnabled(u, true)) : btn('Khóa', () => setEnabled(u, false), 'button-danger'),
    h('a', { class: 'button button-small', href: `/admin/audit.html?entity=user&entity_id=${encodeURIComponent(u.id)}` }, 'Nhật ký'),
  );
}

function roleOptions() {
  return roles.map((r) => ({ value: r.code, label: r.title, hint: r.module ? `phân hệ ${moduleTitles.get(r.module) || r.module}` : null }));
}

function editUser(u) {
  const creating = !u;
  let dlg;
  const fields = [
    creating
      ? { name: 'login', label: 'Tên đăng nhập', required: true, autocomplete: 'off', maxlength: 64, width: 'l', minlength: 3, pattern: '[A-Za-z0-9._-]+', patternMessage: 'Chỉ dùng chữ không dấu, chữ số và các dấu . _ -', hint: 'Chữ không dấu, chữ số, dấu chấm, gạch dưới, gạch ngang. Ví dụ: hn.nguyenvana' }
      : null,
    { name: 'full_name', label: 'Họ và tên', required: true, maxlength: 200 },
    { name: 'email', label: 'Email', type: 'email', autocomplete: 'off', width: 'l' },
    { name: 'phone', label: 'Số điện thoại', type: 'tel', autocomplete: 'off', width: 'm', hint: '10 hoặc 11 chữ số, bắt đầu bằng 0 hoặc +84.' },
    agencyField({ name: 'agency_id', label: 'Đơn vị', required: true }),
    { name: 'roles', label: 'Vai trò', type: 'checkboxes', options: roleOptions(), hint: 'Vai trò có hiệu lực trong đơn vị của người dùng và các đơn vị trực thuộc.' },
    creating ? { name: 'password', label: 'Mật khẩu ban đầu', type: 'password', required: true, autocomplete: 'new-password', width: 'l', hint: 'Gửi mật khẩu này cho người dùng qua kênh an toàn.' } : null,
  ].filter(Boolean);

  const form = createForm({
    id: 'user-form',
    submitLabel: creating ? 'Thêm người dùng' : 'Lưu thay đổi',
    values: u ? { ...u, agency_id: agencyOf(u) } : {},
    fields,
    onCancel: () => dlg.close(),
    onSubmit: (v, { idempotencyKey }) => {
      const body = { full_name: v.full_name, email: v.email, phone: v.phone, agency_id: v.agency_id, roles: v.roles };
      if (creating) return post(API, { ...body, login: v.login, password: v.password }, { idempotencyKey });
      return put(`${API}/${encodeURIComponent(u.id)}`, body);
    },
    onSuccess: (_, v) => {
      dlg.close(true);
      notify(creating ? `Đã thêm người dùng “${v.full_name}”.` : `Đã lưu thông tin “${v.full_name}”.`);
      table.reload();
    },
  });
  dlg = openDialog({ title: creating ? 'Thêm người dùng' : `Sửa người dùng: ${u.full_name || u.login}`, content: form.el, wide: true });
}

function resetPassword(u) {
  let dlg;
  const form = createForm({
    id: 'reset-form',
    submitLabel: 'Đặt lại mật khẩu',
    fields: [
      { name: 'password', label: 'Mật khẩu mới', type: 'password', required: true, autocomplete: 'new-password', width: 'l', hint: 'Người dùng sẽ phải đổi mật khẩu này ở lần đăng nhập tới.' },
    ],
    onCancel: () => dlg.close(),
    onSubmit: (v, { idempotencyKey }) => post(`${API}/${encodeURIComponent(u.id)}/password`, { password: v.password }, { idempotencyKey }),
    onSuccess: () => {
      dlg.close(true);
      notify(`Đã đặt lại mật khẩu cho “${u.full_name || u.login}”.`);
    },
  });
  dlg = openDialog({ title: `Đặt lại mật khẩu: ${u.full_name || u.login}`, content: form.el });
}

async function setEnabled(u, enable) {
  const name = u.full_name || u.login;
  if (!enable) {
    const ok = await confirmDialog({
      title: 'Khóa tài khoản',
      message: `Khóa tài khoản “${name}” (${u.login})? Người này sẽ bị đăng xuất khỏi mọi thiết bị và không thể đăng nhập cho tới khi được mở khóa.`,
      confirmLabel: 'Khóa tài khoản',
      danger: true,
    });
    if (!ok) return;
  }
  try {
    await post(`${API}/${encodeURIComponent(u.id)}/${enable ? 'enable' : 'disable'}`);
    notify(enable ? `Đã mở khóa tài khoản “${name}”.` : `Đã khóa tài khoản “${name}”.`);
    table.reload();
  } catch (e) {
    notify(e.message, 'error');
  }
}
